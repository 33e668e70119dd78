"""Meeting records (docs/domain.md §6 M1–M5): theme party days, committee and annual
meetings, joint meetings and visits with member units, training of grid staff."""

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import MemberUnit, OrgNode, PartyMember


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Form(models.TextChoices):
    """The forms the policy names (三(三)), and any other."""

    PARTY_LECTURE = "lecture", _("Party lecture")
    DISCUSSION = "discussion", _("Discussion")
    STUDY_VISIT = "visit", _("Study visit")
    FIELD_RESEARCH = "research", _("Field research")
    VOLUNTARY_LABOUR = "labour", _("Voluntary labour")
    VISITING_MEMBERS = "comfort", _("Visiting party members in difficulty")
    OTHER = "other", _("Other")


class State(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class ThemeDay(models.Model):
    committee = models.ForeignKey(
        OrgNode,
        verbose_name=_("community committee"),
        on_delete=models.PROTECT,
        related_name="theme_days",
    )
    topic = models.CharField(_("topic"), max_length=200)
    form = models.CharField(_("form"), max_length=16, choices=Form.choices)
    form_other = models.CharField(_("other form"), max_length=60, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    organiser = models.ForeignKey(
        PartyMember,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.SCHEDULED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    checkin_token = models.CharField(max_length=64, default=new_token, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("theme party day")
        verbose_name_plural = _("theme party days")
        ordering = ["-date", "-start_time", "-pk"]
        indexes = [models.Index(fields=["committee", "date"])]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:detail", args=[self.pk])

    @property
    def form_label(self) -> str:
        if self.form == Form.OTHER and self.form_other:
            return self.form_other
        return self.get_form_display()


class Presence(models.TextChoices):
    INVITED = "invited", _("Invited")
    PRESENT = "present", _("Present")
    LEAVE = "leave", _("On leave")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """One party member at one theme party day: invited, present, on leave or absent, and any
    make-up session (补课) recorded for an absence."""

    theme_day = models.ForeignKey(ThemeDay, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        PartyMember, verbose_name=_("party member"), on_delete=models.PROTECT, related_name="+"
    )
    invited = models.BooleanField(_("invited"), default=True)
    presence = models.CharField(
        _("attendance"), max_length=16, choices=Presence.choices, default=Presence.INVITED
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    by_qr = models.BooleanField(_("by QR code"), default=False)
    leave_reason = models.CharField(_("reason for leave"), max_length=200, blank=True)
    makeup_on = models.DateField(_("make-up session on"), null=True, blank=True)
    makeup_note = models.CharField(_("make-up session"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["member__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme_day", "member"], name="attendance_one_per_member"
            )
        ]

    def __str__(self):
        return f"{self.member} @ {self.theme_day}"

    def get_absolute_url(self):
        return self.theme_day.get_absolute_url()


class Photo(models.Model):
    """Stored under MEDIA_ROOT, served only through meetings:photo (an access-checked view)."""

    theme_day = models.ForeignKey(ThemeDay, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="theme-days/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.caption or f"#{self.pk}"


class CalendarFeed(models.Model):
    """An unguessable token for an iCal feed: a committee's or a party member's."""

    committee = models.OneToOneField(
        OrgNode, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    member = models.OneToOneField(
        PartyMember, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, default=new_token, unique=True, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(committee__isnull=True) ^ models.Q(member__isnull=True),
                name="calendarfeed_one_owner",
            )
        ]

    def __str__(self):
        return f"feed #{self.pk}"


# ---------------------------------------------------------------------------------------------
# Committee meetings and resolutions (例会与决议, M2)


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular meeting")
    AD_HOC = "adhoc", _("Ad-hoc meeting")


class CommitteeMeeting(models.Model):
    committee = models.ForeignKey(
        OrgNode,
        verbose_name=_("community committee"),
        on_delete=models.PROTECT,
        related_name="committee_meetings",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    place = models.CharField(_("place"), max_length=200)
    agenda = models.TextField(_("agenda"), help_text=_("One item a line"))
    minutes = models.TextField(_("minutes"), blank=True)
    members_total = models.PositiveSmallIntegerField(
        _("committee members"), help_text=_("All committee members when the meeting was set")
    )
    present = models.ManyToManyField(
        PartyMember, verbose_name=_("present"), related_name="+", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-date", "-start_time", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:committee_meeting", args=[self.pk])

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class Resolution(models.Model):
    """A motion put to a committee meeting, with its counts; adopted by the settings' majority
    of all committee members (not of those present)."""

    meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.PROTECT, related_name="resolutions"
    )
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"))
    votes_abstain = models.PositiveSmallIntegerField(_("abstain"))
    adopted = models.BooleanField(_("adopted"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-meeting__date", "-pk"]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


# ---------------------------------------------------------------------------------------------
# The representatives' annual meeting (党员代表会议年会, M3): the committee's work report is heard
# and reviewed, each officer reports on their duties (述职) and is rated (评议) anonymously.


class AnnualState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    RATING = "rating", _("Rating open")
    CLOSED = "closed", _("Closed")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    COMPETENT = "competent", _("Competent")
    BASIC = "basic", _("Basically competent")
    INCOMPETENT = "incompetent", _("Incompetent")


class AnnualMeeting(models.Model):
    committee = models.ForeignKey(
        OrgNode,
        verbose_name=_("community committee"),
        on_delete=models.PROTECT,
        related_name="annual_meetings",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    place = models.CharField(_("place"), max_length=200)
    state = models.CharField(
        _("state"), max_length=16, choices=AnnualState.choices, default=AnnualState.SCHEDULED
    )
    work_report = models.TextField(_("work report"), blank=True)
    work_report_file = models.FileField(
        _("work report file"), upload_to="annual-meetings/", blank=True
    )
    report_pdf = models.FileField(upload_to="annual-reports/", blank=True, editable=False)
    report_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("annual representatives' meeting")
        verbose_name_plural = _("annual representatives' meetings")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="annual_meeting_one_a_year")
        ]

    def __str__(self):
        return f"{self.year} {self.committee}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:annual", args=[self.pk])


class Representative(models.Model):
    """A party member invited to the annual meeting as a representative: they may rate."""

    meeting = models.ForeignKey(
        AnnualMeeting, on_delete=models.CASCADE, related_name="representatives"
    )
    member = models.ForeignKey(
        PartyMember, verbose_name=_("party member"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["member__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="representative_once_per_meeting"
            )
        ]

    def __str__(self):
        return str(self.member)


class OfficerReport(models.Model):
    """An officer in post (secretary, deputy, member) and their duty report (述职)."""

    meeting = models.ForeignKey(AnnualMeeting, on_delete=models.CASCADE, related_name="officers")
    officer = models.ForeignKey(
        PartyMember, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="+"
    )
    post_kind = models.CharField(_("post"), max_length=32)
    position = models.PositiveSmallIntegerField(default=0)
    report = models.TextField(_("duty report"), blank=True)

    class Meta:
        ordering = ["position", "officer__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "officer"], name="officer_once_per_meeting")
        ]

    def __str__(self):
        return str(self.officer)

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


class RatingCast(models.Model):
    """Who has rated: one row per representative and meeting, nothing about what they rated,
    and no time of its own (the meeting's date is all that is known)."""

    meeting = models.ForeignKey(AnnualMeeting, on_delete=models.CASCADE, related_name="casts")
    representative = models.ForeignKey(PartyMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "representative"], name="rating_cast_once_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.representative} @ {self.meeting}"


class Rating(models.Model):
    """What was rated: no link to the rater, no time, and a random key so that the order of
    the keys does not follow the order of the casts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(AnnualMeeting, on_delete=models.CASCADE, related_name="ratings")
    officer = models.ForeignKey(OfficerReport, on_delete=models.CASCADE, related_name="ratings")
    grade = models.CharField(max_length=16, choices=Grade.choices)

    def __str__(self):
        return self.get_grade_display()


# ---------------------------------------------------------------------------------------------
# Joint meetings with the member units, visits to them (联席会议、走访, M4) and the training of
# grid staff (网格员培训, M5): policy 三(三) and 四(一)/(二).


class JointMeeting(models.Model):
    committee = models.ForeignKey(
        OrgNode,
        verbose_name=_("community committee"),
        on_delete=models.PROTECT,
        related_name="joint_meetings",
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200)
    agenda = models.TextField(_("agenda"), max_length=4000, help_text=_("One item a line"))
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)
    resolutions = models.TextField(_("resolutions"), max_length=8000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["committee", "date"])]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:joint_meeting", args=[self.pk])

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class JointInvitation(models.Model):
    """A member unit invited to a joint meeting; whether it attended, and who came for it."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey(
        MemberUnit, verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="+"
    )
    attended = models.BooleanField(_("attended"), default=False)
    participants = models.CharField(_("who took part"), max_length=200, blank=True)
    members = models.ManyToManyField(
        PartyMember, verbose_name=_("party members who took part"), related_name="+", blank=True
    )

    class Meta:
        ordering = ["unit__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "unit"], name="joint_invitation_once")
        ]

    def __str__(self):
        return f"{self.unit} @ {self.meeting}"


class Visit(models.Model):
    """A visit (走访) of the committee to a member unit's party organisation."""

    committee = models.ForeignKey(
        OrgNode,
        verbose_name=_("community committee"),
        on_delete=models.PROTECT,
        related_name="unit_visits",
    )
    unit = models.ForeignKey(
        MemberUnit, verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    visitors = models.CharField(_("visited by"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=200)
    outcome = models.TextField(_("outcome"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.unit}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:visit", args=[self.pk])


class Training(models.Model):
    """A training session for the grid staff of a committee (网格员培训)."""

    committee = models.ForeignKey(
        OrgNode,
        verbose_name=_("community committee"),
        on_delete=models.PROTECT,
        related_name="trainings",
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    trainer = models.CharField(_("trainer"), max_length=100)
    # The policy asks for training by level and type (分层次、分类别, 三(四)).
    level = models.CharField(
        _("level and type"),
        max_length=100,
        blank=True,
        help_text=_("For example: grid leaders; new grid staff; petition handling"),
    )
    place = models.CharField(_("place"), max_length=200)
    trainees = models.ManyToManyField(
        PartyMember, through="TrainingAttendance", related_name="+", verbose_name=_("invited")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:training", args=[self.pk])


class TrainingAttendance(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        PartyMember, verbose_name=_("grid staff"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        ordering = ["member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["training", "member"], name="training_once_each")
        ]

    def __str__(self):
        return f"{self.member} @ {self.training}"
