"""The weekly deadline summary (issue 6), run by Celery beat on Monday mornings.

Each responsible person gets one notification per ISO week (notices' key): street staff for
their street, district staff for the district, a community secretary for their community.
A person with several such roles gets one summary covering each of their scopes; a person
with nothing due gets none.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from celery import shared_task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.models import Role, RoleAssignment

from . import deadlines, rules

RESPONSIBLE = {
    Role.DISTRICT_STAFF: "oversight:deadlines",
    Role.STREET_STAFF: "oversight:deadlines",
    Role.COMMUNITY_SECRETARY: "oversight:community_deadlines",
}


def _recipients() -> dict:
    """{user: [(node, url name), ...]} for every active responsible role of an active user."""
    found = defaultdict(list)
    assignments = (
        RoleAssignment.objects.filter(ended_at__isnull=True, role__in=RESPONSIBLE)
        .select_related("user", "node")
        .order_by("user_id", "node__tree_id", "node__lft")
    )
    for assignment in assignments:
        if assignment.user.is_active:
            found[assignment.user].append((assignment.node, RESPONSIBLE[assignment.role]))
    return found


def summary(user, scopes, today: datetime.date) -> tuple[str, str, str, object] | None:
    """(subject, body, url, node) of one person's summary, or None when nothing is due."""
    labels = deadlines.kind_labels()
    shown = deadlines.setting("summary_items")
    lines, total, first = [], 0, None
    for node, url_name in scopes:
        found = deadlines.items(user, node, today)
        if not found:
            continue
        total += len(found)
        url = reverse(url_name, args=[node.pk])
        first = first or (url, node)
        lines.append(f"{node.name} ({url})")
        lines += [
            "  " + _("%(kind)s: %(count)s") % {"kind": labels[kind], "count": count}
            for kind, count in deadlines.counts(found).items()
            if count
        ]
        lines.append("  " + _("Most urgent:"))
        lines += [f"  - {_line(item)}" for item in found[:shown]]
    if first is None:
        return None
    subject = _("Deadlines this week: %(count)s items") % {"count": total}
    return subject, "\n".join(lines), first[0], first[1]


def _line(item: deadlines.Item) -> str:
    if item.days_left < 0:
        when = _("overdue by %(days)s days") % {"days": item.overdue_days}
    elif item.days_left == 0:
        when = _("due today")
    else:
        when = _("%(days)s days left") % {"days": item.days_left}
    return _("%(kind)s · %(committee)s · %(what)s · %(date)s (%(when)s)") % {
        "kind": item.label,
        "committee": item.committee,
        "what": item.what,
        "date": item.due.isoformat(),
        "when": when,
    }


@shared_task(name="oversight.weekly_deadlines")
def weekly_deadlines(today: str | None = None) -> int:
    """Send each responsible person their week's deadline summary; returns how many were sent
    (a second run in the same ISO week sends none)."""
    from notices.api import notify

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    for user, scopes in _recipients().items():
        found = summary(user, scopes, day)
        if found is None:
            continue
        subject, body, url, node = found
        key = f"oversight.weekly.{rules.iso_week(day)}"
        if notify(user=user, key=key, subject=subject, body=body, url=url, node=node):
            sent += 1
    return sent
