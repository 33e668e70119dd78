"""Celery tasks of meetings. Idempotent: each reminder has a key per committee and month."""

from __future__ import annotations

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
