"""委任 (二(四)): grid branch secretaries and members and building group leaders are recommended
by the party members of that area and appointed by the community committee.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from elections.models import Appointment
from organizations import actions as org_actions
from organizations import rules as org_rules
from organizations.models import OrgNode, PartyMember, PostKind, PostSource

_APPOINTED_LEVELS = (org_rules.GRID, org_rules.BUILDING)
# The posts of 二(四) filled by 委任: grid branch secretary and members, building group leader.
APPOINTED_KINDS = (PostKind.GRID_SECRETARY, PostKind.GRID_MEMBER, PostKind.GROUP_LEADER)


@transaction.atomic
def appointment_make(
    *,
    actor,
    node: OrgNode,
    person: PartyMember,
    kind: str,
    recommenders: Iterable[PartyMember],
    decision_ref: str,
    appointed_on: datetime.date,
    override_reason: str = "",
    ip=None,
) -> Appointment:
    """Appoint to a grid or building post; the recommenders are party members of that area.

    The composition rules of the post's level apply as for any post (C7, C8), through
    organizations.actions.post_start, which may ask for a reason (NeedsReason).
    """
    node = OrgNode.objects.get(pk=node.pk)
    if node.kind not in _APPOINTED_LEVELS:
        raise ValidationError(_("Appointments are made to grid branches and building groups."))
    if kind not in APPOINTED_KINDS:
        raise ValidationError(
            {"kind": _("Appointment fills grid branch and building group leader posts only.")}
        )
    if not _in_area(node, [person.pk]):
        raise ValidationError(
            {
                "person": _("%(name)s is not a party member of %(area)s.")
                % {"name": person.name, "area": node.name}
            }
        )
    recommenders = list({p.pk: p for p in recommenders}.values())
    if not recommenders:
        raise ValidationError(
            {"recommenders": _("Name the party members of the area who recommended them.")}
        )
    in_area = _in_area(node, [p.pk for p in recommenders])
    outside = [p.name for p in recommenders if p.pk not in in_area]
    if outside:
        raise ValidationError(
            {
                "recommenders": _(
                    "These recommenders are not party members of %(area)s: %(names)s."
                )
                % {"area": node.name, "names": "、".join(outside)}
            }
        )
    if not decision_ref.strip():
        raise ValidationError({"decision_ref": _("Please give the committee decision reference.")})
    post = org_actions.post_start(
        actor=actor,
        node=node,
        person=person,
        kind=kind,
        source=PostSource.APPOINTED,
        started_on=appointed_on,
        decision_ref=decision_ref.strip(),
        override_reason=override_reason,
        ip=ip,
    )
    appointment = Appointment.objects.create(
        node=node, post=post, decision_ref=decision_ref.strip()
    )
    appointment.recommenders.set(recommenders)
    org_actions.audit(
        actor=actor,
        action="appointment.make",
        node=node,
        obj=appointment,
        data={"post": post.pk, "recommenders": [p.pk for p in recommenders]},
        ip=ip,
    )
    return appointment


def _in_area(node: OrgNode, pks: list[int]) -> set[int]:
    """Which of these party members live in `node`'s subtree (the area of the post)."""
    return set(
        PartyMember.objects.filter(
            pk__in=pks,
            node__tree_id=node.tree_id,
            node__lft__gte=node.lft,
            node__rght__lte=node.rght,
        ).values_list("pk", flat=True)
    )
