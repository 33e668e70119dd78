"""Steps 1–6: direct entry, seats, nominations, qualification review, publicity, representatives."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    CATEGORY_POST,
    Basis,
    Category,
    DirectEntry,
    Election,
    Nomination,
    Objection,
    Publicity,
    Review,
    RollEntry,
    Route,
    Seats,
    Stage,
)
from organizations import rules as org_rules
from organizations.models import MemberCategory, OrgNode, PartyMember

from ._common import _advance, _community_members, _in_community, _locked, _log, _require

# ---------------------------------------------------------------------------------------------
# 1–2. Direct entry and seats


def category_of_post(kind: str) -> str:
    """The voting category a committee post is elected in."""
    return next(c for c, post_kind in CATEGORY_POST.items() if post_kind == kind)


@transaction.atomic
def election_create(*, actor, committee: OrgNode, term: str, vacancy=None, ip=None) -> Election:
    """Open the formation of a committee for one term (or a by-election of one vacancy)."""
    if committee.kind != org_rules.COMMITTEE:
        raise ValidationError(_("An election belongs to a community committee."))
    if vacancy is not None and (
        vacancy.node_id != committee.pk
        or vacancy.ended_on is None
        or vacancy.kind not in CATEGORY_POST.values()
    ):
        raise ValidationError(_("A by-election refills an ended part-time post of this committee."))
    if Election.objects.filter(committee=committee, term=term).exists():
        raise ValidationError(
            _("This committee already has an election for the term %(term)s.") % {"term": term}
        )
    election = Election.objects.create(committee=committee, term=term, vacancy=vacancy)
    _log(election=election, actor=actor, action="create", payload={"term": term}, ip=ip)
    return election


@transaction.atomic
def direct_entry_add(
    *, actor, election: Election, person: PartyMember, branch_post: str, post_kind: str, ip=None
) -> DirectEntry:
    election = _locked(election)
    _require(election, Stage.DIRECT_ENTRY)
    _in_community(election, [person])
    if org_rules.POST_LEVEL.get(post_kind) != org_rules.COMMITTEE:
        raise ValidationError(_("Choose a post of the community committee."))
    if election.direct_entries.filter(person=person).exists():
        raise ValidationError(
            _("%(name)s is already listed for direct entry.") % {"name": person.name}
        )
    entry = DirectEntry.objects.create(
        election=election, person=person, branch_post=branch_post, post_kind=post_kind
    )
    _log(
        election=election,
        actor=actor,
        action="direct_entry.add",
        payload={"person": person.pk, "post": post_kind},
        ip=ip,
    )
    return entry


@transaction.atomic
def direct_entries_confirm(*, actor, election: Election, ip=None) -> Election:
    """The list of direct entrants is final; the seats come next."""
    election = _locked(election)
    _require(election, Stage.DIRECT_ENTRY)
    # Every member of the community party organisation is due at the election meeting.
    entries = [
        RollEntry(election=election, person_id=e.person_id, basis=Basis.BRANCH_MEMBER)
        for e in election.direct_entries.all()
    ]
    RollEntry.objects.bulk_create(entries, ignore_conflicts=True)
    count = len(entries)
    _advance(election, Stage.SEATS)
    _log(
        election=election,
        actor=actor,
        action="direct_entry.confirm",
        payload={"count": count},
        ip=ip,
    )
    return election


@transaction.atomic
def seats_publish(*, actor, election: Election, seats: dict[str, int], ip=None) -> Election:
    """职数设置: seats per category, published on the notice page; nominations open."""
    election = _locked(election)
    _require(election, Stage.SEATS)
    if election.vacancy_id is not None:
        wanted = {category_of_post(election.vacancy.kind): 1}
        if {c: n for c, n in seats.items() if n} != wanted:
            raise ValidationError(_("A by-election refills exactly the one vacant seat."))
    for category, count in seats.items():
        if category not in Category.values or count < 1:
            raise ValidationError(_("Each category needs at least one seat."))
        Seats.objects.create(election=election, category=category, count=count)
    _advance(election, Stage.NOMINATION)
    _log(election=election, actor=actor, action="seats.publish", payload={"seats": seats}, ip=ip)
    return election


# ---------------------------------------------------------------------------------------------
# 3–4. Nominations and qualification review


@transaction.atomic
def nomination_submit(
    *,
    actor,
    election: Election,
    category: str,
    nominee: PartyMember,
    route: str,
    background: str,
    recommending_unit=None,
    by_branch: bool = False,
    co_signers: Iterable[PartyMember] = (),
    statement: str = "",
    ip=None,
) -> Nomination:
    """One nomination by one of the three routes; refused whole when anything is off."""
    election = _locked(election)
    _require(election, Stage.NOMINATION)
    if not election.seats.filter(category=category).exists():
        raise ValidationError(_("No seats were published for this category."))
    if election.nominations.filter(category=category, nominee=nominee).exists():
        raise ValidationError(
            _("%(name)s is already nominated in this category.") % {"name": nominee.name}
        )
    co_signers = list(co_signers)
    _check_route(election, route, nominee, recommending_unit, by_branch, co_signers)
    nomination = Nomination.objects.create(
        election=election,
        category=category,
        nominee=nominee,
        route=route,
        background=background,
        recommending_unit=recommending_unit if route == Route.ORGANISATION else None,
        recommended_by_branch=by_branch and route == Route.ORGANISATION,
        statement=statement,
    )
    if route == Route.JOINT:
        nomination.co_signers.set(co_signers)
    _log(
        election=election,
        actor=actor,
        action="nomination.submit",
        payload={"nominee": nominee.pk, "category": category, "route": route},
        ip=ip,
    )
    return nomination


def _check_route(election, route, nominee, unit, by_branch, co_signers) -> None:
    if route == Route.JOINT:
        signers = {p.pk for p in co_signers if p.pk != nominee.pk}
        problem = rules.co_signer_problem(len(signers))
        if problem:
            raise ValidationError(problem)
        _in_community(election, co_signers)
    elif route == Route.ORGANISATION:
        if not by_branch and unit is None:
            raise ValidationError(
                _(
                    "An organisation recommendation names the unit's party organisation "
                    "or the community branch."
                )
            )
        if (
            unit is not None
            and not unit.links.filter(committee=election.committee, ended_on__isnull=True).exists()
        ):
            raise ValidationError(
                _("%(unit)s is not a member unit of this community.") % {"unit": unit}
            )


@transaction.atomic
def nominations_close(*, actor, election: Election, ip=None) -> Election:
    return _nominations_move(actor, election, Stage.NOMINATION, Stage.REVIEW, "close", ip)


@transaction.atomic
def nominations_reopen(*, actor, election: Election, ip=None) -> Election:
    """Back from the review to the nominations, e.g. when a category falls short of R1.

    The review decisions made so far are kept; further nominations come in to be reviewed.
    """
    return _nominations_move(actor, election, Stage.REVIEW, Stage.NOMINATION, "reopen", ip)


def _nominations_move(actor, election: Election, origin, to, verb: str, ip) -> Election:
    election = _locked(election)
    _require(election, origin)
    _advance(election, to)
    _log(
        election=election,
        actor=actor,
        action=f"nomination.{verb}",
        payload={"count": election.nominations.count()},
        ip=ip,
    )
    return election


@transaction.atomic
def nomination_review(
    *, actor, nomination: Nomination, qualified: bool, reason: str = "", ip=None
) -> Nomination:
    """资格审查: accept, or reject with a reason."""
    election = _locked(nomination.election)
    _require(election, Stage.REVIEW)
    if not qualified and not reason.strip():
        raise ValidationError({"reason": _("Please give the reason the nominee is not qualified.")})
    nomination.review = Review.ACCEPTED if qualified else Review.REJECTED
    nomination.review_reason = reason.strip()
    nomination.save(update_fields=["review", "review_reason"])
    _log(
        election=election,
        actor=actor,
        action="nomination.review",
        payload={
            "nomination": nomination.pk,
            "qualified": qualified,
            "reason": nomination.review_reason,
        },
        ip=ip,
    )
    return nomination


@transaction.atomic
def review_close(*, actor, election: Election, ip=None) -> Election:
    """The review is done: R1, qualified ≥ 2 × seats in every category, or no further."""
    election = _locked(election)
    _require(election, Stage.REVIEW)
    if election.nominations.filter(review=Review.PENDING).exists():
        raise ValidationError(_("Some nominees have not been reviewed yet."))
    problems = []
    for seats in election.seats.all():
        qualified = election.nominations.filter(
            category=seats.category, review=Review.ACCEPTED
        ).count()
        problem = rules.candidate_shortfall(seats.get_category_display(), qualified, seats.count)
        if problem:
            problems.append(problem)
    if problems:
        raise ValidationError(problems)
    _advance(election, Stage.PUBLICITY)
    _log(election=election, actor=actor, action="review.close", payload={}, ip=ip)
    return election


# ---------------------------------------------------------------------------------------------
# 5–6. Publicity, notice, objections, representatives


@transaction.atomic
def publicity_publish(
    *,
    actor,
    election: Election,
    starts_on: datetime.date,
    ends_on: datetime.date,
    meeting_at: datetime.datetime,
    meeting_place: str,
    ip=None,
) -> Publicity:
    election = _locked(election)
    _require(election, Stage.PUBLICITY)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The publicity cannot end before it starts.")})
    if timezone.localtime(meeting_at).date() <= ends_on:
        raise ValidationError(
            {"meeting_at": _("The meeting is held after the publicity period ends.")}
        )
    publicity, _created = Publicity.objects.update_or_create(
        election=election,
        defaults=dict(
            starts_on=starts_on, ends_on=ends_on, meeting_at=meeting_at, meeting_place=meeting_place
        ),
    )
    _log(
        election=election,
        actor=actor,
        action="publicity.publish",
        payload={"from": str(starts_on), "until": str(ends_on), "meeting": meeting_at.isoformat()},
        ip=ip,
    )
    return publicity


@transaction.atomic
def objection_record(
    *, actor, election: Election, text: str, nomination=None, ip=None
) -> Objection:
    election = _locked(election)
    _require(election, Stage.PUBLICITY)
    if not text.strip():
        raise ValidationError({"text": _("Please write down the objection.")})
    objection = Objection.objects.create(
        election=election, nomination=nomination, text=text.strip()
    )
    _log(
        election=election,
        actor=actor,
        action="objection.record",
        payload={"objection": objection.pk},
        ip=ip,
    )
    return objection


@transaction.atomic
def objection_answer(*, actor, objection: Objection, answer: str, ip=None) -> Objection:
    election = _locked(objection.election)
    if not answer.strip():
        raise ValidationError({"answer": _("Please write the answer.")})
    objection.answer = answer.strip()
    objection.save(update_fields=["answer"])
    _log(
        election=election,
        actor=actor,
        action="objection.answer",
        payload={"objection": objection.pk},
        ip=ip,
    )
    return objection


@transaction.atomic
def representatives_set(
    *, actor, election: Election, people: Iterable[PartyMember], ip=None
) -> list[RollEntry]:
    """The representatives: R2 ≥ 20 % of the community's members, R3 ≥ 10 of them in service."""
    election = _locked(election)
    _require(election, Stage.PUBLICITY)
    people = list({p.pk: p for p in people}.values())
    _in_community(election, people)
    total = _community_members(election).count()
    in_service = sum(1 for p in people if p.category == MemberCategory.IN_SERVICE)
    problems = rules.representative_problems(total, len(people), in_service)
    if problems:
        raise ValidationError(problems)
    election.roll.filter(basis=Basis.REPRESENTATIVE).delete()
    entries = RollEntry.objects.bulk_create(
        [RollEntry(election=election, person=p, basis=Basis.REPRESENTATIVE) for p in people],
        ignore_conflicts=True,
    )
    _log(
        election=election,
        actor=actor,
        action="representatives.set",
        payload={"count": len(people), "in_service": in_service, "members": total},
        ip=ip,
    )
    return entries
