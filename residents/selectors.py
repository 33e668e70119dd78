"""Reads of the residents' side. Public reads return only what a contact card shows."""

from __future__ import annotations

import datetime
import hashlib
import json

from django.conf import settings
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone

from organizations import access
from organizations import selectors as org_selectors
from organizations.models import Household, OrgNode, ServiceRecipient

from .models import GridCard, Matter, MatterStatus


def config(key: str):
    return settings.DAJIWEI_RESIDENTS[key]


# ---------------------------------------------------------------------------------------------
# Contact card (S6)


def public_grid(public_id) -> OrgNode | None:
    return org_selectors.public_grid(public_id)


def card_people(grid: OrgNode) -> list:
    """The grid's responsible persons with their card entries (one query)."""
    return list(org_selectors.public_grid_contacts(grid).select_related("contact_card"))


def service_hours(grid: OrgNode) -> str:
    card = GridCard.objects.filter(node=grid).only("service_hours").first()
    return card.service_hours if card else ""


def card_lines(grid: OrgNode, people: list, hours: str) -> list:
    """Exactly what is printed about each person: used for the fingerprint."""
    lines = [grid.name, grid.map_image.name or "", hours]
    for post in people:
        card = getattr(post, "contact_card", None)
        lines.append(
            [
                post.pk,
                post.person.name,
                post.kind,
                post.person.phone,
                card.duties if card else "",
                card.photo.name if card and card.photo else "",
            ]
        )
    return lines


def card_fingerprint(grid: OrgNode, people: list, hours: str, households: int) -> str:
    data = json.dumps([card_lines(grid, people, hours), households], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def grid_households(grid: OrgNode) -> QuerySet:
    """Every household in the grid's buildings, in address order."""
    return Household.objects.filter(org_selectors.subtree_q(grid, "node__")).order_by(
        "address", "pk"
    )


# ---------------------------------------------------------------------------------------------
# Matters (S7, S9)


def public_matter(ticket: str) -> Matter | None:
    """A matter by its ticket code: only status and answer are shown from it."""
    if not ticket:
        return None
    return Matter.objects.filter(ticket=ticket).only("ticket", "status", "answer", "kind").first()


def matters(user, node: OrgNode, *, status: str = "") -> QuerySet:
    """The matters handled at `node` or below it that the user may handle."""
    rows = access.visible(
        user,
        Matter.objects.filter(org_selectors.subtree_q(node, "node__")),
        access.HANDLE_MATTERS,
    ).select_related("node", "grid")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-pk")


def grid_rates(grids: QuerySet) -> QuerySet:
    """Each grid with closed and resolved-within-grid counts (computed in the database)."""
    closed = Q(grid_matters__status=MatterStatus.CLOSED)
    return grids.annotate(
        matters_closed=Count("grid_matters", filter=closed),
        matters_within=Count("grid_matters", filter=closed & Q(grid_matters__left_grid=False)),
        matters_open=Count("grid_matters", filter=Q(grid_matters__status=MatterStatus.OPEN)),
    )


# ---------------------------------------------------------------------------------------------
# Special groups (S8)


def recipients(user, grid: OrgNode) -> QuerySet:
    return (
        access.visible(user, ServiceRecipient.objects.filter(node=grid), access.VIEW_ROSTER)
        .select_related("resident_needs")
        .annotate(last_visit=Max("visits__visited_on"))
        .order_by("name", "pk")
    )


def not_visited(user, node: OrgNode, *, days: int | None = None, today=None) -> QuerySet:
    """Recipients under `node` not visited for more than `days` days (never visited included)."""
    days = config("visit_overdue_days") if days is None else days
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days)
    return (
        access.visible(
            user,
            ServiceRecipient.objects.filter(org_selectors.subtree_q(node, "node__")),
            access.VIEW_ROSTER,
        )
        .select_related("node", "resident_needs")
        .annotate(last_visit=Max("visits__visited_on"))
        .filter(Q(last_visit__isnull=True) | Q(last_visit__lt=since))
        .order_by(F("last_visit").asc(nulls_first=True), "name", "pk")
    )
