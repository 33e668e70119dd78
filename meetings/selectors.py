"""Reads of theme party days, always through organizations.access."""

from __future__ import annotations

import datetime

from django.db.models import Count, Min, Q
from django.db.models.functions import ExtractMonth

from organizations import access
from organizations import rules as org_rules
from organizations.models import OrgNode, PartyMember

from . import rules
from .models import Attendance, State, ThemeDay


def community_members(committee: OrgNode):
    """Every party member whose organisation lies in the committee's subtree."""
    committee = OrgNode.objects.only("tree_id", "lft", "rght").get(pk=committee.pk)  # fresh
    return PartyMember.objects.filter(
        node__tree_id=committee.tree_id,
        node__lft__gte=committee.lft,
        node__rght__lte=committee.rght,
    )


def member_of_user(user) -> PartyMember | None:
    if not user.is_authenticated:
        return None
    return PartyMember.objects.filter(user=user).select_related("node").first()


def is_community_member(member: PartyMember | None, committee: OrgNode) -> bool:
    return member is not None and community_members(committee).filter(pk=member.pk).exists()


def theme_days_of(user, committee: OrgNode, month: str | None = None):
    rows = access.visible(user, ThemeDay.objects.filter(committee=committee)).select_related(
        "organiser"
    )
    if month:
        try:
            first = datetime.date.fromisoformat(f"{month}-01")
        except ValueError:
            return rows.none()
        rows = rows.filter(date__year=first.year, date__month=first.month)
    return rows.annotate(
        present=Count("attendance", filter=Q(attendance__presence="present")),
        invited_count=Count("attendance", filter=Q(attendance__invited=True)),
    ).order_by("-date", "-start_time", "-pk")


def attendance_of(theme_day: ThemeDay):
    return theme_day.attendance.select_related("member").order_by("member__name", "pk")


def theme_days_of_member(member: PartyMember):
    return ThemeDay.objects.filter(attendance__member=member).select_related("committee")


def board_committees(user, node: OrgNode):
    """The communities below `node` that the user may see, with their street, in tree order."""
    node = OrgNode.objects.only("tree_id", "lft", "rght").get(pk=node.pk)  # fresh tree fields
    return (
        access.visible(
            user,
            OrgNode.objects.filter(
                kind=org_rules.COMMITTEE,
                tree_id=node.tree_id,
                lft__gt=node.lft,
                rght__lt=node.rght,
            ),
        )
        .select_related("parent")
        .order_by("tree_id", "lft")
    )


def board(user, node: OrgNode, year: int) -> list[dict]:
    """The compliance board: a row per visible community, twelve cells each.

    Two queries whatever the number of communities: the communities, and one aggregate of
    theme party days grouped by (committee, month).
    """
    committees = list(board_committees(user, node))
    counts = (
        ThemeDay.objects.filter(
            committee__in=[c.pk for c in committees],
            date__year=year,
        )
        .exclude(state=State.CANCELLED)
        .annotate(month=ExtractMonth("date"))
        .values("committee_id", "month")
        .annotate(
            held=Count("pk", filter=Q(state__in=[State.HELD, State.CLOSED])),
            scheduled=Count("pk", filter=Q(state=State.SCHEDULED)),
            first=Min("pk"),
            total=Count("pk"),
        )
        .order_by()
    )
    found = {(row["committee_id"], row["month"]): row for row in counts}
    rows = []
    for committee in committees:
        cells = []
        for month in range(1, 13):
            row = found.get((committee.pk, month))
            held, scheduled = (row["held"], row["scheduled"]) if row else (0, 0)
            cells.append(
                {
                    "month": month,
                    "key": f"{year}-{month:02d}",
                    "status": rules.cell_status(held, scheduled),
                    "only": row["first"] if row and row["total"] == 1 else None,
                }
            )
        rows.append({"committee": committee, "cells": cells})
    return rows


def missing_committees(month_start: datetime.date):
    """Committees with no held or scheduled theme party day in the month of `month_start`."""
    covered = (
        ThemeDay.objects.filter(date__year=month_start.year, date__month=month_start.month)
        .exclude(state=State.CANCELLED)
        .values("committee_id")
    )
    return (
        OrgNode.objects.filter(kind=org_rules.COMMITTEE)
        .exclude(pk__in=covered)
        .select_related("parent")
        .order_by("tree_id", "lft")
    )


__all__ = ["Attendance"]


def adopted_resolutions(committee_id: int):
    """What another flow's decision may cite (a member leaving, an agreement): the committee's
    adopted resolutions, newest first."""
    from .models import Resolution

    return Resolution.objects.filter(
        meeting__committee_id=committee_id, adopted=True
    ).select_related("meeting")
