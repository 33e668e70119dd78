"""What every election step shares: the row lock, the stage guard, the hash-chained log."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from elections import chain
from elections.models import (
    ChainEvent,
    Election,
)
from organizations import actions as org_actions
from organizations.models import OrgNode, PartyMember

# ---------------------------------------------------------------------------------------------
# Shared steps


def _locked(election: Election) -> Election:
    return Election.objects.select_for_update().get(pk=election.pk)


def _require(election: Election, *stages: str) -> None:
    if election.stage not in stages:
        raise ValidationError(
            _("This cannot be done at the stage “%(stage)s” of the election.")
            % {"stage": election.get_stage_display()}
        )


def _log(*, election: Election, actor, action: str, payload: dict, ip=None) -> ChainEvent:
    """Append to the election's hash chain and to the audit log (the election row is locked)."""
    last = election.chain.order_by("-seq").first()
    prev = last.hash if last else chain.GENESIS
    seq = (last.seq + 1) if last else 1
    body = {"seq": seq, "action": action, **payload}
    event = ChainEvent.objects.create(
        election=election,
        seq=seq,
        action=action,
        payload=body,
        prev_hash=prev,
        hash=chain.next_hash(prev, body),
    )
    org_actions.audit(
        actor=actor,
        action=f"election.{action}",
        node=election.committee,
        obj=election,
        data=payload,
        ip=ip,
    )
    return event


def _advance(election: Election, stage: str) -> None:
    election.stage = stage
    election.save(update_fields=["stage"])


def _community_members(election: Election):
    committee = OrgNode.objects.get(pk=election.committee_id)
    return PartyMember.objects.filter(
        node__tree_id=committee.tree_id, node__lft__gt=committee.lft, node__rght__lt=committee.rght
    )


def _in_community(election: Election, people: Iterable[PartyMember]) -> None:
    ids = {p.pk for p in people}
    found = set(_community_members(election).filter(pk__in=ids).values_list("pk", flat=True))
    outside = ids - found
    if outside:
        names = "、".join(p.name for p in people if p.pk in outside)
        raise ValidationError(
            _("These people are not party members of this community: %(names)s.") % {"names": names}
        )
