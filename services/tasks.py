"""Background work of services: reminders of agreement projects' deadlines (S1).

Run daily by Celery beat (CELERY_BEAT_SCHEDULE in settings). `notify` stores one notification
per user and key, so running the job twice on a day reminds nobody twice.
"""

from __future__ import annotations

import datetime

from celery import shared_task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.models import Role, RoleAssignment

from . import rules
from .models import AgreementProject

# Those who answer for an agreement's projects: the committee's secretary and office, and the
# unit's contact persons.
_COMMITTEE_ROLES = (Role.COMMUNITY_SECRETARY, Role.COMMUNITY_OFFICE)


def _recipients(project: AgreementProject) -> list:
    agreement = project.agreement
    assignments = RoleAssignment.objects.filter(ended_at__isnull=True).select_related("user")
    committee = assignments.filter(node_id=agreement.committee_id, role__in=_COMMITTEE_ROLES)
    unit = assignments.filter(unit_id=agreement.unit_id, role=Role.UNIT_CONTACT)
    users = {a.user_id: a.user for a in [*committee, *unit] if a.user.is_active}
    return [users[pk] for pk in sorted(users)]


def projects_to_remind(today: datetime.date) -> list[AgreementProject]:
    days = rules.setting("reminder_days_before")
    horizon = today + datetime.timedelta(days=days)
    candidates = (
        AgreementProject.objects.filter(progress__lt=100, deadline__lte=horizon)
        .select_related("agreement__committee", "agreement__unit")
        .order_by("deadline", "pk")
    )
    return [p for p in candidates if rules.needs_reminder(p.deadline, p.progress, today, days)]


@shared_task(name="services.remind_project_deadlines")
def remind_project_deadlines(today: str | None = None) -> int:
    """Remind of every unfinished project due within the setting's days (or overdue)."""
    from notices.api import notify

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    for project in projects_to_remind(day):
        overdue = project.deadline < day
        key = f"services.project.{project.pk}.{project.deadline.isoformat()}." + (
            "overdue" if overdue else "due"
        )
        subject = (
            _("Overdue co-building project: %(title)s (due %(date)s)")
            if overdue
            else _("Co-building project due soon: %(title)s (due %(date)s)")
        ) % {"title": project.title, "date": project.deadline.isoformat()}
        body = _("%(unit)s, %(year)s agreement; progress %(progress)s%%; owner %(owner)s.") % {
            "unit": project.agreement.unit.name,
            "year": project.agreement.year,
            "progress": project.progress,
            "owner": project.owner,
        }
        url = reverse("services:agreement", args=[project.agreement_id])
        for user in _recipients(project):
            notify(
                user=user,
                key=key,
                subject=subject,
                body=body,
                url=url,
                node=project.agreement.committee,
            )
            sent += 1
    return sent
