"""Every write of the residents' side: keyword-only, atomic, each appending an audit event."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import rules as org_rules
from organizations.actions import audit
from organizations.models import OrgNode, Post, ServiceRecipient

from . import rules
from .models import (
    CardBatch,
    ContactCard,
    Escalation,
    GridCard,
    Matter,
    MatterStatus,
    RecipientNeeds,
    Visit,
)


def _grid(node: OrgNode) -> None:
    if node.kind != org_rules.GRID:
        raise ValidationError(_("This belongs to a grid."))


# ---------------------------------------------------------------------------------------------
# Contact card (S6)


@transaction.atomic
def grid_card_update(*, actor, node: OrgNode, service_hours: str, ip=None) -> GridCard:
    _grid(node)
    card, _created = GridCard.objects.get_or_create(node=node)
    card.service_hours = service_hours
    card.full_clean()
    card.save()
    audit(actor=actor, action="contact_card.grid_update", node=node, obj=card, ip=ip)
    return card


@transaction.atomic
def contact_card_update(
    *, actor, post: Post, duties: str, photo=None, clear_photo: bool = False, ip=None
) -> ContactCard:
    card, _created = ContactCard.objects.get_or_create(post=post)
    card.duties = duties
    if clear_photo:
        card.photo = ""
    if photo:
        card.photo = photo
    card.full_clean()
    card.save()
    audit(actor=actor, action="contact_card.update", node=post.node, obj=card, ip=ip)
    return card


@transaction.atomic
def card_batch_store(*, node: OrgNode, fingerprint: str, pdf: bytes, households: int) -> CardBatch:
    """Keep the newest printed cards of a grid (one batch per grid, replaced)."""
    batch = CardBatch.objects.select_for_update().filter(node=node).first()
    if batch is None:
        batch = CardBatch(node=node)
    elif batch.pdf:
        batch.pdf.delete(save=False)
    batch.fingerprint = fingerprint
    batch.households = households
    batch.pdf.save(f"grid-{node.pk}-{fingerprint[:12]}.pdf", ContentFile(pdf), save=False)
    batch.save()
    audit(actor=None, action="contact_card.batch", node=node, obj=batch)
    return batch


# ---------------------------------------------------------------------------------------------
# Residents' matters (S7, S9)


@transaction.atomic
def matter_create(
    *, actor, node: OrgNode, kind: str, description: str, contact: str = "", ip=None
) -> Matter:
    """Record a matter on a grid (by a resident: actor None) or on one of its buildings."""
    if node.kind == org_rules.GRID:
        grid = node
    elif node.kind == org_rules.BUILDING:
        grid = node.parent
    else:
        raise ValidationError(_("A matter is recorded on a grid or one of its buildings."))
    public = actor is None or not actor.is_authenticated
    for _attempt in range(5):
        matter = Matter(
            ticket=rules.new_ticket(),
            grid=grid,
            node=node,
            kind=kind,
            description=description,
            contact=contact,
            public=public,
            recorded_by=None if public else actor,
        )
        matter.full_clean(exclude=["ticket"])
        try:
            with transaction.atomic():
                matter.save()
            break
        except IntegrityError:  # the same code twice: draw again
            continue
    else:  # pragma: no cover - 31^8 codes
        raise ValidationError(_("Could not draw a ticket code; try again."))
    audit(actor=actor, action="matter.create", node=node, obj=matter, ip=ip)
    return matter


def _locked(matter: Matter) -> Matter:
    return Matter.objects.select_for_update().select_related("node").get(pk=matter.pk)


@transaction.atomic
def matter_escalate(*, actor, matter: Matter, reason: str, ip=None) -> Matter:
    matter = _locked(matter)
    verdict = rules.can_escalate(
        level=matter.node.kind, closed=matter.status == MatterStatus.CLOSED, reason=reason
    )
    if not verdict.ok:
        raise ValidationError(verdict.message)
    upper = OrgNode.objects.get(pk=matter.node.parent_id)
    Escalation.objects.create(
        matter=matter, from_node=matter.node, to_node=upper, reason=reason.strip(), actor=actor
    )
    matter.node = upper
    if upper.kind == org_rules.COMMITTEE:
        matter.left_grid = True
    matter.save(update_fields=["node", "left_grid"])
    audit(
        actor=actor,
        action="matter.escalate",
        node=upper,
        obj=matter,
        data={"reason": reason},
        ip=ip,
    )
    return matter


@transaction.atomic
def matter_close(*, actor, matter: Matter, answer: str, ip=None) -> Matter:
    matter = _locked(matter)
    verdict = rules.can_close(closed=matter.status == MatterStatus.CLOSED, answer=answer)
    if not verdict.ok:
        raise ValidationError(verdict.message)
    matter.answer = answer.strip()
    matter.status = MatterStatus.CLOSED
    matter.closed_at = timezone.now()
    matter.save(update_fields=["answer", "status", "closed_at"])
    audit(actor=actor, action="matter.close", node=matter.node, obj=matter, ip=ip)
    return matter


@transaction.atomic
def matter_answer(*, actor, matter: Matter, answer: str, ip=None) -> Matter:
    """An interim answer the resident sees while the matter stays open."""
    matter = _locked(matter)
    if matter.status == MatterStatus.CLOSED:
        raise ValidationError(_("The matter is already closed."))
    matter.answer = answer.strip()
    matter.save(update_fields=["answer"])
    audit(actor=actor, action="matter.answer", node=matter.node, obj=matter, ip=ip)
    return matter


# ---------------------------------------------------------------------------------------------
# Special groups (S8)


@transaction.atomic
def needs_update(*, actor, recipient: ServiceRecipient, needs: list[str], ip=None):
    record, _created = RecipientNeeds.objects.get_or_create(recipient=recipient)
    record.needs = sorted(set(needs))
    record.full_clean()
    record.save()
    audit(actor=actor, action="recipient.needs", node=recipient.node, obj=recipient, ip=ip)
    return record


@transaction.atomic
def visit_record(
    *,
    actor,
    recipient: ServiceRecipient,
    kind: str,
    visited_on: datetime.date,
    need: str = "",
    note: str = "",
    ip=None,
) -> Visit:
    if visited_on > timezone.localdate():
        raise ValidationError(_("A visit cannot be recorded in the future."))
    visit = Visit(
        recipient=recipient,
        kind=kind,
        need=need,
        visited_on=visited_on,
        note=note,
        recorded_by=actor,
    )
    visit.full_clean()
    visit.save()
    audit(actor=actor, action="recipient.visit", node=recipient.node, obj=visit, ip=ip)
    return visit
