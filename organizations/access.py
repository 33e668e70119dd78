"""The one gate: who may see and do what, on which part of the tree.

A user holds roles on nodes (RoleAssignment). Each role's permissions are granted with
django-guardian on that node only; here they are widened to the node's subtree with one
query over the MPTT ranges (tree_id, lft, rght), never sideways. Nothing else in the
project imports guardian (ruff's banned-api rule enforces that).

The answers: outside the user's scope a 404, in scope without the permission a 403,
anonymous a redirect to the login page.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from guardian.shortcuts import assign_perm, get_objects_for_user, get_perms, remove_perm
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from . import rules
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

VIEW = "organizations.view_orgnode"
VIEW_ROSTER = "organizations.view_roster"
MANAGE_TREE = "organizations.manage_tree"
MANAGE_ROSTER = "organizations.manage_roster"
MANAGE_POSTS = "organizations.manage_posts"
VIEW_SENSITIVE = "organizations.view_sensitive"
VIEW_AUDIT = "organizations.view_audit"
RUN_ELECTIONS = "organizations.run_elections"
DECIDE_FILINGS = "organizations.decide_filings"
RUN_MEETINGS = "organizations.run_meetings"
MANAGE_SERVICES = "organizations.manage_services"
HANDLE_MATTERS = "organizations.handle_matters"
CONFIRM_SERVICE = "organizations.confirm_service"
MANAGE_FUNDS = "organizations.manage_funds"
APPROVE_SPENDING = "organizations.approve_spending"
CHANGE_UNIT = "organizations.change_memberunit"

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.DISTRICT_STAFF: frozenset(
        {
            VIEW,
            VIEW_ROSTER,
            MANAGE_TREE,
            MANAGE_ROSTER,
            MANAGE_POSTS,
            VIEW_SENSITIVE,
            VIEW_AUDIT,
            DECIDE_FILINGS,
        }
    ),
    Role.STREET_STAFF: frozenset(
        {VIEW, VIEW_ROSTER, MANAGE_TREE, MANAGE_ROSTER, MANAGE_POSTS, DECIDE_FILINGS}
    ),
    # The secretary's role comes only with the post, so RUN_ELECTIONS is never granted by hand.
    Role.COMMUNITY_SECRETARY: frozenset(
        {
            VIEW,
            VIEW_ROSTER,
            MANAGE_TREE,
            MANAGE_ROSTER,
            MANAGE_POSTS,
            VIEW_SENSITIVE,
            RUN_ELECTIONS,
            RUN_MEETINGS,
            MANAGE_SERVICES,
            HANDLE_MATTERS,
            CONFIRM_SERVICE,
            MANAGE_FUNDS,
            APPROVE_SPENDING,
        }
    ),
    # The office records; spending is approved by the secretary.
    Role.COMMUNITY_OFFICE: frozenset(
        {
            VIEW,
            VIEW_ROSTER,
            MANAGE_ROSTER,
            RUN_MEETINGS,
            MANAGE_SERVICES,
            HANDLE_MATTERS,
            MANAGE_FUNDS,
        }
    ),
    Role.GRID_SECRETARY: frozenset(
        {VIEW, VIEW_ROSTER, MANAGE_ROSTER, HANDLE_MATTERS, CONFIRM_SERVICE}
    ),
    Role.UNIT_CONTACT: frozenset({VIEW}),
    Role.PARTY_MEMBER: frozenset({VIEW}),
}

# Posts grant their role on their node automatically; ending the post takes it away.
POST_ROLES: dict[str, str] = {
    PostKind.SECRETARY: Role.COMMUNITY_SECRETARY,
    PostKind.FULLTIME_DEPUTY: Role.COMMUNITY_SECRETARY,
    PostKind.OFFICE_HEAD: Role.COMMUNITY_OFFICE,
    PostKind.GRID_SECRETARY: Role.GRID_SECRETARY,
}
DEFAULT_POST_ROLE = Role.PARTY_MEMBER

# Roles given directly on the roles page, by the level they are held on. Secretaries' and grid
# secretaries' roles are not here: they come only with their posts (actions.post_start).
DIRECT_ROLES: dict[int, tuple[str, ...]] = {
    rules.DISTRICT: (Role.DISTRICT_STAFF,),
    rules.STREET: (Role.STREET_STAFF,),
    rules.COMMITTEE: (Role.COMMUNITY_OFFICE, Role.UNIT_CONTACT),
}

# How each scoped model reaches its node; the key is the lookup prefix for the node's fields.
_NODE_PATH: dict[type[Model], str] = {
    OrgNode: "",
    PartyMember: "node__",
    Household: "node__",
    ServiceRecipient: "node__",
    Post: "node__",
    RoleAssignment: "node__",
    AuditEvent: "node__",
    UnitLink: "committee__",
}

_CACHE_ATTR = "_dajiwei_scope_cache"


def register_scoped(model: type[Model], node_prefix: str) -> None:
    """Let another app's model go through the gate: `node_prefix` leads from it to its node.

    Called from that app's AppConfig.ready(), e.g. Election → "committee__".
    """
    _NODE_PATH[model] = node_prefix


def role_for_post(kind: str) -> str:
    return POST_ROLES.get(kind, DEFAULT_POST_ROLE)


# ---------------------------------------------------------------------------------------------
# Scope


def _ranges(user, perm: str) -> list[tuple[int, int, int]] | None:
    """The (tree_id, lft, rght) of every node where `user` holds `perm`; None means everywhere.

    Memoised on the user object, which lives for one request: the first call loads the
    ranges of every permission at once (one query), so a page asking about several
    permissions pays for one.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cache = user.__dict__.get(_CACHE_ATTR)
    if cache is None:
        cache = user.__dict__[_CACHE_ATTR] = _all_ranges(user)
    return cache.get(perm, [])


def _all_ranges(user) -> dict[str, list[tuple[int, int, int]]]:
    """Every organisation permission of `user` (granted to them or to a group of theirs), as
    {"organizations.<codename>": [(tree_id, lft, rght), ...]} in tree order: what guardian's
    get_objects_for_user gives per permission (object grants only), for all permissions in one
    query. Every page asks this once, so the statement is composed once (`_ranges_sql`): built
    by the ORM on each request, it cost three times what the database spends on it."""
    content_type = ContentType.objects.get_for_model(OrgNode).pk
    with connection.cursor() as cursor:
        cursor.execute(_ranges_sql(), [content_type, user.pk, content_type, user.pk])
        rows = cursor.fetchall()
    found: dict[str, set[tuple[int, int, int]]] = defaultdict(set)
    for codename, *node_range in rows:
        found[f"{OrgNode._meta.app_label}.{codename}"].add(tuple(node_range))
    return {perm: sorted(ranges) for perm, ranges in found.items()}


@functools.cache
def _ranges_sql() -> str:
    """The grants of one user, direct and through groups, joined to their nodes' ranges.

    The grants are narrowed to organisations (the content type) in the UNION before the join,
    which PostgreSQL cannot flatten, so the cast of `object_pk` only meets organisations' keys;
    the node is then found by its integer key through the primary-key index."""
    table = {
        name: connection.ops.quote_name(model._meta.db_table)
        for name, model in {
            "node": OrgNode,
            "permission": Permission,
            "user_grants": get_user_obj_perms_model(OrgNode),
            "group_grants": get_group_obj_perms_model(OrgNode),
            "memberships": get_user_model().groups.through,
        }.items()
    }
    return (
        "SELECT permission.codename, node.tree_id, node.lft, node.rght FROM ("
        f"SELECT permission_id, object_pk FROM {table['user_grants']}"
        " WHERE content_type_id = %s AND user_id = %s"
        f" UNION SELECT permission_id, object_pk FROM {table['group_grants']}"
        " WHERE content_type_id = %s AND group_id IN"
        f" (SELECT group_id FROM {table['memberships']} WHERE user_id = %s)"
        f") AS grants JOIN {table['permission']} AS permission"
        " ON permission.id = grants.permission_id"
        f" JOIN {table['node']} AS node ON node.id = CAST(grants.object_pk AS bigint)"
    )


def holds(user, perm: str, node: OrgNode) -> bool:
    """Whether `user` holds `perm` on `node`, a freshly loaded organisation: no query beyond the
    memoised ranges. (can() asks the database, for any object and for stale tree fields.)"""
    ranges = _ranges(user, perm)
    if ranges is None:
        return True
    return any(
        tree_id == node.tree_id and lft <= node.lft and node.rght <= rght
        for tree_id, lft, rght in ranges
    )


def holds_anywhere(user, perm: str) -> bool:
    """Whether `user` holds `perm` on some organisation (navigation links): no query beyond the
    memoised ranges."""
    return _ranges(user, perm) != []


def forget_scope(user) -> None:
    """Drop the memoised scope after the user's roles change within one request."""
    user.__dict__.pop(_CACHE_ATTR, None)


def scope_q(user, perm: str, prefix: str = "") -> Q:
    """A filter for rows whose node (reached through `prefix`) lies in the user's scope."""
    ranges = _ranges(user, perm)
    if ranges is None:
        return Q()
    q = Q(pk__in=[])
    for tree_id, lft, rght in ranges:
        q |= Q(
            **{
                f"{prefix}tree_id": tree_id,
                f"{prefix}lft__gte": lft,
                f"{prefix}lft__lte": rght,  # implied; bounds the index range (tree_id, lft)
                f"{prefix}rght__lte": rght,
            }
        )
    return q


def visible(user, queryset: QuerySet, perm: str = VIEW) -> QuerySet:
    """The rows of `queryset` that `user` may see with `perm` (for lists)."""
    model = queryset.model
    if model is MemberUnit:
        linked = UnitLink.objects.filter(scope_q(user, perm, "committee__")).values("unit_id")
        own = Q(pk__in=[])
        if perm in (VIEW, CHANGE_UNIT) and user.is_authenticated:
            own = Q(
                pk__in=get_objects_for_user(
                    user, CHANGE_UNIT, klass=MemberUnit, with_superuser=False
                )
            )
        return queryset.filter(Q(pk__in=linked) | own)
    return queryset.filter(scope_q(user, perm, _NODE_PATH[model]))


def can(user, perm: str, obj: Model) -> bool:
    """Whether `user` holds `perm` on the node(s) `obj` belongs to."""
    return visible(user, type(obj)._default_manager.filter(pk=obj.pk), perm).exists()


def get_visible_or_404(user, queryset: QuerySet, perm: str = VIEW, **lookup) -> Model:
    """One object: 404 outside the user's scope, 403 in scope without `perm`."""
    if queryset.model is OrgNode:
        # Loaded plainly and judged on its own tree fields: every page about an organisation
        # passes here, and the scope filter in SQL cost more to build than to run.
        obj = queryset.filter(**lookup).first()
        if obj is None or not holds(user, VIEW, obj):
            raise Http404
    else:
        obj = visible(user, queryset, VIEW).filter(**lookup).first()
        if obj is None:
            raise Http404
    if perm != VIEW and not _holds_on(user, perm, obj):
        raise PermissionDenied
    return obj


def _holds_on(user, perm: str, obj: Model) -> bool:
    # An organisation loaded a moment ago is judged on its own tree fields, with no query.
    if isinstance(obj, OrgNode):
        return holds(user, perm, obj)
    return can(user, perm, obj)


def scope_roots(user) -> QuerySet:
    """The highest nodes the user can see: where the navigator starts. Found from the memoised
    ranges (in tree order, a range inside the last top one is covered by it), then loaded by
    (tree_id, lft) through the index on those columns."""
    if user.is_superuser:
        return OrgNode.objects.filter(parent__isnull=True)
    tops: list[tuple[int, int, int]] = []
    for tree_id, lft, rght in _ranges(user, VIEW):
        if not tops or tops[-1][0] != tree_id or rght > tops[-1][2]:
            tops.append((tree_id, lft, rght))
    found = Q(pk__in=[])
    for tree_id, lft, _rght in tops:
        found |= Q(tree_id=tree_id, lft=lft)
    return OrgNode.objects.filter(found).order_by("tree_id", "lft")


# ---------------------------------------------------------------------------------------------
# Granting: called only from organizations.actions, inside their transaction.


def sync_node_permissions(user, node: OrgNode) -> None:
    """Make the user's guardian permissions on `node` the union of their active roles there."""
    roles = RoleAssignment.objects.filter(user=user, node=node, ended_at__isnull=True)
    wanted = set().union(*(ROLE_PERMISSIONS[r] for r in roles.values_list("role", flat=True)))
    held = {f"organizations.{codename}" for codename in get_perms(user, node)}
    for perm in wanted - held:
        assign_perm(perm, user, node)
    for perm in held - wanted:
        remove_perm(perm, user, node)
    forget_scope(user)


def sync_unit_permission(user, unit: MemberUnit) -> None:
    """A unit contact edits their own unit while they hold an active unit-contact role."""
    holds = RoleAssignment.objects.filter(
        user=user, unit=unit, role=Role.UNIT_CONTACT, ended_at__isnull=True
    ).exists()
    if holds:
        assign_perm(CHANGE_UNIT, user, unit)
    else:
        remove_perm(CHANGE_UNIT, user, unit)
    forget_scope(user)


def may_grant(user, role: str, node: OrgNode) -> bool:
    """Whether `user` may give (or take back) `role` on `node`: no one hands out what they lack.

    They need manage_posts on the node and every permission of the role there themselves.
    """
    if not can(user, MANAGE_POSTS, node):
        return False
    return all(can(user, perm, node) for perm in ROLE_PERMISSIONS[role])


def grantable_roles(user, node: OrgNode) -> list[str]:
    """The roles `user` may grant directly on `node` (its level's direct roles they may grant)."""
    return [role for role in DIRECT_ROLES.get(node.kind, ()) if may_grant(user, role, node)]


def may_edit_unit(user, unit: MemberUnit) -> bool:
    """Unit records are edited by roster managers of a linked committee or by the unit's contact."""
    return can(user, MANAGE_ROSTER, unit) or user.has_perm(CHANGE_UNIT, unit)


# ---------------------------------------------------------------------------------------------
# Views


class ScopedMixin(AccessMixin):
    """The gate for every logged-in view: loads `self.object` through the user's scope.

    `scope_queryset` is what the URL's `pk` is looked up in (organisations by default);
    `permission` is what the user must hold on it. Outside scope 404, in scope without
    the permission 403, anonymous a login redirect.
    """

    permission: str = VIEW
    scope_queryset: QuerySet | None = None
    scope_kwarg: str = "pk"

    def get_scope_queryset(self) -> QuerySet:
        if self.scope_queryset is not None:
            return self.scope_queryset.all()
        return OrgNode.objects.all()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.load_object(request, kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load_object(self, request, kwargs):
        if self.scope_kwarg is None:
            return None
        return get_visible_or_404(
            request.user, self.get_scope_queryset(), self.permission, pk=kwargs[self.scope_kwarg]
        )

    def get_object(self, queryset=None):
        return self.object


class LoggedInMixin(AccessMixin):
    """For pages about the user's own scope with no object in the URL (the navigator)."""

    required_permission: str | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if (
            self.required_permission
            and not _ranges(request.user, self.required_permission)
            and (not request.user.is_superuser)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PublicMixin:
    """Marks a page for residents: no login, nothing personal beyond what a contact card shows."""

    public = True


def resync_all_permissions() -> int:
    """Recompute every user's guardian permissions from their active roles.

    Run after ROLE_PERMISSIONS changes (an upgrade that adds a permission to a role): the
    permissions granted earlier were computed from the old table. Returns the pairs synced.
    """
    user_model = RoleAssignment._meta.get_field("user").related_model
    pairs = set(RoleAssignment.objects.values_list("user_id", "node_id"))
    users = user_model.objects.in_bulk({u for u, _n in pairs})
    nodes = OrgNode.objects.in_bulk({n for _u, n in pairs})
    for user_id, node_id in sorted(pairs):
        sync_node_permissions(users[user_id], nodes[node_id])
    for assignment in RoleAssignment.objects.filter(unit__isnull=False).select_related(
        "user", "unit"
    ):
        sync_unit_permission(assignment.user, assignment.unit)
    return len(pairs)
