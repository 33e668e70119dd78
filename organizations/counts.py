"""Subtree counts (party members, households) of organisation nodes, from a cached aggregate.

Counting a node's whole subtree at read time costs work proportional to the subtree (the
district root: all 50,000 members, on every navigator view; see docs/performance.md and ADR
0005). Instead each tree's members and households are grouped once by their node's `lft` into
sorted arrays with running totals; a node's subtree count is then two binary searches over its
[lft, rght] interval, for any number of nodes, with no query.

The aggregate is cached per tree under a *generation* token. Every write that can change a
count (save or delete of a PartyMember, Household or OrgNode, a django-mptt move, and
`actions.tree_bulk_create`/the district seed through `invalidate()`) replaces the token, so
the next read recomputes; the token is replaced again when the transaction commits, so a read
racing the write cannot keep a stale aggregate. `verify()` compares the cached figures with an
independent count (`manage.py check_tree --counts`); `invalidate()` is the repair
(`manage.py refresh_counts`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from django.core.cache import cache
from django.db.models import Count

from dajiwei.generations import Generation

TIMEOUT = 24 * 3600  # a day; any write replaces the generation long before
_LOCAL: dict[str, TreeCounts] = {}  # this process's copy, keyed by generation (for_trees)


@dataclass(frozen=True)
class TreeCounts:
    """Per tree: the distinct node `lft`s holding rows, and running totals (one longer)."""

    member_lfts: tuple[int, ...]
    member_totals: tuple[int, ...]
    household_lfts: tuple[int, ...]
    household_totals: tuple[int, ...]

    @staticmethod
    def _within(lfts, totals, lft: int, rght: int) -> int:
        return totals[bisect_right(lfts, rght)] - totals[bisect_left(lfts, lft)]

    def members(self, lft: int, rght: int) -> int:
        return self._within(self.member_lfts, self.member_totals, lft, rght)

    def households(self, lft: int, rght: int) -> int:
        return self._within(self.household_lfts, self.household_totals, lft, rght)


def _grouped(model, tree_id: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    rows = (
        model.objects.filter(node__tree_id=tree_id)
        .order_by("node__lft")
        .values_list("node__lft")
        .annotate(n=Count("pk"))
    )
    lfts = tuple(lft for lft, _ in rows)
    totals = tuple(accumulate((n for _, n in rows), initial=0))
    return lfts, totals


def compute(tree_id: int) -> TreeCounts:
    """The aggregate of one tree, straight from the database (two grouped queries)."""
    from .models import Household, PartyMember

    return TreeCounts(*_grouped(PartyMember, tree_id), *_grouped(Household, tree_id))


GENERATION = Generation("orgcounts")


def _prefix() -> str:
    return GENERATION.prefix()


def generation() -> str:
    """The current token: other caches built on the same rows put it in their keys (oversight)."""
    return GENERATION.current()


def for_trees(tree_ids) -> dict[int, TreeCounts]:
    """The aggregates of these trees: from the cache, the missing ones computed and stored."""
    tree_ids = sorted(set(tree_ids))
    if not tree_ids:
        return {}
    generation = GENERATION.current()
    keys = {f"{_prefix()}:{generation}:{t}": t for t in tree_ids}
    # This process's copy of the current generation: one small cache read per call, not the
    # arrays (≈ 200 kB at district scale) each time; a new generation drops the copy.
    local = {k: _LOCAL[k] for k in keys if k in _LOCAL}
    if len(local) == len(keys):
        return {keys[k]: v for k, v in local.items()}
    found = {keys[k]: v for k, v in cache.get_many(list(keys)).items()}
    missing = {k: compute(t) for k, t in keys.items() if t not in found}
    if missing:
        cache.set_many(missing, TIMEOUT)
        found.update({keys[k]: v for k, v in missing.items()})
    if not any(k.startswith(f"{_prefix()}:{generation}:") for k in _LOCAL):
        _LOCAL.clear()
    _LOCAL.update({k: found[t] for k, t in keys.items()})
    return found


def attach(nodes) -> None:
    """Set `member_count` and `household_count` on each node (OrgNode instances, loaded)."""
    nodes = [n for n in nodes if hasattr(n, "lft") and hasattr(n, "tree_id")]
    trees = for_trees(n.tree_id for n in nodes)
    for node in nodes:
        counts = trees[node.tree_id]
        node.member_count = counts.members(node.lft, node.rght)
        node.household_count = counts.households(node.lft, node.rght)


def invalidate(**_ignored) -> None:
    """Forget every cached aggregate, now and again when the current transaction commits."""
    GENERATION.renew()


def verify() -> list[str]:
    """Nodes whose cached counts differ from an independent count (an empty list: all exact)."""
    from .models import Household, OrgNode, PartyMember

    nodes = list(OrgNode.objects.order_by("tree_id", "lft"))
    attach(nodes)
    direct_members = dict(
        PartyMember.objects.order_by().values_list("node").annotate(n=Count("pk"))
    )
    direct_households = dict(
        Household.objects.order_by().values_list("node").annotate(n=Count("pk"))
    )
    # Independent: sum the direct counts up the parent links, deepest nodes first.
    members = {n.pk: direct_members.get(n.pk, 0) for n in nodes}
    households = {n.pk: direct_households.get(n.pk, 0) for n in nodes}
    for node in sorted(nodes, key=lambda n: -n.level):
        if node.parent_id is not None and node.parent_id in members:
            members[node.parent_id] += members[node.pk]
            households[node.parent_id] += households[node.pk]
    return [
        f"node {n.pk}: members {n.member_count} != {members[n.pk]}, "
        f"households {n.household_count} != {households[n.pk]}"
        for n in nodes
        if (n.member_count, n.household_count) != (members[n.pk], households[n.pk])
    ]


def connect() -> None:
    """Renew the generation on every write that can change a count (from AppConfig.ready)."""
    GENERATION.renew_on_writes(
        ("organizations.PartyMember", "organizations.Household", "organizations.OrgNode")
    )
