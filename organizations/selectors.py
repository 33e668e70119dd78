"""Every read the organisation pages show: querysets scoped to the user and already joined.

Each selector goes through organizations.access, so a page cannot list what its user may
not see; the joins (select_related / prefetch_related / subquery counts) keep the number of
queries the same however many rows there are.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import (
    Case,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse

from . import access, counts, rules
from .models import (
    AuditEvent,
    Household,
    MemberUnit,
    OrgNode,
    PartyMember,
    Post,
    PostKind,
    Role,
    RoleAssignment,
    ServiceRecipient,
    UnitLink,
)

HOME_LEVELS = (rules.BUILDING, rules.HOUSEHOLD)
PUBLIC_GRID_POSTS = (PostKind.GRID_SECRETARY, PostKind.GRID_LEADER, PostKind.GRID_MEMBER)


def subtree_q(node: OrgNode, prefix: str = "") -> Q:
    """Rows whose node (reached through `prefix`) is `node` or lies below it."""
    return Q(
        **{
            f"{prefix}tree_id": node.tree_id,
            f"{prefix}lft__gte": node.lft,
            f"{prefix}lft__lte": node.rght,  # implied; bounds the index range (tree_id, lft)
            f"{prefix}rght__lte": node.rght,
        }
    )


class CountedQuerySet(QuerySet):
    """OrgNodes that carry `member_count` and `household_count` once loaded (see counts.py)."""

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._result_cache and isinstance(self._result_cache[0], OrgNode):
            counts.attach(self._result_cache)


def with_counts(nodes: QuerySet) -> QuerySet:
    """The nodes, each with the party members and households of its whole subtree.

    The counts come from organizations.counts (a cached per-tree aggregate, no query per node),
    attached when the queryset is evaluated; chaining (order_by, filter) keeps them.
    """
    counted = nodes.all()
    counted.__class__ = CountedQuerySet
    return counted


# ---------------------------------------------------------------------------------------------
# The tree


def scope_roots(user) -> QuerySet:
    """Where the navigator starts: the user's highest nodes, with counts."""
    return with_counts(access.scope_roots(user))


def children(user, node: OrgNode) -> QuerySet:
    """The visible children of `node` with their subtree counts, in tree order."""
    return with_counts(
        access.visible(user, OrgNode.objects.filter(parent=node)).order_by("tree_id", "lft")
    )


def children_of(user, parents) -> QuerySet:
    """The visible children of several nodes at once, with counts (for the navigator)."""
    return with_counts(
        access.visible(user, OrgNode.objects.filter(parent__in=parents)).order_by("tree_id", "lft")
    )


class Crumb(NamedTuple):
    """An ancestor on the way down to a page's node: what the trail shows and the scope check
    needs (access.holds reads the tree fields)."""

    pk: int
    name: str
    tree_id: int
    lft: int
    rght: int

    def get_absolute_url(self) -> str:
        return reverse("organizations:node", args=[self.pk])


def breadcrumbs(user, node: OrgNode) -> list[Crumb]:
    """The ancestors of `node` the user may see, top first: no query once the chain is cached."""
    return [crumb for crumb in ancestors(node) if access.holds(user, access.VIEW, crumb)]


def ancestors(node: OrgNode) -> list[Crumb]:
    """`node`'s ancestors, top first, cached under the subtree counts' generation, which every
    write to the tree renews (organizations.counts): nearly every page shows the trail."""
    key = f"{counts.GENERATION.prefix()}:{counts.generation()}:ancestors:{node.pk}"

    def chain() -> list[Crumb]:
        rows = node.get_ancestors().values_list("pk", "name", "tree_id", "lft", "rght")
        return [Crumb(*row) for row in rows]

    return counts.GENERATION.get_or_build(key, chain, counts.TIMEOUT)


def _kind_rank(kinds, field: str = "kind") -> Case:
    """Order posts (or roles) as the policy lists them (secretary first), not alphabetically."""
    return Case(
        *(When(**{field: kind}, then=Value(i)) for i, kind in enumerate(kinds)),
        default=Value(len(kinds)),
        output_field=IntegerField(),
    )


def posts(node: OrgNode) -> list[Post]:
    """All posts of a node, active and ended, with their holders, in the policy's order.

    Sorted here: a node has a few dozen posts at most, and the order by kind as a SQL CASE
    cost the committee page more to build than the query took to run."""
    rank = {kind: i for i, kind in enumerate(PostKind.values)}
    found = Post.objects.filter(node=node).select_related("person")
    return sorted(found, key=lambda p: (rank.get(p.kind, len(rank)), p.started_on, p.pk))


def linked_units(user, committee: OrgNode) -> QuerySet:
    """The units with an open link to this community committee."""
    units = MemberUnit.objects.filter(
        links__committee=committee, links__ended_on__isnull=True
    ).distinct()
    if access.holds(user, access.VIEW, committee):
        # access.visible lets through every unit linked to a committee in the user's scope:
        # all of these. Asked of the committee already loaded, it costs no query.
        return units
    return access.visible(user, units)


def role_assignments(node: OrgNode) -> QuerySet:
    """Every role held on `node`, active and ended, with the user, the unit and the post.

    `person_name` is the holder's name: their party-member record's, else the login's first
    name. Active roles first (in the order of Role), then the ended ones, latest first.
    """
    return (
        RoleAssignment.objects.filter(node=node)
        .select_related("user", "unit", "post", "post__node")
        .annotate(
            person_name=Coalesce(
                "user__party_member__name", NullIf("user__first_name", Value("")), Value("")
            ),
            rank=_kind_rank(Role.values, field="role"),
        )
        .order_by(F("ended_at").desc(nulls_first=True), "rank", "started_at", "pk")
    )


# ---------------------------------------------------------------------------------------------
# Rosters


def members_under(user, node: OrgNode) -> QuerySet:
    """Party members living in `node`'s subtree that the user may list."""
    return access.visible(
        user,
        PartyMember.objects.filter(subtree_q(node, "node__")).select_related(
            "node", "node__parent", "workplace"
        ),
        access.VIEW_ROSTER,
    )


def units_under(user, node: OrgNode) -> QuerySet:
    """Member units linked (now or before) to a committee in `node`'s subtree."""
    linked = UnitLink.objects.filter(subtree_q(node, "committee__")).values("unit_id")
    units = MemberUnit.objects.filter(pk__in=linked).prefetch_related(
        Prefetch(
            "links",
            queryset=UnitLink.objects.select_related("committee").order_by("started_on", "pk"),
        )
    )
    return access.visible(user, units, access.VIEW_ROSTER)


def households_under(user, node: OrgNode) -> QuerySet:
    return access.visible(
        user,
        Household.objects.filter(subtree_q(node, "node__")).select_related("node", "node__parent"),
        access.VIEW_ROSTER,
    )


def recipients_under(user, node: OrgNode) -> QuerySet:
    return access.visible(
        user,
        ServiceRecipient.objects.filter(subtree_q(node, "node__")).select_related(
            "node", "household"
        ),
        access.VIEW_ROSTER,
    )


def member_posts(person: PartyMember) -> QuerySet:
    return person.posts.select_related("node").order_by("-started_on", "pk")


def unit_links(unit: MemberUnit) -> QuerySet:
    return unit.links.select_related("committee").order_by("started_on", "pk")


# ---------------------------------------------------------------------------------------------
# Choices for forms, limited to what the user may write


def committee_of(node: OrgNode) -> OrgNode | None:
    """The community committee `node` belongs to (itself when it is one)."""
    if node.kind == rules.COMMITTEE:
        return node
    if node.kind < rules.COMMITTEE:
        return None
    return node.get_ancestors().filter(kind=rules.COMMITTEE).first()


def home_choices(user, within: OrgNode) -> QuerySet:
    """Buildings and party-member households under `within` where the user manages rosters."""
    return access.visible(
        user,
        OrgNode.objects.filter(subtree_q(within), kind__in=HOME_LEVELS).order_by("tree_id", "lft"),
        access.MANAGE_ROSTER,
    )


def workplace_choices(user) -> QuerySet:
    return access.visible(user, MemberUnit.objects.all())


def person_choices(user, node: OrgNode) -> QuerySet:
    """Who may be given a post on `node`: the members of its community the user can list."""
    within = committee_of(node) or node
    return members_under(user, within).order_by("name", "pk")


def committees_to_link(user, unit: MemberUnit) -> QuerySet:
    """Committees the user manages that the unit is not linked to yet."""
    open_links = unit.links.filter(ended_on__isnull=True).values("committee_id")
    return access.visible(
        user,
        OrgNode.objects.filter(kind=rules.COMMITTEE).exclude(pk__in=open_links),
        access.MANAGE_ROSTER,
    ).order_by("tree_id", "lft")


def grid_choices(user, node: OrgNode) -> QuerySet:
    """The grids under `node` (or `node` itself), for roster filters."""
    return access.visible(
        user, OrgNode.objects.filter(subtree_q(node), kind=rules.GRID).order_by("tree_id", "lft")
    )


def audit_node_choices(user) -> QuerySet:
    """Districts, streets and communities the user may search the audit log of."""
    return access.visible(
        user,
        OrgNode.objects.filter(kind__lte=rules.COMMITTEE).order_by("tree_id", "lft"),
        access.VIEW_AUDIT,
    )


def household_choices(user, grid: OrgNode) -> QuerySet:
    return households_under(user, grid)


# ---------------------------------------------------------------------------------------------
# The audit log and the public pages


def audit_events(user) -> QuerySet:
    """The audit log of the user's scope, newest first."""
    return access.visible(
        user, AuditEvent.objects.select_related("actor", "node"), access.VIEW_AUDIT
    ).order_by("-created_at", "-pk")


def public_grid(public_id) -> OrgNode | None:
    """A grid by its public id (the only key residents see), with its community."""
    return (
        OrgNode.objects.filter(public_id=public_id, kind=rules.GRID)
        .select_related("parent")
        .first()
    )


def public_grid_contacts(grid: OrgNode) -> QuerySet:
    """The grid's responsible persons: its active secretary, leader and branch members."""
    return (
        Post.objects.filter(node=grid, ended_on__isnull=True, kind__in=PUBLIC_GRID_POSTS)
        .select_related("person")
        .annotate(rank=_kind_rank(PUBLIC_GRID_POSTS))
        .order_by("rank", "started_on", "pk")
    )
