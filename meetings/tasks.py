"""Celery tasks of meetings. Idempotent: each reminder has a key per committee and month, or per
meeting and person; the annual report is regenerated only when what it prints changed."""

from __future__ import annotations

import datetime
from collections import defaultdict

from celery import shared_task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notices.api import notify
from organizations.models import Post, PostKind, Role, RoleAssignment

from . import rules, selectors


@shared_task(name="meetings.remind_missing_theme_days")
def remind_missing_theme_days() -> int:
    """Remind each committee's secretary with no held or scheduled theme party day this month,
    and the street's staff once per street with the list. Returns the notifications stored."""
    today = timezone.localdate()
    month = rules.month_key(today)
    missing = list(selectors.missing_committees(today))
    sent = 0
    secretaries = Post.objects.filter(
        node__in=missing,
        kind=PostKind.SECRETARY,
        ended_on__isnull=True,
        person__user__isnull=False,
    ).select_related("person__user")
    by_street = defaultdict(list)
    for committee in missing:
        by_street[committee.parent].append(committee)
    for post in secretaries:
        committee = next(c for c in missing if c.pk == post.node_id)
        sent += bool(
            notify(
                user=post.person.user,
                key=f"theme-day-missing:{committee.pk}:{month}",
                subject=_("No theme party day yet in %(month)s") % {"month": month},
                body=_("%(committee)s has no theme party day held or scheduled this month.")
                % {"committee": committee.name},
                url=reverse("meetings:list", args=[committee.pk]),
                node=committee,
            )
        )
    staff = RoleAssignment.objects.filter(
        node__in=list(by_street), role=Role.STREET_STAFF, ended_at__isnull=True
    ).select_related("user")
    for assignment in staff:
        street = next(s for s in by_street if s.pk == assignment.node_id)
        names = "\n".join(c.name for c in by_street[street])
        sent += bool(
            notify(
                user=assignment.user,
                key=f"theme-day-missing-street:{street.pk}:{month}",
                subject=_("Communities with no theme party day in %(month)s") % {"month": month},
                body=names,
                url=reverse("meetings:board", args=[street.pk]),
                node=street,
            )
        )
    return sent


# ---------------------------------------------------------------------------------------------
# Reminders before a meeting: theme party day invitees, committee members, representatives.
# Idempotent: one key per meeting and person.


def _remind(user, key, subject, body, url, node) -> int:
    return bool(notify(user=user, key=key, subject=subject, body=body, url=url, node=node))


@shared_task(name="meetings.remind_upcoming")
def remind_upcoming() -> int:
    """Notify the participants of every meeting that starts within remind_hours_before hours."""
    from .actions import committee_members
    from .models import AnnualMeeting, AnnualState, Attendance, CommitteeMeeting, State, ThemeDay

    now = timezone.localtime()
    tz = timezone.get_current_timezone()
    last = (now + datetime.timedelta(hours=rules.config("remind_hours_before"))).date()
    window = {"date__gte": now.date(), "date__lte": last}

    def due(meeting) -> bool:
        starts = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
        return rules.reminder_window(starts, now)

    sent = 0
    days = ThemeDay.objects.filter(state=State.SCHEDULED, **window).select_related("committee")
    for day in filter(due, days):
        rows = Attendance.objects.filter(
            theme_day=day, invited=True, member__user__isnull=False
        ).select_related("member__user")
        for row in rows:
            sent += _remind(
                row.member.user,
                f"theme-day-reminder:{day.pk}:{row.member_id}",
                _("Theme party day: %(topic)s") % {"topic": day.topic},
                _when(day),
                day.get_absolute_url(),
                day.committee,
            )
    meetings = CommitteeMeeting.objects.filter(**window).select_related("committee")
    for meeting in filter(due, meetings):
        for member in committee_members(meeting.committee).filter(user__isnull=False):
            sent += _remind(
                member.user,
                f"committee-meeting-reminder:{meeting.pk}:{member.pk}",
                _("Committee meeting: %(kind)s") % {"kind": meeting.get_kind_display()},
                _when(meeting),
                meeting.get_absolute_url(),
                meeting.committee,
            )
    annuals = AnnualMeeting.objects.filter(
        state__in=[AnnualState.SCHEDULED, AnnualState.RATING], **window
    ).select_related("committee")
    for meeting in filter(due, annuals):
        rows = meeting.representatives.filter(member__user__isnull=False).select_related(
            "member__user"
        )
        for row in rows:
            sent += _remind(
                row.member.user,
                f"annual-meeting-reminder:{meeting.pk}:{row.member_id}",
                _("Annual representatives' meeting %(year)s") % {"year": meeting.year},
                _when(meeting),
                reverse("meetings:annual_rate", args=[meeting.pk]),
                meeting.committee,
            )
    return sent


def _when(meeting) -> str:
    return _("On %(date)s at %(time)s, %(place)s.") % {
        "date": f"{meeting.date:%Y-%m-%d}",
        "time": f"{meeting.start_time:%H:%M}",
        "place": meeting.place,
    }


# ---------------------------------------------------------------------------------------------
# The annual 述职评议 report: on demand (a notices job) and each January for the year before


ANNUAL_REPORT = "meetings.annual_report"


def refresh_annual_report(meeting) -> bool:
    """(Re)generate the meeting's PDF when what it prints changed; True when it did."""
    from . import annual, documents

    context = annual.report_context(meeting)
    fingerprint = annual.fingerprint(context)
    if meeting.report_pdf and meeting.report_fingerprint == fingerprint:
        return False
    annual.report_store(
        meeting=meeting, pdf=documents.annual_report_pdf(context), fingerprint=fingerprint
    )
    return True


@shared_task(name=ANNUAL_REPORT)
def annual_report(*, job_id: int, meeting_id: int) -> bool:
    from notices.api import claim_job

    from .models import AnnualMeeting

    job = claim_job(job_id)
    if job is None:
        return False
    try:
        job.advance(done=0, total=1)
        meeting = AnnualMeeting.objects.get(pk=meeting_id)
        refresh_annual_report(meeting)
        job.finish(url=reverse("meetings:annual_pdf", args=[meeting.pk]))
    except Exception as error:  # the page shows the failure; the log keeps the trace
        job.fail(str(error)[:500])
        raise
    return True


@shared_task(name="meetings.annual_reports")
def annual_reports(year: int | None = None) -> int:
    """Each January: the report of every annual meeting of the year before whose PDF is missing
    or out of date, as a job on its committee. Run twice, the second run starts nothing."""
    from notices.api import start_job

    from . import annual
    from .models import AnnualMeeting

    year = year or timezone.localdate().year - 1
    started = 0
    for meeting in AnnualMeeting.objects.filter(year=year).select_related("committee"):
        stale = not meeting.report_pdf or meeting.report_fingerprint != annual.fingerprint(
            annual.report_context(meeting)
        )
        if stale:
            start_job(
                actor=None,
                kind=ANNUAL_REPORT,
                task_name=ANNUAL_REPORT,
                node=meeting.committee,
                meeting_id=meeting.pk,
            )
            started += 1
    return started
