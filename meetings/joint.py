"""Joint meetings and visits with the member units (M4), training of grid staff (M5).

Writes are keyword-only actions, each atomic and audited; reads are the selectors below them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import rules as org_rules
from organizations.actions import audit
from organizations.models import MemberUnit, OrgNode, PartyMember, Post

from . import rules
from .models import JointInvitation, JointMeeting, Training, TrainingAttendance, Visit


def _check_committee(committee: OrgNode) -> None:
    if committee.kind != org_rules.COMMITTEE:
        raise ValidationError(_("Only a community committee keeps these records."))


# ---------------------------------------------------------------------------------------------
# Selectors


def linked_units(committee: OrgNode):
    """The member units with an open link to the committee, by name."""
    return MemberUnit.objects.filter(
        links__committee=committee, links__ended_on__isnull=True
    ).order_by("name", "pk")


def grid_staff(committee: OrgNode):
    """The party members holding an open post on one of the committee's grid branches."""
    posts = Post.objects.filter(
        node__parent=committee, node__kind=org_rules.GRID, ended_on__isnull=True
    )
    return PartyMember.objects.filter(pk__in=posts.values("person_id")).order_by("name", "pk")


def joint_rates(committee: OrgNode, year: int, today=None) -> dict[int, float | None]:
    """Each invited unit's joint-meeting attendance rate in the year, by unit id, counting the
    meetings held up to today (one query); units invited to none are absent from the dict."""
    today = today or timezone.localdate()
    rows = (
        JointInvitation.objects.filter(
            meeting__committee=committee, meeting__date__year=year, meeting__date__lte=today
        )
        .values("unit_id")
        .annotate(invited=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    )
    return {
        row["unit_id"]: rules.joint_attendance_rate(row["invited"], row["attended"]) for row in rows
    }


# ---------------------------------------------------------------------------------------------
# Joint meetings (联席会议)


@transaction.atomic
def joint_meeting_create(
    *, actor, committee: OrgNode, date, place, topic, agenda, units, ip=None
) -> JointMeeting:
    """Set a joint meeting and invite the given units (each must be linked to the committee)."""
    _check_committee(committee)
    units = list(linked_units(committee).filter(pk__in=[u.pk for u in units]))
    rules.check_invitees(len(units))
    meeting = JointMeeting(committee=committee, date=date, place=place, topic=topic, agenda=agenda)
    meeting.full_clean()
    meeting.save()
    JointInvitation.objects.bulk_create(
        JointInvitation(meeting=meeting, unit=unit) for unit in units
    )
    audit(
        actor=actor,
        action="joint_meeting.create",
        node=committee,
        obj=meeting,
        data={"units": len(units)},
        ip=ip,
    )
    return meeting


@transaction.atomic
def joint_meeting_record(
    *, actor, meeting: JointMeeting, minutes: str, resolutions: str, attendance: dict, ip=None
) -> JointMeeting:
    """Record minutes, resolutions and, per invitation id, (attended, participants, members).

    Invitations missing from `attendance` are recorded as not attended.
    """
    invitations = list(meeting.invitations.select_related("unit"))
    if any(attendance.get(i.pk, (False,))[0] for i in invitations):
        rules.check_past(meeting.date, timezone.localdate())
    meeting.minutes, meeting.resolutions = minutes, resolutions
    meeting.full_clean()
    meeting.save(update_fields=["minutes", "resolutions"])
    attended = 0
    for invitation in invitations:
        came, participants, members = attendance.get(invitation.pk, (False, "", []))
        invitation.attended = bool(came)
        invitation.participants = participants if came else ""
        invitation.full_clean(exclude=["meeting", "unit"])
        invitation.save(update_fields=["attended", "participants"])
        # Only the unit's own party members can have taken part for it.
        ids = [m.pk for m in members] if came else []
        invitation.members.set(PartyMember.objects.filter(pk__in=ids, workplace=invitation.unit))
        attended += invitation.attended
    audit(
        actor=actor,
        action="joint_meeting.record",
        node=meeting.committee,
        obj=meeting,
        data={"invited": len(invitations), "attended": attended},
        ip=ip,
    )
    return meeting


# ---------------------------------------------------------------------------------------------
# Visits (走访)


@transaction.atomic
def visit_record(
    *, actor, committee: OrgNode, unit: MemberUnit, date, visitors, purpose, outcome="", ip=None
) -> Visit:
    """Record a visit that has taken place to a unit linked to the committee."""
    _check_committee(committee)
    if not linked_units(committee).filter(pk=unit.pk).exists():
        raise ValidationError(_("This unit is not linked to the committee."))
    rules.check_past(date, timezone.localdate())
    visit = Visit(
        committee=committee,
        unit=unit,
        date=date,
        visitors=visitors,
        purpose=purpose,
        outcome=outcome,
    )
    visit.full_clean()
    visit.save()
    audit(actor=actor, action="visit.record", node=committee, obj=visit, ip=ip)
    return visit


# ---------------------------------------------------------------------------------------------
# Training of grid staff (网格员培训)


@transaction.atomic
def training_create(
    *, actor, committee: OrgNode, date, topic, trainer, place, trainees, level="", ip=None
) -> Training:
    """Set a training session and invite grid staff of the committee."""
    _check_committee(committee)
    members = list(grid_staff(committee).filter(pk__in=[m.pk for m in trainees]))
    rules.check_invitees(len(members))
    training = Training(
        committee=committee, date=date, topic=topic, trainer=trainer, place=place, level=level
    )
    training.full_clean()
    training.save()
    TrainingAttendance.objects.bulk_create(
        TrainingAttendance(training=training, member=member) for member in members
    )
    audit(
        actor=actor,
        action="training.create",
        node=committee,
        obj=training,
        data={"invited": len(members)},
        ip=ip,
    )
    return training


@transaction.atomic
def training_attendance(*, actor, training: Training, present_ids, ip=None) -> int:
    """Tick who of the invited came; returns how many are present."""
    ids = {int(p) for p in present_ids}
    if ids:
        rules.check_past(training.date, timezone.localdate())
    rows = training.attendance.all()
    rows.filter(member_id__in=ids).update(present=True)
    rows.exclude(member_id__in=ids).update(present=False)
    present = rows.filter(present=True).count()
    audit(
        actor=actor,
        action="training.attendance",
        node=training.committee,
        obj=training,
        data={"present": present},
        ip=ip,
    )
    return present
