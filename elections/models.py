"""Forming a community committee: one election per committee and term (docs/domain.md §4).

Secrecy (architecture.md): who took part (Participation) and what was voted (Ballot) are two
tables; a ballot has no link to a person, no timestamp and a random key.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import MemberUnit, OrgNode, PartyMember, Post, PostKind


class Stage(models.TextChoices):
    """The steps of an election, in order (issue 3, policy 二(四))."""

    DIRECT_ENTRY = "direct_entry", _("Direct entry")
    SEATS = "seats", _("Seats published")
    NOMINATION = "nomination", _("Nominations")
    REVIEW = "review", _("Qualification review")
    PUBLICITY = "publicity", _("Publicity and notice")
    MEETING = "meeting", _("Election meeting")
    COUNTED = "counted", _("Counted")
    FILED = "filed", _("Filed with the street")
    APPROVED = "approved", _("Approved by the street")
    RECORDED = "recorded", _("Filed with the district")
    FOUNDED = "founded", _("Founded and appointed")


STAGE_ORDER = list(Stage.values)


class Category(models.TextChoices):
    """The two categories voted separately (二(四))."""

    PARTTIME_DEPUTY = "parttime_deputy", _("Part-time deputy secretary")
    MEMBER = "member", _("Committee member")


CATEGORY_POST = {
    Category.PARTTIME_DEPUTY: PostKind.PARTTIME_DEPUTY,
    Category.MEMBER: PostKind.PARTTIME_MEMBER,
}


class Election(models.Model):
    committee = models.ForeignKey(
        OrgNode,
        verbose_name=_("community committee"),
        on_delete=models.PROTECT,
        related_name="elections",
    )
    term = models.CharField(_("term"), max_length=40, help_text=_("For example 2026—2031"))
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.DIRECT_ENTRY
    )
    vacancy = models.ForeignKey(
        Post,
        verbose_name=_("vacancy refilled"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set for a by-election of one seat"),
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "term"], name="election_one_per_committee_term"
            )
        ]

    def __str__(self):
        return f"{self.committee} {self.term}"

    def reached(self, stage: str) -> bool:
        return STAGE_ORDER.index(self.stage) >= STAGE_ORDER.index(stage)


class DirectEntry(models.Model):
    """An elected member of the community party organisation, who enters directly."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="direct_entries")
    person = models.ForeignKey(PartyMember, verbose_name=_("person"), on_delete=models.PROTECT)
    branch_post = models.CharField(_("post in the community party organisation"), max_length=60)
    post_kind = models.CharField(
        _("post on the committee"), max_length=24, choices=PostKind.choices
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person"], name="directentry_once_per_election"
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.branch_post}"


class Seats(models.Model):
    """职数设置: how many seats each category has, published before nominations."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="seats")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    count = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election", "category"], name="seats_once_per_category"
            ),
            models.CheckConstraint(condition=models.Q(count__gte=1), name="seats_at_least_one"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.count}"


class Route(models.TextChoices):
    SELF = "self", _("Self-nomination")
    JOINT = "joint", _("Joint nomination by party members")
    ORGANISATION = "organisation", _("Recommendation by an organisation")


class Background(models.TextChoices):
    """Where nominees come from (二(四))."""

    UNIT_LEADER = "unit_leader", _("Leader of a unit's party organisation")
    POLICE = "police", _("Community party-member police officer")
    NON_PUBLIC = "non_public", _("Party leader in a non-public enterprise")
    SOCIAL = "social", _("Party leader in a social organisation")


class Review(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Qualified")
    REJECTED = "rejected", _("Not qualified")


class Nomination(models.Model):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="nominations")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    nominee = models.ForeignKey(
        PartyMember, verbose_name=_("nominee"), on_delete=models.PROTECT, related_name="nominations"
    )
    route = models.CharField(_("route"), max_length=16, choices=Route.choices)
    background = models.CharField(_("background"), max_length=16, choices=Background.choices)
    recommending_unit = models.ForeignKey(
        MemberUnit,
        verbose_name=_("recommending organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    recommended_by_branch = models.BooleanField(
        _("recommended by the community branch"), default=False
    )
    co_signers = models.ManyToManyField(
        PartyMember, verbose_name=_("co-signers"), blank=True, related_name="co_signed_nominations"
    )
    statement = models.TextField(_("reasons for the nomination"), blank=True)
    review = models.CharField(
        _("review"), max_length=16, choices=Review.choices, default=Review.PENDING
    )
    review_reason = models.CharField(_("review reason"), max_length=200, blank=True)
    speech_order = models.PositiveSmallIntegerField(_("speech order"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "category", "nominee"], name="nomination_once_per_category"
            )
        ]

    def __str__(self):
        return f"{self.nominee} · {self.get_category_display()}"


class Publicity(models.Model):
    """公示 of the review result, and 预告 of the meeting."""

    election = models.OneToOneField(Election, on_delete=models.PROTECT, related_name="publicity")
    starts_on = models.DateField(_("publicity from"))
    ends_on = models.DateField(_("publicity until"))
    meeting_at = models.DateTimeField(_("meeting time"))
    meeting_place = models.CharField(_("meeting place"), max_length=120)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="publicity_period"
            )
        ]

    def __str__(self):
        return f"{self.starts_on}–{self.ends_on}"


class Objection(models.Model):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="objections")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, null=True, blank=True)
    text = models.TextField(_("objection"))
    answer = models.TextField(_("answer"), blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.text[:40]


class Basis(models.TextChoices):
    """Why a person is on the meeting roll (二(四))."""

    UNIT_SECRETARY = "unit_secretary", _("Unit party secretary or deputy")
    BRANCH_MEMBER = "branch_member", _("Member of the community party organisation")
    REPRESENTATIVE = "representative", _("Party member representative")


class RollEntry(models.Model):
    """Who is due at the meeting (应到), who is excluded and why, who checked in (实到)."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="roll")
    person = models.ForeignKey(PartyMember, verbose_name=_("person"), on_delete=models.PROTECT)
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)
    excluded_reason = models.CharField(_("reason for exclusion"), max_length=200, blank=True)
    checked_in = models.BooleanField(_("checked in"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="roll_once_per_election")
        ]

    def __str__(self):
        return str(self.person)


class TellerRole(models.TextChoices):
    SCRUTINEER = "scrutineer", _("Scrutineer")
    CHIEF_SCRUTINEER = "chief_scrutineer", _("Chief scrutineer")
    COUNTER = "counter", _("Counter")


class Teller(models.Model):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="tellers")
    person = models.ForeignKey(PartyMember, verbose_name=_("person"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=20, choices=TellerRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="teller_once_per_election")
        ]

    def __str__(self):
        return f"{self.person} · {self.get_role_display()}"


class RoundState(models.TextChoices):
    OPEN = "open", _("Voting")
    CLOSED = "closed", _("Closed, counting")
    SIGNED_OFF = "signed_off", _("Signed off")
    VOID = "void", _("Void")


class Round(models.Model):
    """One vote in one category: the first round, a run-off (B6) or another round (B7)."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="rounds")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    number = models.PositiveSmallIntegerField(_("round"))
    seats = models.PositiveSmallIntegerField(_("seats"))
    runoff = models.BooleanField(_("run-off among the tied"), default=False)
    candidates = models.ManyToManyField(Nomination, related_name="rounds")
    # B6: names written in (另选他人) that tied for the last seat are on the run-off's ballot
    # beside the tied nominees, as their ballot keys ("write-in:张三"); empty in other rounds.
    write_ins = models.JSONField(_("written-in names on the ballot"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=RoundState.choices, default=RoundState.OPEN
    )
    due = models.PositiveIntegerField(_("due to attend"))
    issued = models.PositiveIntegerField(_("ballots issued"), default=0)
    result = models.JSONField(_("result"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election", "category", "number"], name="round_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_category_display()} #{self.number}"


class Participation(models.Model):
    """Who took part in a round: one row per person, never linked to their ballot."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="participations")
    person = models.ForeignKey(PartyMember, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="participation_once")
        ]

    def __str__(self):
        return f"{self.person} · {self.round}"


class Ballot(models.Model):
    """What was voted: the ○ marks of one ballot. No person, no time, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="ballots")
    marks = models.JSONField(default=list)

    def __str__(self):
        return str(self.id)


class VoteCode(models.Model):
    """A one-time code for the kiosk, handed to a checked-in voter; only its hash is kept."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="codes")
    person = models.ForeignKey(PartyMember, on_delete=models.PROTECT)
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="votecode_once")]

    def __str__(self):
        return f"{self.round} · {self.person}"


class PaperEntry(models.Model):
    """A returned paper ballot as one teller entered it; two tellers enter each sheet."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="paper_entries")
    sheet = models.PositiveIntegerField(_("sheet number"))
    slot = models.PositiveSmallIntegerField(
        _("entry"), choices=[(1, _("first entry")), (2, _("second entry"))]
    )
    marks = models.JSONField(default=list)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "sheet", "slot"], name="paperentry_once")
        ]

    def __str__(self):
        return f"{self.round} · {self.sheet}/{self.slot}"


class ChainEvent(models.Model):
    """The election's hash-chained log: each event's hash covers the one before it."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="chain")
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["election", "seq"]
        constraints = [models.UniqueConstraint(fields=["election", "seq"], name="chain_seq_unique")]

    def __str__(self):
        return f"{self.seq} {self.action}"


class FilingKind(models.TextChoices):
    RESULT = "result", _("Election result")
    ROSTER = "roster", _("Committee roster")
    REMOVAL = "removal", _("Removal of a member")


class FilingState(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class RemovalState(models.TextChoices):
    NOTIFIED = "notified", _("Notified by the unit")
    DECIDED = "decided", _("Decided by the committee, with the street")
    APPROVED = "approved", _("Approved by the street, with the district")
    DONE = "done", _("Filed; the post has ended")
    RETURNED = "returned", _("Returned")


def _notice_path(instance, filename):
    return f"removal-notices/{uuid.uuid4()}{filename[filename.rfind('.') :].lower()}"


class Removal(models.Model):
    """二(六): a part-time deputy or member who can no longer serve leaves by this route."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="removals"
    )
    notice = models.FileField(_("the unit's written notice"), upload_to=_notice_path)
    notice_on = models.DateField(_("notice dated"))
    reason = models.CharField(_("reason for leaving"), max_length=200)
    decision_ref = models.CharField(_("committee decision reference"), max_length=80, blank=True)
    # The committee meeting's resolution the decision was taken by, when it was recorded there.
    resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("resolution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("committee decided on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=RemovalState.choices, default=RemovalState.NOTIFIED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("removal")
        verbose_name_plural = _("removals")

    def __str__(self):
        return f"{self.post} · {self.get_state_display()}"


class Filing(models.Model):
    """A document sent up for approval (street) or for the record (district)."""

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="filings", null=True
    )
    removal = models.ForeignKey(
        Removal, on_delete=models.PROTECT, related_name="filings", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FilingKind.choices)
    addressee = models.ForeignKey(
        OrgNode, verbose_name=_("addressed to"), on_delete=models.PROTECT, related_name="inbox"
    )
    state = models.CharField(
        _("state"), max_length=16, choices=FilingState.choices, default=FilingState.WAITING
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    final_hash = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.addressee}"


class Appointment(models.Model):
    """委任: a grid branch or building group post, recommended by the area's party members."""

    node = models.ForeignKey(
        OrgNode, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.OneToOneField(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="appointment"
    )
    recommenders = models.ManyToManyField(
        PartyMember, verbose_name=_("recommended by"), related_name="+"
    )
    decision_ref = models.CharField(_("committee decision reference"), max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self):
        return str(self.post)


class WriteInMatch(models.Model):
    """A name written in (另选他人) that won (B4), matched by the secretary to a party member.

    The ballot keeps only the written name; before the founding meeting the secretary says who
    that name is, so the post can start for a person of the community.
    """

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="write_in_matches"
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    key = models.CharField(_("written-in name"), max_length=120)
    person = models.ForeignKey(
        PartyMember, verbose_name=_("party member"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("written-in name matched")
        verbose_name_plural = _("written-in names matched")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "category", "key"], name="write_in_match_once"
            )
        ]

    def __str__(self):
        return f"{self.name} → {self.person}"

    @property
    def name(self) -> str:
        from elections.tally import WRITE_IN

        return self.key[len(WRITE_IN) :]
