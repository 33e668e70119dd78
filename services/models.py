"""Units and co-building (S1–S3) and the activity funds (F1) of a community committee.

Money is kept in fen (integers); the pages show yuan.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations.models import MemberUnit, OrgNode


class UnitRegistration(models.Model):
    """S3: a unit's party organisation has registered (报到) with a community committee."""

    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="registrations")
    committee = models.ForeignKey(
        OrgNode,
        on_delete=models.PROTECT,
        related_name="unit_registrations",
        verbose_name=_("community committee"),
    )
    registered_on = models.DateField(_("registered on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit registration")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "committee"], name="services_one_registration_per_committee"
            )
        ]

    def __str__(self):
        return f"{self.unit} → {self.committee}"

    def get_absolute_url(self):
        return self.unit.get_absolute_url()


class Direction(models.TextChoices):
    FROM_UNIT = "from_unit", _("The unit offers the community")
    TO_UNIT = "to_unit", _("The community offers the unit")


class CommitmentKind(models.TextChoices):
    MONEY = "money", _("Funds")
    TALENT = "talent", _("Talent")
    VENUE = "venue", _("Venue")
    PROJECT = "project", _("Project")
    SERVICE = "service", _("Service")


class Fulfilment(models.TextChoices):
    PROMISED = "promised", _("Promised")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


class Commitment(models.Model):
    """S2: one two-way commitment (联建双向承诺) between a committee and a unit, for a year."""

    committee = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="commitments")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="commitments")
    year = models.PositiveSmallIntegerField(_("year"))
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=CommitmentKind.choices)
    description = models.TextField(_("what is promised"))
    amount_fen = models.BigIntegerField(_("amount (fen)"), null=True, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    status = models.CharField(
        _("fulfilment"), max_length=16, choices=Fulfilment.choices, default=Fulfilment.PROMISED
    )
    evidence = models.FileField(_("evidence"), upload_to="services/evidence/", blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commitment")
        ordering = ["-year", "unit_id", "direction", "pk"]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("services:commitment_list", args=[self.committee_id])


class Agreement(models.Model):
    """S1: the yearly co-building agreement (共驻共建协议) of a committee and a unit."""

    committee = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="agreements")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="agreements")
    year = models.PositiveSmallIntegerField(_("year"))
    goals = models.TextField(_("goals"))
    community_tasks = models.TextField(_("what the community does"), blank=True)
    unit_tasks = models.TextField(_("what the unit does"), blank=True)
    # The committee meeting's resolution that approved the agreement, when it was recorded there.
    resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("resolution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_scan = models.FileField(_("signed copy"), upload_to="services/agreements/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("co-building agreement")
        ordering = ["-year", "unit__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "unit", "year"], name="services_one_agreement_a_year"
            )
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"

    def get_absolute_url(self):
        return reverse("services:agreement", args=[self.pk])


class AgreementProject(models.Model):
    """A project of an agreement, with its owner, deadline and progress."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("project"), max_length=160)
    owner = models.CharField(_("owner"), max_length=80)
    deadline = models.DateField(_("deadline"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_note = models.CharField(_("progress note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement project")
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.agreement.get_absolute_url()


class Fund(models.Model):
    """F1: a committee's activity funds for one year; its row is the lock spends take."""

    committee = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="funds")
    year = models.PositiveSmallIntegerField(_("year"))
    budget_fen = models.BigIntegerField(_("budget (fen)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("activity funds")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="services_one_fund_a_year")
        ]

    def __str__(self):
        return f"{self.committee} {self.year}"

    def get_absolute_url(self):
        return reverse("services:funds", args=[self.committee_id]) + f"?year={self.year}"


class FundIncome(models.Model):
    """Money added to the year's funds, e.g. a party-fee subsidy (党费补助)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="incomes")
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    source = models.CharField(_("source"), max_length=120)
    received_on = models.DateField(_("received on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]

    def __str__(self):
        return self.source


class SpendState(models.TextChoices):
    RECORDED = "recorded", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class FundSpend(models.Model):
    """A spend against the year's funds: recorded by the office, approved by the secretary.

    A recorded spend already holds its amount, so two pending spends cannot overdraw together;
    a rejected one gives it back.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="spends")
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    purpose = models.CharField(_("purpose"), max_length=200)
    spent_on = models.DateField(_("date"))
    activity = models.CharField(_("activity"), max_length=200, blank=True)
    receipt = models.FileField(_("receipt"), upload_to="services/receipts/", blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=SpendState.choices, default=SpendState.RECORDED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["spent_on", "pk"]

    def __str__(self):
        return self.purpose

    def get_absolute_url(self):
        return self.fund.get_absolute_url()


class Basis(models.TextChoices):
    HOME = "home", _("Where I live")
    WORK = "work", _("Where I work")


class DualRegistration(models.Model):
    """S4 双报到: an in-service member registers with the community where they live or work."""

    member = models.ForeignKey(
        "organizations.PartyMember", on_delete=models.PROTECT, related_name="dual_registrations"
    )
    committee = models.ForeignKey(
        OrgNode,
        on_delete=models.PROTECT,
        related_name="dual_registrations",
        verbose_name=_("community committee"),
    )
    basis = models.CharField(_("registered as"), max_length=8, choices=Basis.choices)
    registered_on = models.DateField(_("registered on"))
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    preferred_service = models.CharField(_("preferred service post"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dual registration")
        ordering = ["registered_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "committee"], name="services_one_dual_registration"
            )
        ]

    def __str__(self):
        return f"{self.member} → {self.committee}"

    def get_absolute_url(self):
        return reverse("services:my_registration")


class OpeningKind(models.TextChoices):
    POST = "post", _("Service post")
    PROJECT = "project", _("Service project")


class ServiceOpening(models.Model):
    """S5: a service post (岗位) or project published by the committee for members to take up."""

    committee = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="openings")
    kind = models.CharField(_("kind"), max_length=8, choices=OpeningKind.choices)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=160, blank=True)
    schedule = models.CharField(_("when"), max_length=160, blank=True)
    is_open = models.BooleanField(_("open for sign-up"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("service opening")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:opening_list", args=[self.committee_id])


class SignupMode(models.TextChoices):
    DIRECTED = "directed", _("Directed commitment")
    SELF_CHOSEN = "self_chosen", _("Self-chosen service")


class Signup(models.Model):
    """A member takes up an opening, alone or with a group (双服务, 双选择)."""

    opening = models.ForeignKey(ServiceOpening, on_delete=models.CASCADE, related_name="signups")
    member = models.ForeignKey(
        "organizations.PartyMember", on_delete=models.PROTECT, related_name="service_signups"
    )
    mode = models.CharField(_("how"), max_length=16, choices=SignupMode.choices)
    group_name = models.CharField(
        _("group"), max_length=120, blank=True, help_text=_("Leave empty when serving alone.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opening", "member"], name="services_one_signup")
        ]

    def __str__(self):
        return f"{self.member} → {self.opening}"


class RecordState(models.TextChoices):
    RECORDED = "recorded", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Not confirmed")


class ServiceRecord(models.Model):
    """Hours of service at a grid (or the committee), confirmed by the grid secretary."""

    member = models.ForeignKey(
        "organizations.PartyMember", on_delete=models.PROTECT, related_name="service_records"
    )
    node = models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, related_name="service_records", verbose_name=_("where")
    )
    opening = models.ForeignKey(
        ServiceOpening,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("post or project"),
    )
    served_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    description = models.CharField(_("what was done"), max_length=200)
    state = models.CharField(
        _("state"), max_length=16, choices=RecordState.choices, default=RecordState.RECORDED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("service record")
        ordering = ["served_on", "pk"]

    def __str__(self):
        return f"{self.member} {self.served_on} {self.hours}"

    def get_absolute_url(self):
        return reverse("services:record_list", args=[self.node_id])


class Commendation(models.Model):
    """A1: a unit commended by the committee for a year's co-building (年度表彰)."""

    committee = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="commendations")
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="commendations")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("commendation"), max_length=160)
    decided_on = models.DateField(_("decided on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commendation")
        ordering = ["-year", "decided_on", "pk"]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.title}"

    def get_absolute_url(self):
        return reverse("services:assessment", args=[self.committee_id]) + f"?year={self.year}"
