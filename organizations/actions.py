"""Every write to the organisation data: small keyword-only functions, each atomic.

Each validates (rules.py) before it saves and appends an AuditEvent in the same
transaction. Tree writes take the tree lock first (see _lock_tree).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access, composition, counts, rules
from .models import (
    AuditEvent,
    Household,
    MemberUnit,
    OrgNode,
    PartyMember,
    Post,
    Role,
    RoleAssignment,
    ServiceRecipient,
    UnitLink,
)

# An arbitrary constant naming the tree's advisory lock in PostgreSQL.
_TREE_LOCK_KEY = 0x5DA_71E


class NeedsReason(Exception):
    """A change breaks a "一般/原则上" norm: it may go ahead only with a recorded reason."""

    def __init__(self, verdicts: list[rules.Verdict]):
        self.verdicts = verdicts
        super().__init__("; ".join(v.message for v in verdicts))


def acting_user(actor):
    """The user to record as having done something: None for the system (a task, a command)
    and for an anonymous visitor."""
    return actor if actor is not None and actor.is_authenticated else None


def audit(*, actor, action: str, node=None, obj=None, data=None, ip=None) -> AuditEvent:
    """Append one event to the audit log; call inside the action's transaction."""
    return AuditEvent.objects.create(
        actor=acting_user(actor),
        action=action,
        node=node,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=data or {},
        ip=ip,
    )


def _lock_tree() -> None:
    """Serialise tree writes: django-mptt corrupts the nested sets if two run at once.

    PostgreSQL: a transaction-scoped advisory lock. SQLite allows one writer at a time and
    is only the single-process embedded default.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_TREE_LOCK_KEY])


# ---------------------------------------------------------------------------------------------
# The tree

_NODE_FIELDS = ("name", "boundary", "address", "map_image")


@transaction.atomic
def node_create(
    *, actor, parent: OrgNode | None, kind: int, name: str, ip=None, **fields
) -> OrgNode:
    """Add a node exactly one level below `parent` (a district when parent is None)."""
    _lock_tree()
    if parent is not None:
        parent = OrgNode.objects.get(pk=parent.pk)  # fresh tree fields, read under the lock
    problem = rules.child_level_problem(parent.kind if parent else None, kind)
    if problem:
        raise ValidationError({"kind": problem})
    node = OrgNode(parent=parent, kind=kind, name=name, **fields)
    node.full_clean()
    node.save()
    audit(actor=actor, action="node.create", node=node, obj=node, data={"kind": kind}, ip=ip)
    return node


@transaction.atomic
def node_update(*, actor, node: OrgNode, ip=None, **changes) -> OrgNode:
    """Rename a node or change its boundary, address or map; its place in the tree stays."""
    _lock_tree()
    node = OrgNode.objects.get(pk=node.pk)
    unknown = set(changes) - set(_NODE_FIELDS)
    if unknown:
        raise ValueError(f"node_update cannot change {sorted(unknown)}")
    before = {k: str(getattr(node, k)) for k in changes}
    for key, value in changes.items():
        setattr(node, key, value)
    node.full_clean()
    node.save()
    after = {k: str(getattr(node, k)) for k in changes}
    audit(
        actor=actor,
        action="node.update",
        node=node,
        obj=node,
        data={"before": before, "after": after},
        ip=ip,
    )
    return node


# ---------------------------------------------------------------------------------------------
# People and households

_HOME_LEVELS = (rules.BUILDING, rules.HOUSEHOLD)


def _check_home(node: OrgNode) -> None:
    if node.kind not in _HOME_LEVELS:
        raise ValidationError(
            {"node": _("A party member's home is a building or a party-member household.")}
        )


def _save_changes(obj, changes: dict) -> dict:
    """Apply `changes`, validate, save; return the field names that changed."""
    changed = {}
    for key, value in changes.items():
        if getattr(obj, key) != value:
            changed[key] = True
            setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    return changed


@transaction.atomic
def member_create(*, actor, node: OrgNode, ip=None, **fields) -> PartyMember:
    """Register a party member at their home (a building or a party-member household)."""
    _check_home(node)
    fields["resident_id"] = fields.get("resident_id", "").upper()
    member = PartyMember(node=node, **fields)
    member.full_clean()
    member.save()
    audit(actor=actor, action="member.create", node=node, obj=member, ip=ip)
    return member


@transaction.atomic
def member_update(*, actor, member: PartyMember, ip=None, **changes) -> PartyMember:
    if "node" in changes:
        _check_home(changes["node"])
    if "resident_id" in changes:
        changes["resident_id"] = changes["resident_id"].upper()
    changed = _save_changes(member, changes)
    # Sensitive values are not copied into the log; the names of the changed fields are.
    audit(
        actor=actor,
        action="member.update",
        node=member.node,
        obj=member,
        data={"fields": sorted(changed)},
        ip=ip,
    )
    return member


@transaction.atomic
def member_reveal(*, actor, member: PartyMember, ip=None) -> dict:
    """The full ID number and phone, for a viewer with the sensitive-data permission; logged."""
    audit(actor=actor, action="member.reveal", node=member.node, obj=member, ip=ip)
    return {"resident_id": member.resident_id, "phone": member.phone}


@transaction.atomic
def member_login_create(*, actor, member: PartyMember, username: str, password: str, ip=None):
    """Give a party member a login with the party-member role on their community committee."""
    if member.user_id:
        raise ValidationError(_("This party member already has a login."))
    user = get_user_model().objects.create_user(username=username, password=password)
    member.user = user
    member.save(update_fields=["user"])
    home = OrgNode.objects.get(pk=member.node_id)  # fresh tree fields, not a cached instance
    committee = home.get_ancestors().filter(kind=rules.COMMITTEE).first()
    role_grant(actor=actor, user=user, node=committee, role=Role.PARTY_MEMBER, ip=ip)
    # Posts the member already holds grant their roles now that there is a login to hold them.
    for post in member.posts.filter(ended_on__isnull=True).select_related("node"):
        role_grant(
            actor=actor,
            user=user,
            node=post.node,
            role=access.role_for_post(post.kind),
            post=post,
            ip=ip,
        )
    audit(actor=actor, action="member.login_create", node=member.node, obj=member, ip=ip)
    return user


def _check_level(node: OrgNode, level: int, message: str) -> None:
    if node.kind != level:
        raise ValidationError({"node": message})


@transaction.atomic
def household_create(*, actor, node: OrgNode, ip=None, **fields) -> Household:
    _check_level(node, rules.BUILDING, _("A household belongs to a building."))
    household = Household(node=node, **fields)
    household.full_clean()
    household.save()
    audit(actor=actor, action="household.create", node=node, obj=household, ip=ip)
    return household


@transaction.atomic
def household_update(*, actor, household: Household, ip=None, **changes) -> Household:
    if "node" in changes:
        _check_level(changes["node"], rules.BUILDING, _("A household belongs to a building."))
    changed = _save_changes(household, changes)
    audit(
        actor=actor,
        action="household.update",
        node=household.node,
        obj=household,
        data={"fields": sorted(changed)},
        ip=ip,
    )
    return household


@transaction.atomic
def recipient_create(*, actor, node: OrgNode, ip=None, **fields) -> ServiceRecipient:
    _check_level(node, rules.GRID, _("A service recipient is recorded on a grid."))
    recipient = ServiceRecipient(node=node, **fields)
    recipient.full_clean()
    recipient.save()
    audit(actor=actor, action="recipient.create", node=node, obj=recipient, ip=ip)
    return recipient


@transaction.atomic
def recipient_update(*, actor, recipient: ServiceRecipient, ip=None, **changes) -> ServiceRecipient:
    changed = _save_changes(recipient, changes)
    audit(
        actor=actor,
        action="recipient.update",
        node=recipient.node,
        obj=recipient,
        data={"fields": sorted(changed)},
        ip=ip,
    )
    return recipient


# ---------------------------------------------------------------------------------------------
# Member units


@transaction.atomic
def unit_create(
    *, actor, committee: OrgNode, linked_on: datetime.date, ip=None, **fields
) -> MemberUnit:
    """Record a unit's party organisation and link it to a community committee."""
    _check_level(committee, rules.COMMITTEE, _("A unit is linked to a community committee."))
    unit = MemberUnit(**fields)
    unit.full_clean()
    unit.save()
    UnitLink.objects.create(unit=unit, committee=committee, started_on=linked_on)
    audit(actor=actor, action="unit.create", node=committee, obj=unit, ip=ip)
    return unit


@transaction.atomic
def unit_update(*, actor, unit: MemberUnit, ip=None, **changes) -> MemberUnit:
    changed = _save_changes(unit, changes)
    node = unit.links.filter(ended_on__isnull=True).select_related("committee").first()
    audit(
        actor=actor,
        action="unit.update",
        node=node.committee if node else None,
        obj=unit,
        data={"fields": sorted(changed)},
        ip=ip,
    )
    return unit


@transaction.atomic
def unit_link(
    *, actor, unit: MemberUnit, committee: OrgNode, linked_on: datetime.date, ip=None
) -> UnitLink:
    """Link a unit to one more community committee; its own affiliation does not change."""
    _check_level(committee, rules.COMMITTEE, _("A unit is linked to a community committee."))
    if unit.links.filter(committee=committee, ended_on__isnull=True).exists():
        raise ValidationError(
            _("This unit is already linked to %(committee)s.") % {"committee": committee}
        )
    link = UnitLink.objects.create(unit=unit, committee=committee, started_on=linked_on)
    audit(
        actor=actor,
        action="unit.link",
        node=committee,
        obj=unit,
        data={"on": str(linked_on)},
        ip=ip,
    )
    return link


# ---------------------------------------------------------------------------------------------
# Posts and roles


@transaction.atomic
def post_start(
    *,
    actor,
    node: OrgNode,
    person: PartyMember,
    kind: str,
    source: str,
    started_on: datetime.date,
    decision_ref: str = "",
    concurrent_branch_post: bool = False,
    override_reason: str = "",
    ip=None,
) -> Post:
    """Start a post; hard limits refuse it, broken norms need `override_reason`."""
    _lock_tree()  # one post change per tree at a time, so two checks cannot both pass
    problem = rules.post_level_problem(kind, node.kind)
    if problem:
        raise ValidationError({"kind": problem})
    proposed = rules.Seat(
        kind=kind,
        person_id=person.pk,
        concurrent_branch_post=concurrent_branch_post,
        counts_against_quota=rules.counts_against_quota(kind),
        unit_id=person.workplace_id,
    )
    broken = rules.new_failures(composition.verdicts(node), composition.verdicts(node, proposed))
    blocked = [v.message for v in broken if v.severity == rules.Severity.BLOCK]
    if blocked:
        raise ValidationError(blocked)
    if broken and not override_reason.strip():
        raise NeedsReason(broken)
    post = Post(
        node=node,
        person=person,
        kind=kind,
        source=source,
        started_on=started_on,
        decision_ref=decision_ref,
        counts_against_quota=proposed.counts_against_quota,
        concurrent_branch_post=concurrent_branch_post,
        exception_reason=override_reason.strip() if broken else "",
    )
    post.full_clean()
    post.save()
    if person.user_id:
        role_grant(
            actor=actor,
            user=person.user,
            node=node,
            role=access.role_for_post(kind),
            post=post,
            ip=ip,
        )
    audit(
        actor=actor,
        action="post.start",
        node=node,
        obj=post,
        data={
            "kind": kind,
            "person": person.pk,
            "exceptions": [v.rule for v in broken],
            "reason": post.exception_reason,
        },
        ip=ip,
    )
    return post


@transaction.atomic
def post_end(*, actor, post: Post, ended_on: datetime.date, reason: str = "", ip=None) -> Post:
    """End a post (nothing is deleted); the role it granted ends with it."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.ended_on is not None:
        raise ValidationError(_("This post already ended on %(date)s.") % {"date": post.ended_on})
    if ended_on < post.started_on:
        raise ValidationError(
            {
                "ended_on": _("A post cannot end (%(end)s) before it started (%(start)s).")
                % {"end": ended_on, "start": post.started_on}
            }
        )
    post.ended_on = ended_on
    post.end_reason = reason
    post.save(update_fields=["ended_on", "end_reason"])
    for assignment in post.role_assignments.filter(ended_at__isnull=True):
        role_end(actor=actor, assignment=assignment, ip=ip)
    audit(
        actor=actor,
        action="post.end",
        node=post.node,
        obj=post,
        data={"on": str(ended_on), "reason": reason},
        ip=ip,
    )
    return post


@transaction.atomic
def role_grant(
    *,
    actor,
    user,
    node: OrgNode,
    role: str,
    unit: MemberUnit | None = None,
    post: Post | None = None,
    ip=None,
) -> RoleAssignment:
    """Give `user` a role on `node`; its permissions reach the node's subtree."""
    assignment = RoleAssignment.objects.create(
        user=user, node=node, role=role, unit=unit, post=post
    )
    access.sync_node_permissions(user, node)
    if unit is not None:
        access.sync_unit_permission(user, unit)
    audit(
        actor=actor,
        action="role.grant",
        node=node,
        obj=assignment,
        data={"role": role, "user": user.pk},
        ip=ip,
    )
    return assignment


@transaction.atomic
def role_end(*, actor, assignment: RoleAssignment, ip=None) -> RoleAssignment:
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at"])
    access.sync_node_permissions(assignment.user, assignment.node)
    if assignment.unit_id:
        access.sync_unit_permission(assignment.user, assignment.unit)
    audit(
        actor=actor,
        action="role.end",
        node=assignment.node,
        obj=assignment,
        data={"role": assignment.role, "user": assignment.user_id},
        ip=ip,
    )
    return assignment


# ---------------------------------------------------------------------------------------------
# Staff logins and directly granted roles (the roles page, `manage.py bootstrap_district`)


@transaction.atomic
def staff_login_create(
    *, actor, username: str, full_name: str, password: str, node: OrgNode | None = None, ip=None
):
    """Create a login for a staff member with a temporary password; it holds no role yet.

    `node` is only where the audit event is filed (where the login is created for), so that
    the district's audit search finds it.
    """
    user_model = get_user_model()
    username = username.strip()
    if user_model.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("The username %(username)s is already taken.") % {"username": username}}
        )
    user = user_model(username=username, first_name=full_name.strip())
    try:
        password_validation.validate_password(password, user)
    except ValidationError as weak:
        raise ValidationError({"password": weak.messages}) from weak
    user.set_password(password)
    user.full_clean()
    user.save()
    audit(
        actor=actor,
        action="staff.login_create",
        node=node,
        obj=user,
        data={"username": user.username},
        ip=ip,
    )
    return user


def _check_direct_grant(*, user, node: OrgNode, role: str, unit: MemberUnit | None) -> None:
    if role not in access.DIRECT_ROLES.get(node.kind, ()):
        raise ValidationError(
            {"role": _("This role is not granted directly on this level of organisation.")}
        )
    if role == Role.UNIT_CONTACT:
        if unit is None or not unit.links.filter(committee=node, ended_on__isnull=True).exists():
            raise ValidationError(
                {"unit": _("Please choose a member unit linked to this community committee.")}
            )
    elif unit is not None:
        raise ValidationError({"unit": _("Only a unit contact is granted for a member unit.")})
    held = RoleAssignment.objects.filter(user=user, node=node, role=role, ended_at__isnull=True)
    if held.filter(unit=unit).exists():
        raise ValidationError(
            _("%(username)s already holds this role here.") % {"username": user.get_username()}
        )


@transaction.atomic
def staff_role_grant(
    *, actor, user, node: OrgNode, role: str, unit: MemberUnit | None = None, ip=None
) -> RoleAssignment:
    """Grant a role directly (not through a post); `actor` may grant only what they hold."""
    if not access.may_grant(actor, role, node):
        raise PermissionDenied
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one grant at a time
    _check_direct_grant(user=user, node=node, role=role, unit=unit)
    return role_grant(actor=actor, user=user, node=node, role=role, unit=unit, ip=ip)


@transaction.atomic
def staff_role_end(*, actor, assignment: RoleAssignment, ip=None) -> RoleAssignment:
    """End a directly granted role; a role that came with a post ends only with the post."""
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.post_id is not None:
        raise ValidationError(
            _(
                "This role came with a post; it ends when the post ends. Please end the post "
                "on its organisation's page."
            )
        )
    if assignment.ended_at is not None:
        raise ValidationError(_("This role has already ended."))
    if not access.may_grant(actor, assignment.role, assignment.node):
        raise PermissionDenied
    return role_end(actor=actor, assignment=assignment, ip=ip)


# ---------------------------------------------------------------------------------------------
# Bulk loading a whole new tree (added for `seed_demo --scale district`)


@transaction.atomic
def tree_bulk_create(*, actor, tree: dict, batch_size: int = 2000, ip=None) -> list[OrgNode]:
    """Insert a whole new tree, given as a nested dict, in a few bulk INSERTs.

    `tree` is {"kind": 1, "name": ..., other OrgNode fields, "children": [...]}; each
    child's kind must be one below its parent's. Takes the tree lock like every tree write.
    django-mptt's TreeManager.build_tree_nodes computes the nested sets; primary keys are
    assigned here so parents precede children, and the id sequence is reset afterwards.
    Returns the nodes in pre-order (every parent before its children).
    """
    _lock_tree()
    first_id = (OrgNode.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    numbered = _number_tree(tree, None, iter(range(first_id, first_id + 10**9)))
    nodes = OrgNode.objects.build_tree_nodes(numbered)
    OrgNode.objects.bulk_create(nodes, batch_size=batch_size)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [OrgNode]):
            cursor.execute(sql)
    counts.invalidate()  # bulk_create sends no signals
    audit(
        actor=actor,
        action="tree.bulk_create",
        node=nodes[0],
        obj=nodes[0],
        data={"nodes": len(nodes)},
        ip=ip,
    )
    return nodes


def _number_tree(data: dict, parent: dict | None, ids) -> dict:
    """A copy of `data` with an id on every node and parent_id on every child, levels checked."""
    problem = rules.child_level_problem(parent["kind"] if parent else None, data["kind"])
    if problem:
        raise ValidationError({"kind": problem})
    node = {k: v for k, v in data.items() if k != "children"}
    node["id"] = next(ids)
    if parent is not None:
        node["parent_id"] = parent["id"]
    node["children"] = [_number_tree(child, node, ids) for child in data.get("children", ())]
    return node
