"""The residents' side (docs/decisions/0004): contact cards (S6), matters (S7, S9), special
groups (S8). Write only through residents.actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import OrgNode, Post, ServiceRecipient


class GridCard(models.Model):
    """What a grid's contact card says beyond its posts: its service hours."""

    node = models.OneToOneField(
        OrgNode, verbose_name=_("grid"), on_delete=models.CASCADE, related_name="grid_card"
    )
    service_hours = models.CharField(_("service hours"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("grid contact card")
        verbose_name_plural = _("grid contact cards")

    def __str__(self):
        return str(self.node)


class ContactCard(models.Model):
    """A responsible person's entry on the card: photo and duties, kept with the post."""

    post = models.OneToOneField(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="contact_card"
    )
    photo = models.ImageField(_("photo"), upload_to="contact-photos/", blank=True)
    duties = models.CharField(_("duties"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("contact card entry")
        verbose_name_plural = _("contact card entries")

    def __str__(self):
        return str(self.post_id)


class CardBatch(models.Model):
    """The printed cards of a grid, stored with a fingerprint of what is on them."""

    node = models.OneToOneField(
        OrgNode, verbose_name=_("grid"), on_delete=models.CASCADE, related_name="card_batch"
    )
    fingerprint = models.CharField(max_length=64)
    pdf = models.FileField(upload_to="contact-cards/", max_length=300)
    households = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("batch of contact cards")
        verbose_name_plural = _("batches of contact cards")

    def __str__(self):
        return str(self.node)


class MatterKind(models.TextChoices):
    REQUEST = "request", _("Request for help")
    OPINION = "opinion", _("Opinion or suggestion")
    COMPLAINT = "complaint", _("Complaint")
    DISPUTE = "dispute", _("Neighbourhood dispute")
    OTHER = "other", _("Other")


class MatterStatus(models.TextChoices):
    OPEN = "open", _("Being handled")
    CLOSED = "closed", _("Closed")


class Matter(models.Model):
    """A resident's matter: handled on `node` (building, grid or community committee)."""

    ticket = models.CharField(_("ticket code"), max_length=9, unique=True)
    grid = models.ForeignKey(
        OrgNode, verbose_name=_("grid"), on_delete=models.PROTECT, related_name="grid_matters"
    )
    node = models.ForeignKey(
        OrgNode, verbose_name=_("handled at"), on_delete=models.PROTECT, related_name="matters"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MatterKind.choices)
    description = models.TextField(_("description"))
    contact = models.CharField(_("contact"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=MatterStatus.choices, default=MatterStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    left_grid = models.BooleanField(_("escalated beyond the grid"), default=False)
    public = models.BooleanField(_("recorded by a resident"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("residents' matter")
        verbose_name_plural = _("residents' matters")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["grid", "status"])]

    def __str__(self):
        return self.ticket


class Escalation(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="escalations")
    from_node = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+")
    to_node = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.matter_id}: {self.from_node_id} → {self.to_node_id}"


class Need(models.TextChoices):
    DAY_CARE = "day_care", _("Day care")
    COMFORT = "comfort", _("Comfort visits")
    TUTORING = "tutoring", _("Tutoring")
    REHABILITATION = "rehabilitation", _("Rehabilitation")
    MEALS = "meals", _("Meal delivery")
    JOBS = "jobs", _("Job placement")
    TRAINING = "training", _("Training")


class RecipientNeeds(models.Model):
    recipient = models.OneToOneField(
        ServiceRecipient, on_delete=models.CASCADE, related_name="resident_needs"
    )
    # A JSON list of Need values rather than an array column: the demo runs on SQLite too.
    needs = models.JSONField(default=list, blank=True)

    def __str__(self):
        return str(self.recipient_id)


class VisitKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    SERVICE = "service", _("Service")


class Visit(models.Model):
    recipient = models.ForeignKey(
        ServiceRecipient,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=VisitKind.choices)
    need = models.CharField(_("need"), max_length=16, choices=Need.choices, blank=True)
    visited_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["recipient", "visited_on"])]

    def __str__(self):
        return f"{self.recipient_id} {self.visited_on}"
