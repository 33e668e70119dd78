"""Writes of theme party days; each appends to the audit log."""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from organizations import rules as org_rules
from organizations.actions import audit
from organizations.models import OrgNode, PartyMember, Post, PostKind

from . import rules, selectors
from .models import (
    Attendance,
    CalendarFeed,
    CommitteeMeeting,
    Photo,
    Presence,
    Resolution,
    State,
    ThemeDay,
)

FIELDS = ("topic", "form", "form_other", "date", "start_time", "end_time", "place", "organiser")


def default_invitees(committee: OrgNode):
    """The post holders of the committee and of its grid branches (open posts)."""
    grids = OrgNode.objects.filter(parent=committee, kind=org_rules.GRID).values("pk")
    holders = Post.objects.filter(ended_on__isnull=True).filter(
        node__in=[committee.pk, *[g["pk"] for g in grids]]
    )
    return PartyMember.objects.filter(pk__in=holders.values("person_id"))


@transaction.atomic
def theme_day_create(*, actor, committee: OrgNode, ip=None, **fields) -> ThemeDay:
    if committee.kind != org_rules.COMMITTEE:
        raise ValidationError(_("Theme party days are held by community committees."))
    theme_day = ThemeDay(committee=committee, **{k: fields[k] for k in FIELDS if k in fields})
    theme_day.full_clean()
    theme_day.save()
    Attendance.objects.bulk_create(
        Attendance(theme_day=theme_day, member=member) for member in default_invitees(committee)
    )
    audit(actor=actor, action="theme_day.create", node=committee, obj=theme_day, ip=ip)
    return theme_day


@transaction.atomic
def theme_day_update(*, actor, theme_day: ThemeDay, ip=None, **changes) -> ThemeDay:
    if theme_day.state in (State.CLOSED, State.CANCELLED):
        raise ValidationError(_("A closed or cancelled theme party day cannot be changed."))
    for name in changes:
        if name not in FIELDS + ("minutes",):
            raise ValueError(name)
        setattr(theme_day, name, changes[name])
    theme_day.full_clean()
    theme_day.save()
    audit(
        actor=actor,
        action="theme_day.update",
        node=theme_day.committee,
        obj=theme_day,
        data={"fields": sorted(changes)},
        ip=ip,
    )
    return theme_day


def _move(actor, theme_day, target, ip, **data):
    rules.check_transition(theme_day.state, target)
    theme_day.state = target
    theme_day.save()
    audit(
        actor=actor,
        action=f"theme_day.{target}",
        node=theme_day.committee,
        obj=theme_day,
        data=data,
        ip=ip,
    )
    return theme_day


@transaction.atomic
def theme_day_mark_held(*, actor, theme_day: ThemeDay, ip=None) -> ThemeDay:
    return _move(actor, theme_day, State.HELD, ip)


@transaction.atomic
def theme_day_close(*, actor, theme_day: ThemeDay, ip=None) -> ThemeDay:
    rules.check_close(theme_day.minutes)
    return _move(actor, theme_day, State.CLOSED, ip)


@transaction.atomic
def theme_day_cancel(*, actor, theme_day: ThemeDay, reason: str, ip=None) -> ThemeDay:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    theme_day.cancel_reason = reason
    return _move(actor, theme_day, State.CANCELLED, ip, reason=reason)


@transaction.atomic
def invite(*, actor, theme_day: ThemeDay, member: PartyMember, ip=None) -> Attendance:
    if not selectors.is_community_member(member, theme_day.committee):
        raise ValidationError(_("Only party members of this community can be invited."))
    row, _created = Attendance.objects.get_or_create(theme_day=theme_day, member=member)
    if not row.invited:
        row.invited = True
        row.save(update_fields=["invited"])
    audit(actor=actor, action="theme_day.invite", node=theme_day.committee, obj=row, ip=ip)
    return row


@transaction.atomic
def attendance_tick(*, actor, theme_day: ThemeDay, present_ids, ip=None) -> int:
    """The secretary's list: the ticked are present, the other invited (not on leave) absent."""
    if theme_day.state in (State.CLOSED, State.CANCELLED):
        raise ValidationError(_("A closed or cancelled theme party day cannot be changed."))
    present_ids = {int(pk) for pk in present_ids}
    now = timezone.now()
    rows = list(theme_day.attendance.select_for_update())
    changed = 0
    for row in rows:
        if row.pk in present_ids and row.presence != Presence.PRESENT:
            row.presence, row.checked_in_at = Presence.PRESENT, row.checked_in_at or now
            changed += 1
        elif row.pk not in present_ids and row.presence in (Presence.PRESENT, Presence.INVITED):
            row.presence = Presence.ABSENT
            changed += 1
    Attendance.objects.bulk_update(rows, ["presence", "checked_in_at"])
    audit(
        actor=actor,
        action="theme_day.attendance",
        node=theme_day.committee,
        obj=theme_day,
        data={"present": len(present_ids)},
        ip=ip,
    )
    return changed


@transaction.atomic
def check_in(*, user, theme_day: ThemeDay, token: str, ip=None) -> Attendance:
    """A logged-in party member scanned the meeting's QR code."""
    if token != theme_day.checkin_token:
        raise ValidationError(_("This check-in code is not valid."))
    if theme_day.state not in (State.SCHEDULED, State.HELD):
        raise ValidationError(_("Check-in is closed for this theme party day."))
    member = selectors.member_of_user(user)
    if member is None:
        raise ValidationError(_("Your login is not linked to a party member record."))
    row = Attendance.objects.filter(theme_day=theme_day, member=member).first()
    if row is None:
        if not selectors.is_community_member(member, theme_day.committee):
            raise ValidationError(
                _("Only invited party members and members of this community can check in.")
            )
        row = Attendance(theme_day=theme_day, member=member, invited=False)
    row.presence = Presence.PRESENT
    row.by_qr = True
    row.checked_in_at = row.checked_in_at or timezone.now()
    row.save()
    audit(actor=user, action="theme_day.check_in", node=theme_day.committee, obj=row, ip=ip)
    return row


@transaction.atomic
def attendance_update(*, actor, attendance: Attendance, ip=None, **changes) -> Attendance:
    """Leave (请假) with its reason, or a make-up session (补课) for an absence."""
    for name in ("presence", "leave_reason", "makeup_on", "makeup_note"):
        if name in changes:
            setattr(attendance, name, changes[name])
    if attendance.presence == Presence.LEAVE and not attendance.leave_reason.strip():
        raise ValidationError({"leave_reason": _("Give the reason for the leave.")})
    if attendance.makeup_on and attendance.presence == Presence.PRESENT:
        raise ValidationError({"makeup_on": _("A make-up session is for those who missed it.")})
    attendance.save()
    audit(
        actor=actor,
        action="theme_day.attendance_update",
        node=attendance.theme_day.committee,
        obj=attendance,
        data={"fields": sorted(changes)},
        ip=ip,
    )
    return attendance


@transaction.atomic
def photo_add(*, actor, theme_day: ThemeDay, upload, caption: str = "", ip=None) -> Photo:
    """Validate by content (Pillow), not the name; store under MEDIA_ROOT with a random name."""
    rules.check_photo_size(upload.size)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            image_format = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError({"image": _("Only JPEG and PNG photos are accepted.")}) from error
    extension = rules.check_photo_format(image_format)
    photo = Photo(theme_day=theme_day, caption=caption)
    photo.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)
    photo.save()
    audit(actor=actor, action="theme_day.photo_add", node=theme_day.committee, obj=photo, ip=ip)
    return photo


def feed_for_committee(committee: OrgNode) -> CalendarFeed:
    return CalendarFeed.objects.get_or_create(committee=committee)[0]


def feed_for_member(member: PartyMember) -> CalendarFeed:
    return CalendarFeed.objects.get_or_create(member=member)[0]


# ---------------------------------------------------------------------------------------------
# Committee meetings and resolutions (M2)

COMMITTEE_KINDS = (
    PostKind.SECRETARY,
    PostKind.FULLTIME_DEPUTY,
    PostKind.PARTTIME_DEPUTY,
    PostKind.FULLTIME_MEMBER,
    PostKind.PARTTIME_MEMBER,
)


def committee_members(committee: OrgNode):
    """The party members holding an open committee post (secretary, deputies, members)."""
    posts = Post.objects.filter(node=committee, kind__in=COMMITTEE_KINDS, ended_on__isnull=True)
    return PartyMember.objects.filter(pk__in=posts.values("person_id")).order_by("name")


@transaction.atomic
def committee_meeting_create(*, actor, committee: OrgNode, ip=None, **fields) -> CommitteeMeeting:
    if committee.kind != org_rules.COMMITTEE:
        raise ValidationError(_("Committee meetings are held by community committees."))
    meeting = CommitteeMeeting(
        committee=committee, members_total=committee_members(committee).count(), **fields
    )
    meeting.full_clean()
    meeting.save()
    audit(actor=actor, action="committee_meeting.create", node=committee, obj=meeting, ip=ip)
    return meeting


@transaction.atomic
def committee_meeting_attendance(
    *, actor, meeting: CommitteeMeeting, present_ids, minutes=None, ip=None
) -> CommitteeMeeting:
    members = committee_members(meeting.committee).filter(pk__in=[int(p) for p in present_ids])
    meeting.present.set(members)
    if minutes is not None:
        meeting.minutes = minutes
        meeting.save(update_fields=["minutes"])
    audit(
        actor=actor,
        action="committee_meeting.attendance",
        node=meeting.committee,
        obj=meeting,
        data={"present": len(members)},
        ip=ip,
    )
    return meeting


@transaction.atomic
def resolution_record(
    *,
    actor,
    meeting: CommitteeMeeting,
    title: str,
    text: str,
    votes_for: int,
    votes_against: int,
    votes_abstain: int,
    ip=None,
) -> Resolution:
    present = meeting.present.count()
    rules.check_quorum(present, meeting.members_total)
    rules.check_votes(votes_for, votes_against, votes_abstain, present)
    year = meeting.date.year
    serial = (
        Resolution.objects.select_for_update()
        .filter(meeting__committee=meeting.committee, meeting__date__year=year)
        .count()
        + 1
    )
    resolution = Resolution.objects.create(
        meeting=meeting,
        number=f"{year}-{serial:03d}",
        title=title,
        text=text,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        adopted=rules.adopted(votes_for, meeting.members_total),
    )
    audit(
        actor=actor,
        action="resolution.record",
        node=meeting.committee,
        obj=resolution,
        data={
            "for": votes_for,
            "against": votes_against,
            "abstain": votes_abstain,
            "adopted": resolution.adopted,
        },
        ip=ip,
    )
    return resolution
