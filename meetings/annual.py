"""The representatives' annual meeting (M3): writes and reads.

Anonymity by design: who has rated (RatingCast) and what was rated (Rating) are written in one
transaction but share nothing: no rater, no time, random keys; closing the rating rewrites the
ratings so that not even the database's own bookkeeping links them to a ballot any longer. The
rating itself is therefore
not in the audit log (its timestamp beside the cast would say who rated when); opening and
closing the rating are.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from notices.api import notify
from organizations import rules as org_rules
from organizations.actions import audit
from organizations.models import OrgNode, PartyMember, Post

from . import rules, selectors
from .actions import COMMITTEE_KINDS
from .models import (
    AnnualMeeting,
    AnnualState,
    Grade,
    OfficerReport,
    Rating,
    RatingCast,
    Representative,
)

FIELDS = ("date", "start_time", "place")


def _announce(meeting: AnnualMeeting, members, change: str = "") -> int:
    """Tell each representative with a login that the meeting is set (once per person), and
    again once for each new date, time or place (`change`)."""
    sent = 0
    for member in members:
        if member.user_id is None:
            continue
        what = f"changed:{change}" if change else "announce"
        sent += bool(
            notify(
                user=member.user,
                key=f"annual-meeting:{meeting.pk}:{what}:{member.pk}",
                subject=_("Annual representatives' meeting %(year)s") % {"year": meeting.year},
                body=_("%(committee)s meets on %(date)s at %(time)s in %(place)s.")
                % {
                    "committee": meeting.committee.name,
                    "date": f"{meeting.date:%Y-%m-%d}",
                    "time": f"{meeting.start_time:%H:%M}",
                    "place": meeting.place,
                },
                url=reverse("meetings:annual_rate", args=[meeting.pk]),
                node=meeting.committee,
            )
        )
    return sent


def sync_officers(meeting: AnnualMeeting) -> None:
    """The officers are the committee's open posts (secretary, deputies, members): add new
    holders; drop those no longer in post who have no ratings."""
    posts = Post.objects.filter(
        node=meeting.committee, kind__in=COMMITTEE_KINDS, ended_on__isnull=True
    ).order_by("person_id", "pk")
    order = {kind: index for index, kind in enumerate(COMMITTEE_KINDS)}
    current = {}
    for post in posts:
        current.setdefault(post.person_id, post.kind)
    existing = {row.officer_id: row for row in meeting.officers.all()}
    for person_id, kind in current.items():
        if person_id not in existing:
            OfficerReport.objects.create(
                meeting=meeting, officer_id=person_id, post_kind=kind, position=order[kind]
            )
    gone = [pk for pk in existing if pk not in current]
    meeting.officers.filter(officer_id__in=gone, ratings__isnull=True).delete()


@transaction.atomic
def annual_meeting_schedule(
    *, actor, committee: OrgNode, year: int, ip=None, **fields
) -> AnnualMeeting:
    """Set the year's meeting: officers from the open posts; one meeting per committee a year."""
    if committee.kind != org_rules.COMMITTEE:
        raise ValidationError(_("Annual meetings are held by community committees."))
    if AnnualMeeting.objects.filter(committee=committee, year=year).exists():
        raise ValidationError(
            {"year": _("%(year)s already has an annual meeting.") % {"year": year}}
        )
    meeting = AnnualMeeting(
        committee=committee, year=year, **{k: fields[k] for k in FIELDS if k in fields}
    )
    meeting.full_clean()
    meeting.save()
    sync_officers(meeting)
    audit(actor=actor, action="annual_meeting.schedule", node=committee, obj=meeting, ip=ip)
    return meeting


@transaction.atomic
def annual_meeting_update(*, actor, meeting: AnnualMeeting, ip=None, **changes) -> AnnualMeeting:
    """Date, time, place and the work report (text and attachment) until the meeting closes."""
    if meeting.state == AnnualState.CLOSED:
        raise ValidationError(_("A closed annual meeting cannot be changed."))
    upload = changes.pop("work_report_file", None)
    for name, value in changes.items():
        if name not in FIELDS + ("work_report",):
            raise ValueError(name)
        setattr(meeting, name, value)
    if upload:
        head = upload.read(8)
        upload.seek(0)
        rules.check_report_file(upload.name, upload.size, head)
        extension = upload.name[upload.name.rfind(".") :].lower()
        meeting.work_report_file.save(
            f"{uuid.uuid4().hex}{extension}", ContentFile(upload.read()), save=False
        )
    before = AnnualMeeting.objects.values_list(*FIELDS).get(pk=meeting.pk)
    meeting.full_clean()
    meeting.save()
    after = tuple(getattr(meeting, name) for name in FIELDS)
    if before != after:
        members = PartyMember.objects.filter(
            pk__in=meeting.representatives.values("member_id")
        ).select_related("user")
        place = hashlib.sha256(after[2].encode()).hexdigest()[:8]
        _announce(meeting, members, change=f"{after[0]:%Y%m%d}{after[1]:%H%M}:{place}")
    audit(
        actor=actor,
        action="annual_meeting.update",
        node=meeting.committee,
        obj=meeting,
        data={"fields": sorted([*changes, *(["work_report_file"] if upload else [])])},
        ip=ip,
    )
    return meeting


@transaction.atomic
def representatives_set(*, actor, meeting: AnnualMeeting, members, ip=None) -> int:
    """The representatives invited: party members of the community; each new one is told."""
    if meeting.state == AnnualState.CLOSED:
        raise ValidationError(_("A closed annual meeting cannot be changed."))
    allowed = selectors.community_members(meeting.committee)
    members = list(allowed.filter(pk__in=[m.pk for m in members]).select_related("user"))
    wanted = {m.pk for m in members}
    cast = set(meeting.casts.values_list("representative_id", flat=True))
    meeting.representatives.exclude(member_id__in=wanted | cast).delete()
    have = set(meeting.representatives.values_list("member_id", flat=True))
    Representative.objects.bulk_create(
        Representative(meeting=meeting, member=m) for m in members if m.pk not in have
    )
    _announce(meeting, members)
    audit(
        actor=actor,
        action="annual_meeting.representatives",
        node=meeting.committee,
        obj=meeting,
        data={"representatives": len(wanted | cast)},
        ip=ip,
    )
    return len(wanted | cast)


@transaction.atomic
def officer_report_update(*, actor, officer: OfficerReport, report: str, ip=None):
    if officer.meeting.state == AnnualState.CLOSED:
        raise ValidationError(_("A closed annual meeting cannot be changed."))
    officer.report = report
    officer.save(update_fields=["report"])
    audit(
        actor=actor,
        action="annual_meeting.duty_report",
        node=officer.meeting.committee,
        obj=officer,
        ip=ip,
    )
    return officer


def _move(actor, meeting, target, ip, **data):
    rules.check_annual_transition(meeting.state, target)
    meeting.state = target
    meeting.save(update_fields=["state"])
    audit(
        actor=actor,
        action=f"annual_meeting.{target}",
        node=meeting.committee,
        obj=meeting,
        data=data,
        ip=ip,
    )
    return meeting


@transaction.atomic
def rating_open(*, actor, meeting: AnnualMeeting, ip=None) -> AnnualMeeting:
    meeting = AnnualMeeting.objects.select_for_update().get(pk=meeting.pk)
    sync_officers(meeting)
    if not meeting.officers.exists():
        raise ValidationError(_("The committee has no officers in post to rate."))
    if not meeting.representatives.exists():
        raise ValidationError(_("Invite the representatives before opening the rating."))
    return _move(actor, meeting, AnnualState.RATING, ip)


@transaction.atomic
def rating_close(*, actor, meeting: AnnualMeeting, ip=None) -> AnnualMeeting:
    """Close the rating and rewrite the ratings in a random order in this one transaction, so
    that neither their physical order nor the transaction that wrote them (PostgreSQL's xmin)
    still points to the ballot each came from."""
    meeting = AnnualMeeting.objects.select_for_update().get(pk=meeting.pk)
    meeting = _move(actor, meeting, AnnualState.CLOSED, ip, cast=meeting.casts.count())
    rows = list(Rating.objects.filter(meeting=meeting).values_list("officer_id", "grade"))
    secrets.SystemRandom().shuffle(rows)
    Rating.objects.filter(meeting=meeting).delete()
    Rating.objects.bulk_create(
        Rating(meeting=meeting, officer_id=officer, grade=grade) for officer, grade in rows
    )
    return meeting


def rate(*, user, meeting: AnnualMeeting, grades: dict[int, str]) -> None:
    """One representative's ballot: a grade for every officer, once (the unique cast row
    makes a second ballot, even sent at the same moment, fail)."""
    if meeting.state != AnnualState.RATING:
        raise ValidationError(_("The rating is not open."))
    member = selectors.member_of_user(user)
    if member is None or not meeting.representatives.filter(member=member).exists():
        raise ValidationError(_("Only the meeting's representatives can rate."))
    officers = list(meeting.officers.values_list("pk", flat=True))
    rules.check_ballot(officers, grades)
    try:
        with transaction.atomic():
            RatingCast.objects.create(meeting=meeting, representative=member)
            Rating.objects.bulk_create(
                Rating(meeting=meeting, officer_id=pk, grade=grades[pk]) for pk in officers
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already rated.")) from error


# ---------------------------------------------------------------------------------------------
# Reads


def annual_meetings_of(committee: OrgNode):
    return (
        AnnualMeeting.objects.filter(committee=committee)
        .annotate(
            representative_count=Count("representatives", distinct=True),
            cast_count=Count("casts", distinct=True),
        )
        .order_by("-year", "-pk")
    )


def officers_with_results(meeting: AnnualMeeting) -> list[dict]:
    """Each officer with the result that may be shown (rules.officer_result): two queries."""
    officers = list(meeting.officers.select_related("officer"))
    counts = (
        Rating.objects.filter(meeting=meeting)
        .values("officer_id", "grade")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found: dict[int, dict[str, int]] = {}
    for row in counts:
        found.setdefault(row["officer_id"], dict.fromkeys(rules.GRADES, 0))[row["grade"]] = row["n"]
    return [
        {
            "officer": officer,
            "post": _post_label(officer.post_kind),
            "result": rules.officer_result(found.get(officer.pk, dict.fromkeys(rules.GRADES, 0))),
        }
        for officer in officers
    ]


def _post_label(kind: str) -> str:
    from organizations.models import PostKind

    return str(PostKind(kind).label) if kind in PostKind.values else kind


def has_rated(meeting: AnnualMeeting, member: PartyMember | None) -> bool:
    return member is not None and meeting.casts.filter(representative=member).exists()


def grade_labels() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Grade.choices]


# ---------------------------------------------------------------------------------------------
# The 述职评议 report (PDF)


def report_context(meeting: AnnualMeeting) -> dict:
    meeting = AnnualMeeting.objects.select_related("committee").get(pk=meeting.pk)
    rows = officers_with_results(meeting)
    return {
        "committee": meeting.committee.name,
        "year": meeting.year,
        "date": f"{meeting.date:%Y-%m-%d}",
        "place": meeting.place,
        "state": meeting.state,
        "work_report": meeting.work_report,
        "has_attachment": bool(meeting.work_report_file),
        "representatives": meeting.representatives.count(),
        "cast": meeting.casts.count(),
        "min_ratings": rules.config("min_ratings"),
        "grades": grade_labels(),
        "officers": [
            {
                "name": row["officer"].officer.name,
                "post": row["post"],
                "report": row["officer"].report,
                "total": row["result"]["total"],
                "shown": row["result"]["shown"],
                "counts": [row["result"]["counts"][g] for g in rules.GRADES]
                if row["result"]["shown"]
                else [],
            }
            for row in rows
        ],
    }


def fingerprint(context: dict) -> str:
    return hashlib.sha256(json.dumps(context, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def report_store(*, meeting: AnnualMeeting, pdf: bytes, fingerprint: str) -> AnnualMeeting:
    meeting = AnnualMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.report_pdf:
        meeting.report_pdf.delete(save=False)
    meeting.report_pdf.save(
        f"annual-{meeting.committee_id}-{meeting.year}-{uuid.uuid4().hex[:8]}.pdf",
        ContentFile(pdf),
        save=False,
    )
    meeting.report_fingerprint = fingerprint
    meeting.save(update_fields=["report_pdf", "report_fingerprint"])
    audit(actor=None, action="annual_meeting.report", node=meeting.committee, obj=meeting)
    return meeting
