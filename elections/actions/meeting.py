"""Step 7: the meeting roll, exclusions, check-in, tellers, and opening the vote (B1)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules, strokes
from elections.models import (
    Basis,
    Election,
    Publicity,
    Review,
    RollEntry,
    Round,
    Stage,
    Teller,
    TellerRole,
)
from organizations.models import PartyMember

from ._common import _advance, _locked, _log, _require

# ---------------------------------------------------------------------------------------------
# 7. The meeting roll, check-in and tellers


@transaction.atomic
def roll_add(*, actor, election: Election, person: PartyMember, basis: str, ip=None) -> RollEntry:
    """Add a unit's party secretary or deputy (or another due attendee) to the roll."""
    election = _locked(election)
    _require(election, Stage.PUBLICITY)
    if basis == Basis.UNIT_SECRETARY and not (
        person.workplace_id
        and person.workplace.links.filter(
            committee=election.committee, ended_on__isnull=True
        ).exists()
    ):
        raise ValidationError(
            _("%(name)s does not work in a member unit of this community.") % {"name": person.name}
        )
    if election.roll.filter(person=person).exists():
        raise ValidationError(_("%(name)s is already on the roll.") % {"name": person.name})
    entry = RollEntry.objects.create(election=election, person=person, basis=basis)
    _log(
        election=election,
        actor=actor,
        action="roll.add",
        payload={"person": person.pk, "basis": basis},
        ip=ip,
    )
    return entry


@transaction.atomic
def roll_exclude(*, actor, entry: RollEntry, reason: str, ip=None) -> RollEntry:
    """Take someone off those due to attend (illness, away on duty): only with a reason."""
    election = _locked(entry.election)
    _require(election, Stage.PUBLICITY)
    if not reason.strip():
        raise ValidationError({"reason": _("An exclusion from the roll needs a reason.")})
    entry.excluded_reason = reason.strip()
    entry.save(update_fields=["excluded_reason"])
    _log(
        election=election,
        actor=actor,
        action="roll.exclude",
        payload={"person": entry.person_id, "reason": reason},
        ip=ip,
    )
    return entry


@transaction.atomic
def check_in(*, actor, entry: RollEntry, ip=None) -> RollEntry:
    """签到 on the day, by ticking or by the meeting's QR code."""
    election = _locked(entry.election)
    _require(election, Stage.PUBLICITY, Stage.MEETING)
    if entry.excluded_reason:
        raise ValidationError(
            _("%(name)s was excluded from the roll.") % {"name": entry.person.name}
        )
    if not entry.checked_in:
        entry.checked_in = True
        entry.save(update_fields=["checked_in"])
        _log(
            election=election,
            actor=actor,
            action="roll.check_in",
            payload={"person": entry.person_id},
            ip=ip,
        )
    return entry


@transaction.atomic
def tellers_set(
    *, actor, election: Election, tellers: Iterable[tuple[PartyMember, str, object]], ip=None
):
    """监票人 and 计票人: B8, none of them a candidate; exactly one chief scrutineer."""
    election = _locked(election)
    _require(election, Stage.PUBLICITY)
    tellers = list(tellers)
    candidates = set(
        election.nominations.filter(review=Review.ACCEPTED).values_list("nominee_id", flat=True)
    )
    problem = rules.teller_problem({p.pk for p, _role, _user in tellers}, candidates)
    if problem:
        raise ValidationError(problem)
    if sum(1 for _p, role, _u in tellers if role == TellerRole.CHIEF_SCRUTINEER) != 1:
        raise ValidationError(_("Please name exactly one chief scrutineer."))
    election.tellers.all().delete()
    created = [
        Teller.objects.create(election=election, person=p, role=role, user=user)
        for p, role, user in tellers
    ]
    _log(
        election=election,
        actor=actor,
        action="tellers.set",
        payload={"tellers": [[p.pk, role] for p, role, _u in tellers]},
        ip=ip,
    )
    return created


def attendance(election: Election) -> tuple[int, int]:
    """(due, present): due is the roll less approved exclusions, present those checked in."""
    due_entries = election.roll.filter(excluded_reason="")
    return due_entries.count(), due_entries.filter(checked_in=True).count()


@transaction.atomic
def meeting_open(*, actor, election: Election, ip=None) -> list[Round]:
    """Open the vote once the publicity is over and B1 holds: one round per category."""
    election = _locked(election)
    _require(election, Stage.PUBLICITY)
    publicity = Publicity.objects.filter(election=election).first()
    if publicity is None:
        raise ValidationError(_("Publish the review result and the meeting notice first."))
    if timezone.localdate() <= publicity.ends_on:
        raise ValidationError(
            _("The publicity runs until %(date)s; the meeting comes after it.")
            % {"date": publicity.ends_on}
        )
    if not election.tellers.filter(role=TellerRole.CHIEF_SCRUTINEER).exists():
        raise ValidationError(_("Please choose the tellers first."))
    due, present = attendance(election)
    problem = rules.quorum_problem(due, present)
    if problem:
        raise ValidationError(problem)
    rounds = []
    for seats in election.seats.all():
        nominees = election.nominations.filter(
            category=seats.category, review=Review.ACCEPTED
        ).select_related("nominee")
        ordered = strokes.in_stroke_order(list(nominees), name=lambda n: n.nominee.name)
        for position, nomination in enumerate(ordered, start=1):
            nomination.speech_order = position
            nomination.save(update_fields=["speech_order"])
        rounds.append(_round_open(election, seats.category, seats.count, ordered, due))
    _advance(election, Stage.MEETING)
    _log(
        election=election,
        actor=actor,
        action="meeting.open",
        payload={"due": due, "present": present},
        ip=ip,
    )
    return rounds


def _round_open(
    election: Election,
    category: str,
    seats: int,
    candidates,
    due: int,
    *,
    runoff: bool = False,
    write_ins: Iterable[str] = (),
) -> Round:
    """A new round of `candidates` (nominations); a run-off may also list written-in names."""
    number = election.rounds.filter(category=category).count() + 1
    round_ = Round.objects.create(
        election=election,
        category=category,
        number=number,
        seats=seats,
        due=due,
        runoff=runoff,
        write_ins=list(write_ins),
    )
    round_.candidates.set(candidates)
    return round_
