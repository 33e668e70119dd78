"""Reads a node's active posts and asks rules.py for the composition verdicts (C1–C9).

Shared by actions (checking a change) and selectors (showing the verdicts); the rules
themselves stay pure in rules.py.
"""

from __future__ import annotations

from . import rules
from .models import OrgNode, Post, PostKind


def seats(node: OrgNode, extra: rules.Seat | None = None, active=None) -> list[rules.Seat]:
    """The node's active posts as seats; `active`: those posts already loaded (with person)."""
    if active is None:
        active = Post.objects.filter(node=node, ended_on__isnull=True).select_related("person")
    found = [
        rules.Seat(
            kind=p.kind,
            person_id=p.person_id,
            concurrent_branch_post=p.concurrent_branch_post,
            counts_against_quota=p.counts_against_quota,
            unit_id=p.person.workplace_id,
        )
        for p in active
    ]
    if extra is not None:
        found.append(extra)
    return found


def verdicts(node: OrgNode, extra: rules.Seat | None = None, active=None) -> list[rules.Verdict]:
    """The rules that apply to `node`'s level, for its posts plus an optional proposed one
    (`active`: the node's active posts when the caller has loaded them already)."""
    current = seats(node, extra, active)
    if node.kind == rules.COMMITTEE:
        return rules.committee_verdicts(current)
    if node.kind == rules.GRID:
        committee_members = set(
            Post.objects.filter(
                node_id=node.parent_id, ended_on__isnull=True, kind__in=rules.COMMITTEE_SEATS
            ).values_list("person_id", flat=True)
        )
        return rules.grid_verdicts(current, committee_members)
    if node.kind == rules.BUILDING:
        heads = set(
            Post.objects.filter(
                node__parent=node, ended_on__isnull=True, kind=PostKind.HOUSEHOLD_HEAD
            ).values_list("person_id", flat=True)
        )
        return rules.building_verdicts(current, heads)
    return []
