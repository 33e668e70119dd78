"""Steps 11–12: the result report to the street, approval, the district record, founding."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections.models import (
    CATEGORY_POST,
    Election,
    Filing,
    FilingKind,
    FilingState,
    Stage,
    WriteInMatch,
)
from elections.tally import WRITE_IN
from organizations import actions as org_actions
from organizations import rules as org_rules
from organizations.models import OrgNode, Post, PostKind, PostSource

from ._common import _advance, _community_members, _locked, _log, _require
from .counting import elected, write_in_winners, write_ins_unmatched
from .removal import removal_decided

# ---------------------------------------------------------------------------------------------
# 11–12. Filing, approval, district record, founding


@transaction.atomic
def result_file(*, actor, election: Election, ip=None) -> Filing:
    """选举结果报告 to the street committee, carrying the last hash of the election's log."""
    election = _locked(election)
    _require(election, Stage.COUNTED)
    street = OrgNode.objects.get(pk=election.committee.parent_id)
    event = _log(
        election=election, actor=actor, action="result.file", payload={"to": street.pk}, ip=ip
    )
    filing = Filing.objects.create(
        election=election, kind=FilingKind.RESULT, addressee=street, final_hash=event.hash
    )
    _advance(election, Stage.FILED)
    return filing


@transaction.atomic
def filing_decide(*, actor, filing: Filing, approve: bool, reason: str = "", ip=None) -> Filing:
    """The street approves (审批) or returns with a reason; the district records (备案)."""
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    if filing.state != FilingState.WAITING:
        raise ValidationError(_("This filing has already been decided."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for returning it.")})
    filing.state = FilingState.APPROVED if approve else FilingState.RETURNED
    filing.reason = reason.strip()
    filing.decided_at = timezone.now()
    filing.save(update_fields=["state", "reason", "decided_at"])
    if filing.kind == FilingKind.REMOVAL:
        removal_decided(actor=actor, filing=filing, approve=approve, ip=ip)
        return filing
    election = _locked(filing.election)
    if filing.addressee.kind == org_rules.STREET:
        _street_decided(actor, election, filing, approve)
    elif approve:
        _advance(election, Stage.RECORDED)
    else:
        _advance(election, Stage.COUNTED)
    _log(
        election=election,
        actor=actor,
        action="filing.decide",
        payload={"filing": filing.pk, "approved": approve, "reason": filing.reason},
        ip=ip,
    )
    return filing


def _street_decided(actor, election: Election, filing: Filing, approve: bool) -> None:
    if not approve:
        _advance(election, Stage.COUNTED)  # corrected and filed again
        return
    district = OrgNode.objects.get(pk=filing.addressee.parent_id)
    Filing.objects.create(
        election=election, kind=FilingKind.ROSTER, addressee=district, final_hash=filing.final_hash
    )
    _advance(election, Stage.APPROVED)


@transaction.atomic
def founding_record(*, actor, election: Election, held_on: datetime.date, ip=None) -> list:
    """成立大会: the posts of direct entrants and of those elected start; letters follow."""
    election = _locked(election)
    _require(election, Stage.RECORDED)
    unmatched = write_ins_unmatched(election)
    if unmatched:
        raise ValidationError(
            _(
                "Written-in names were elected but are not yet matched to a party member of "
                "the community: %(names)s. Match them first."
            )
            % {"names": "、".join(key[len(WRITE_IN) :] for _category, key in unmatched)}
        )
    committee = election.committee
    if election.vacancy_id is None:
        _end_previous_term(actor, election, held_on, ip)
    posts = []
    for entry in election.direct_entries.select_related("person"):
        posts.append(
            org_actions.post_start(
                actor=actor,
                node=committee,
                person=entry.person,
                kind=entry.post_kind,
                source=PostSource.DIRECT,
                started_on=held_on,
                decision_ref=election.term,
                concurrent_branch_post=entry.post_kind
                in (PostKind.SECRETARY, PostKind.FULLTIME_DEPUTY),
                override_reason=_("Formed by the election of %(term)s") % {"term": election.term},
                ip=ip,
            )
        )
    for category, nominations in elected(election).items():
        for nomination in nominations:
            posts.append(
                org_actions.post_start(
                    actor=actor,
                    node=committee,
                    person=nomination.nominee,
                    kind=CATEGORY_POST[category],
                    source=PostSource.ELECTED,
                    started_on=held_on,
                    decision_ref=election.term,
                    override_reason=_("Formed by the election of %(term)s")
                    % {"term": election.term},
                    ip=ip,
                )
            )
    for match in election.write_in_matches.select_related("person"):
        posts.append(
            org_actions.post_start(
                actor=actor,
                node=committee,
                person=match.person,
                kind=CATEGORY_POST[match.category],
                source=PostSource.ELECTED,
                started_on=held_on,
                decision_ref=election.term,
                override_reason=_("Formed by the election of %(term)s") % {"term": election.term},
                ip=ip,
            )
        )
    _advance(election, Stage.FOUNDED)
    _log(
        election=election,
        actor=actor,
        action="founding.record",
        payload={"on": str(held_on), "posts": len(posts)},
        ip=ip,
    )
    return posts


@transaction.atomic
def write_in_match(
    *, actor, election: Election, category: str, key: str, person, ip=None
) -> WriteInMatch:
    """Say which party member of the community a written-in winner is (before the founding)."""
    election = _locked(election)
    if election.stage == Stage.FOUNDED:
        raise ValidationError(_("The committee has been founded; its posts have started."))
    if (category, key) not in write_in_winners(election):
        raise ValidationError(_("This written-in name was not elected."))
    name = key[len(WRITE_IN) :]
    if not _community_members(election).filter(pk=person.pk).exists():
        raise ValidationError(
            _("%(person)s is not a party member of this community, so cannot be %(name)s.")
            % {"person": person.name, "name": name}
        )
    match, _created = WriteInMatch.objects.update_or_create(
        election=election, category=category, key=key, defaults={"person": person}
    )
    _log(
        election=election,
        actor=actor,
        action="write_in.match",
        payload={"category": category, "name": name, "person": person.pk},
        ip=ip,
    )
    return match


def _end_previous_term(actor, election: Election, held_on: datetime.date, ip) -> None:
    """A new term replaces the committee: the previous term's committee posts end that day."""
    previous = Post.objects.filter(
        node=election.committee,
        ended_on__isnull=True,
        kind__in=[*org_rules.COMMITTEE_SEATS, PostKind.OFFICE_HEAD],
    )
    for post in previous:
        org_actions.post_end(
            actor=actor,
            post=post,
            ended_on=max(held_on, post.started_on),
            reason=_("Term ended; replaced by the term %(term)s") % {"term": election.term},
            ip=ip,
        )
