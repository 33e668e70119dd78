"""Rosters to Excel: what the user's list shows (its scope and filters), every export logged.

ID numbers and phones are masked unless the user holds VIEW_SENSITIVE over the row (as on
the member page); an export with full values is written to the audit log like a reveal, with
how many rows it showed in full. Cells go through dajiwei.excel, so no text runs as a formula.
The columns are the import template's, so an export of full values can be filled in again.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from dajiwei import excel

from . import access, rules
from .actions import audit
from .imports import HOUSEHOLDS, MEMBERS, RECIPIENTS, UNITS, Roster
from .models import OrgNode, PartyMember


def _place(node: OrgNode) -> str:
    """grid/building: the spelling the import reads back without ambiguity."""
    parent = node.parent.name if node.parent_id and node.parent else ""
    return f"{parent}/{node.name}" if parent else node.name


def member_rows(user, members: QuerySet) -> tuple[list[list], int]:
    """The rows, and how many of them carry the full ID number and phone."""
    members = members.select_related("node", "node__parent", "workplace").order_by("name", "pk")
    full = set(
        access.visible(
            user,
            PartyMember.objects.filter(pk__in=members.values("pk")),
            access.VIEW_SENSITIVE,
        ).values_list("pk", flat=True)
    )
    rows = []
    for m in members.iterator(chunk_size=2000):
        shown = m.pk in full
        rows.append(
            [
                m.name,
                m.get_gender_display(),
                m.birth_date,
                m.phone if shown else rules.mask_phone(m.phone),
                m.resident_id if shown else rules.mask_resident_id(m.resident_id),
                m.get_party_status_display(),
                m.joined_on,
                m.get_category_display(),
                _place(m.node),
                m.workplace.name if m.workplace_id else "",
                m.relationship_held_at,
            ]
        )
    return rows, len(full)


def unit_rows(user, node: OrgNode, units: QuerySet) -> tuple[list[list], int]:
    shown = access.holds(user, access.VIEW_SENSITIVE, node)
    rows = []
    for u in units.order_by("name", "pk"):
        linked = [link.started_on for link in u.links.all() if link.ended_on is None]
        rows.append(
            [
                u.name,
                u.get_kind_display(),
                u.superior,
                u.registered_on,
                u.secretary_name,
                u.deputy_names,
                u.contact_name,
                u.contact_phone if shown else rules.mask_phone(u.contact_phone),
                u.member_count,
                min(linked) if linked else None,
            ]
        )
    return rows, len(rows) if shown else 0


def household_rows(households: QuerySet) -> list[list]:
    return [
        [_place(h.node), h.address, h.head_name, h.people_count]
        for h in households.select_related("node", "node__parent").order_by("address", "pk")
    ]


def recipient_rows(recipients: QuerySet) -> list[list]:
    return [
        [_place(r.node), r.name, r.get_kind_display(), r.needs]
        for r in recipients.select_related("node", "node__parent").order_by("name", "pk")
    ]


@transaction.atomic
def roster_export(
    *, actor, node: OrgNode, roster: Roster, queryset: QuerySet, filters: dict, ip=None
) -> bytes:
    """The roster's rows (already scoped and filtered by the list) as .xlsx; logged."""
    full = 0
    if roster is MEMBERS:
        rows, full = member_rows(actor, queryset)
    elif roster is UNITS:
        rows, full = unit_rows(actor, node, queryset)
    elif roster is HOUSEHOLDS:
        rows = household_rows(queryset)
    elif roster is RECIPIENTS:
        rows = recipient_rows(queryset)
    else:  # pragma: no cover - the URL only names the four rosters
        raise ValueError(roster.slug)
    audit(
        actor=actor,
        action=f"{roster.model._meta.model_name}.export",
        node=node,
        data={"rows": len(rows), "unmasked": full, "filters": filters},
        ip=ip,
    )
    return excel.workbook([(roster.sheet, [c.header for c in roster.columns], rows)])
