"""二(六) leaving: the unit's written notice → the committee's decision → street approval →
district filing → the post ends. History is kept; the vacancy can be refilled by a by-election.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import Filing, FilingKind, Removal, RemovalState
from meetings import rules as meeting_rules
from organizations import actions as org_actions
from organizations import rules as org_rules
from organizations.models import OrgNode, Post, PostKind

# The policy's route is for part-time deputy secretaries and members (二(六)).
_LEAVING_BY_NOTICE = (PostKind.PARTTIME_DEPUTY, PostKind.PARTTIME_MEMBER)
NOTICE_MAX_MB = 10


def _check_notice(notice) -> None:
    head = notice.read(16)
    notice.seek(0)
    problem = rules.upload_problem(notice.name, notice.size, head, NOTICE_MAX_MB)
    if problem:
        raise ValidationError({"notice": problem})


@transaction.atomic
def removal_start(
    *, actor, post: Post, notice, notice_on: datetime.date, reason: str, ip=None
) -> Removal:
    """Record the unit's written notice that a part-time deputy or member can no longer serve."""
    post = Post.objects.select_for_update().select_related("node").get(pk=post.pk)
    if post.ended_on is not None or post.kind not in _LEAVING_BY_NOTICE:
        raise ValidationError(
            _("Only a serving part-time deputy secretary or member leaves by this route.")
        )
    if post.removals.exclude(state__in=[RemovalState.DONE, RemovalState.RETURNED]).exists():
        raise ValidationError(_("A removal of this post is already under way."))
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for leaving.")})
    _check_notice(notice)
    removal = Removal(post=post, notice=notice, notice_on=notice_on, reason=reason.strip())
    removal.save()
    org_actions.audit(
        actor=actor,
        action="removal.start",
        node=post.node,
        obj=removal,
        data={"post": post.pk},
        ip=ip,
    )
    return removal


@transaction.atomic
def removal_decide(
    *,
    actor,
    removal: Removal,
    decision_ref: str,
    decided_on: datetime.date,
    resolution=None,
    ip=None,
) -> Filing:
    """The full committee has decided; the removal goes to the street for approval (审定).
    The decision may cite the committee meeting's resolution (its number is then the
    reference when none is given)."""
    removal = Removal.objects.select_for_update().select_related("post__node").get(pk=removal.pk)
    if removal.state != RemovalState.NOTIFIED:
        raise ValidationError(_("This removal has already been decided by the committee."))
    if resolution is not None:
        problem = meeting_rules.cited_resolution_problem(
            same_committee=resolution.meeting.committee_id == removal.post.node_id,
            adopted=resolution.adopted,
        )
        if problem:
            raise ValidationError({"resolution": problem})
        decision_ref = decision_ref.strip() or resolution.number
    if not decision_ref.strip():
        raise ValidationError({"decision_ref": _("Please give the committee decision reference.")})
    if decided_on < removal.notice_on:
        raise ValidationError({"decided_on": _("The decision cannot come before the notice.")})
    removal.decision_ref, removal.decided_on = decision_ref.strip(), decided_on
    removal.resolution = resolution
    removal.state = RemovalState.DECIDED
    removal.save(update_fields=["decision_ref", "decided_on", "resolution", "state"])
    street = OrgNode.objects.get(pk=removal.post.node.parent_id)
    filing = Filing.objects.create(kind=FilingKind.REMOVAL, removal=removal, addressee=street)
    org_actions.audit(
        actor=actor, action="removal.decide", node=removal.post.node, obj=removal, ip=ip
    )
    return filing


def removal_decided(*, actor, filing: Filing, approve: bool, ip=None) -> Removal:
    """Called by filing_decide inside its transaction: move the removal on, or back."""
    removal = (
        Removal.objects.select_for_update().select_related("post__node").get(pk=filing.removal_id)
    )
    if not approve:
        removal.state = RemovalState.RETURNED
    elif filing.addressee.kind == org_rules.STREET:
        removal.state = RemovalState.APPROVED  # the street approved: on to the district
        district = OrgNode.objects.get(pk=filing.addressee.parent_id)
        Filing.objects.create(kind=FilingKind.REMOVAL, removal=removal, addressee=district)
    else:
        removal.state = RemovalState.DONE  # the district filed it: the post ends today
        org_actions.post_end(
            actor=actor,
            post=removal.post,
            ended_on=max(timezone.localdate(), removal.post.started_on),
            reason=removal.reason,
            ip=ip,
        )
    removal.save(update_fields=["state"])
    org_actions.audit(
        actor=actor,
        action="removal.filing_decided",
        node=removal.post.node,
        obj=removal,
        data={"filing": filing.pk, "approved": approve, "state": removal.state},
        ip=ip,
    )
    return removal
