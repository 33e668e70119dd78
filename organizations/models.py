"""The organisation tree, member units, party members, households, posts, roles, the audit log."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from mptt.models import MPTTModel, TreeForeignKey

from . import rules
from .validators import validate_mobile_phone, validate_resident_id


class NodeKind(models.IntegerChoices):
    DISTRICT = rules.DISTRICT, _("District")
    STREET = rules.STREET, _("Town or street")
    COMMITTEE = rules.COMMITTEE, _("Community committee")
    GRID = rules.GRID, _("Grid branch")
    BUILDING = rules.BUILDING, _("Building group")
    HOUSEHOLD = rules.HOUSEHOLD, _("Party-member household")


class OrgNode(MPTTModel):
    """One organisation of the four-level structure, under its street and district.

    Write only through organizations.actions (node_create, node_update): they lock the tree
    first, because two django-mptt writes at once can corrupt the nested sets.
    """

    kind = models.PositiveSmallIntegerField(_("level"), choices=NodeKind.choices)
    name = models.CharField(_("name"), max_length=120)
    parent = TreeForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    boundary = models.TextField(
        _("boundary"), blank=True, help_text=_("Grids: streets and courtyards it covers")
    )
    map_image = models.ImageField(_("grid map"), upload_to="grid-maps/", blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class MPTTMeta:
        order_insertion_by = ["name"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [
            ("view_roster", _("See rosters of members, units and households")),
            ("manage_tree", _("Add and edit organisations below")),
            ("manage_roster", _("Add and edit members, units and households")),
            ("manage_posts", _("Start and end posts")),
            ("view_sensitive", _("See full ID numbers and phones")),
            ("view_audit", _("Search the audit log")),
            ("run_elections", _("Run the formation of a community committee")),
            ("decide_filings", _("Approve, return or record filings")),
            ("run_meetings", _("Schedule and run meetings and theme party days")),
            ("manage_services", _("Manage co-building, volunteer service and contact cards")),
            ("handle_matters", _("Handle residents' matters")),
            ("confirm_service", _("Confirm members' volunteer service")),
            ("manage_funds", _("Record activity fund spending")),
            ("approve_spending", _("Approve activity fund spending")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__gte=1, kind__lte=6), name="orgnode_kind_1_6"
            ),
        ]
        # A subtree is a range of `lft` in one tree: filters bound `lft` on both sides
        # (selectors.subtree_q, access.scope_q) so this index serves them (performance.md).
        indexes = [models.Index(fields=["tree_id", "lft"], name="orgnode_tree_lft")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:node", args=[self.pk])


class UnitKind(models.TextChoices):
    ORGAN = "organ", _("Government organ")
    INSTITUTION = "institution", _("Public institution")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprise")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Non-public enterprise")
    SOCIAL_ORGANISATION = "social_organisation", _("Social organisation")
    DISTRICT_ORGAN = "district_organ", _("District-level organ")


class MemberUnit(models.Model):
    """A unit's party organisation in the community's area (辖区单位党组织).

    It keeps its own superior organisation (隶属关系不变) and is linked to one or more
    community committees through UnitLink, never moved into the tree.
    """

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    superior = models.CharField(_("superior organisation"), max_length=160)
    registered_on = models.DateField(_("registered with the community on"), null=True, blank=True)
    secretary_name = models.CharField(_("party secretary"), max_length=60, blank=True)
    deputy_names = models.CharField(_("deputy secretaries"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[validate_mobile_phone]
    )
    member_count = models.PositiveIntegerField(_("party members"), default=0)
    committees = models.ManyToManyField(OrgNode, through="UnitLink", related_name="member_units")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member unit")
        verbose_name_plural = _("member units")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:unit", args=[self.pk])


class UnitLink(models.Model):
    """A unit's membership of one community committee, from one date to another."""

    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="links")
    committee = models.ForeignKey(
        OrgNode,
        on_delete=models.PROTECT,
        related_name="unit_links",
        verbose_name=_("community committee"),
    )
    started_on = models.DateField(_("linked since"))
    ended_on = models.DateField(_("linked until"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "committee"],
                condition=models.Q(ended_on__isnull=True),
                name="unitlink_one_open_link",
            )
        ]

    def __str__(self):
        return f"{self.unit} → {self.committee}"


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class PartyStatus(models.TextChoices):
    FULL = "full", _("Full member")
    PROBATIONARY = "probationary", _("Probationary member")


class MemberCategory(models.TextChoices):
    RESIDENT = "resident", _("Resident member")
    IN_SERVICE = "in_service", _("In-service member")
    FLOATING = "floating", _("Floating member")
    RETIRED = "retired", _("Retired member")


class PartyMember(models.Model):
    name = models.CharField(_("full name"), max_length=60)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("phone"), max_length=20, validators=[validate_mobile_phone])
    resident_id = models.CharField(
        _("resident ID number"), max_length=18, unique=True, validators=[validate_resident_id]
    )
    party_status = models.CharField(_("party status"), max_length=16, choices=PartyStatus.choices)
    joined_on = models.DateField(_("joined the party on"))
    category = models.CharField(_("category"), max_length=16, choices=MemberCategory.choices)
    workplace = models.ForeignKey(
        MemberUnit,
        verbose_name=_("workplace unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    node = models.ForeignKey(
        OrgNode, verbose_name=_("home"), on_delete=models.PROTECT, related_name="members"
    )
    relationship_held_at = models.CharField(
        _("organisational relationship held at"), max_length=160, blank=True
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_member",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:member", args=[self.pk])

    @property
    def masked_resident_id(self):
        return rules.mask_resident_id(self.resident_id)

    @property
    def masked_phone(self):
        return rules.mask_phone(self.phone)


class Household(models.Model):
    node = models.ForeignKey(
        OrgNode, verbose_name=_("building"), on_delete=models.PROTECT, related_name="households"
    )
    address = models.CharField(_("address"), max_length=200)
    head_name = models.CharField(_("head of household"), max_length=60, blank=True)
    people_count = models.PositiveSmallIntegerField(_("people"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["address", "pk"]

    def __str__(self):
        return self.address


class RecipientKind(models.TextChoices):
    ELDERLY = "elderly", _("Elderly person")
    MINOR = "minor", _("Minor")
    PREGNANT = "pregnant", _("Pregnant woman")
    DISABLED = "disabled", _("Person with a disability")
    HARDSHIP = "hardship", _("Family in difficulty")
    ENTITLED = "entitled", _("Entitled group")


class ServiceRecipient(models.Model):
    node = models.ForeignKey(
        OrgNode, verbose_name=_("grid"), on_delete=models.PROTECT, related_name="service_recipients"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, null=True, blank=True
    )
    name = models.CharField(_("full name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=16, choices=RecipientKind.choices)
    needs = models.TextField(_("needs"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("service recipient")
        verbose_name_plural = _("service recipients")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class PostKind(models.TextChoices):
    SECRETARY = rules.Kind.SECRETARY, _("Secretary")
    FULLTIME_DEPUTY = rules.Kind.FULLTIME_DEPUTY, _("Full-time deputy secretary")
    PARTTIME_DEPUTY = rules.Kind.PARTTIME_DEPUTY, _("Part-time deputy secretary")
    FULLTIME_MEMBER = rules.Kind.FULLTIME_MEMBER, _("Full-time member")
    PARTTIME_MEMBER = rules.Kind.PARTTIME_MEMBER, _("Part-time member")
    OFFICE_HEAD = rules.Kind.OFFICE_HEAD, _("Head of the committee office")
    GRID_SECRETARY = rules.Kind.GRID_SECRETARY, _("Grid branch secretary")
    GRID_MEMBER = rules.Kind.GRID_MEMBER, _("Grid branch member")
    GRID_LEADER = rules.Kind.GRID_LEADER, _("Grid leader")
    GROUP_LEADER = rules.Kind.GROUP_LEADER, _("Building group leader")
    HOUSEHOLD_HEAD = rules.Kind.HOUSEHOLD_HEAD, _("Party-member household head")


class PostSource(models.TextChoices):
    DIRECT = "direct", _("Direct entry")
    ELECTED = "elected", _("Elected")
    ENGAGED = "engaged", _("Engaged")
    APPOINTED = "appointed", _("Appointed")


class Post(models.Model):
    """Who held which post on which node, from when to when, by which decision.

    Ending a post sets ended_on; posts are never deleted, so each node keeps its history.
    """

    person = models.ForeignKey(
        PartyMember, verbose_name=_("person"), on_delete=models.PROTECT, related_name="posts"
    )
    node = models.ForeignKey(
        OrgNode, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="posts"
    )
    kind = models.CharField(_("post"), max_length=24, choices=PostKind.choices)
    source = models.CharField(_("how they came"), max_length=16, choices=PostSource.choices)
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    decision_ref = models.CharField(_("decision reference"), max_length=80, blank=True)
    counts_against_quota = models.BooleanField(_("takes a leadership seat"), default=False)
    concurrent_branch_post = models.BooleanField(
        _("holds the same post in the community party organisation"), default=False
    )
    exception_reason = models.TextField(_("reason for the exception"), blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["node", "kind", "started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="post_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "node", "kind"],
                condition=models.Q(ended_on__isnull=True),
                name="post_one_open_per_person_node_kind",
            ),
        ]

    def __str__(self):
        return f"{self.node} · {self.get_kind_display()} · {self.person}"

    @property
    def active(self) -> bool:
        return self.ended_on is None


class Role(models.TextChoices):
    DISTRICT_STAFF = "district_staff", _("District organisation department staff")
    STREET_STAFF = "street_staff", _("Street committee staff")
    COMMUNITY_SECRETARY = "community_secretary", _("Community committee secretary")
    COMMUNITY_OFFICE = "community_office", _("Community committee office")
    GRID_SECRETARY = "grid_secretary", _("Grid branch secretary")
    UNIT_CONTACT = "unit_contact", _("Member unit contact")
    PARTY_MEMBER = "party_member", _("Party member")


class RoleAssignment(models.Model):
    """A user's role on one node; its permissions reach the node's subtree (see access.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="roles"
    )
    node = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, null=True, blank=True)
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        indexes = [models.Index(fields=["user", "ended_at"])]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.node}"


class AuditEventQuerySet(models.QuerySet):
    """The audit log is append-only: no code path updates or deletes a row."""

    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), on_delete=models.PROTECT, null=True
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    node = models.ForeignKey(
        OrgNode,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")
