"""Step 10: closing a round, counting it, the chief scrutineer's sign-off, the next round."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from elections.models import (
    Ballot,
    Category,
    Election,
    Nomination,
    Round,
    RoundState,
    Stage,
    TellerRole,
)
from elections.tally import is_write_in, tally

from ._common import _advance, _locked, _log
from .meeting import _round_open
from .voting import paper_mismatches

# ---------------------------------------------------------------------------------------------
# 10. Closing, counting and signing off


@transaction.atomic
def round_close(*, actor, round_: Round, ip=None) -> Round:
    """Close the vote and count it; the result stays hidden until the chief scrutineer signs."""
    election = _locked(round_.election)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.state != RoundState.OPEN:
        raise ValidationError(_("This round is not open."))
    mismatched = paper_mismatches(round_)
    if mismatched:
        raise ValidationError(
            _("The two entries of sheets %(sheets)s do not agree; please resolve them first.")
            % {"sheets": "、".join(str(s) for s in mismatched)}
        )
    Ballot.objects.bulk_create(
        [Ballot(round=round_, marks=e.marks) for e in round_.paper_entries.filter(slot=1)]
    )
    round_.result = count_round(round_)
    round_.state = RoundState.CLOSED
    round_.save(update_fields=["result", "state"])
    _log(election=election, actor=actor, action="round.close", payload={"round": round_.pk}, ip=ip)
    return round_


def count_round(round_: Round) -> dict:
    """The tally of a round's ballots as stored: a pure function of what is in the tables."""
    candidates = [
        str(pk)
        for pk in round_.candidates.order_by("speech_order", "pk").values_list("pk", flat=True)
    ] + list(round_.write_ins)  # B6: written-in names tied for the last seat, in a run-off
    ballots = [frozenset(b) for b in round_.ballots.values_list("marks", flat=True)]
    result = tally(
        ballots, candidates, round_.seats, round_.due, round_.issued, runoff=round_.runoff
    )
    return result.as_dict()


@transaction.atomic
def round_sign_off(*, actor, round_: Round, ip=None) -> Round:
    """The chief scrutineer signs the count off; the result shows, the next round opens if due."""
    election = _locked(round_.election)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.state != RoundState.CLOSED:
        raise ValidationError(_("Only a closed and counted round can be signed off."))
    if not election.tellers.filter(role=TellerRole.CHIEF_SCRUTINEER, user=actor).exists():
        raise ValidationError(_("Only the chief scrutineer signs the count off."))
    result = round_.result
    round_.state = RoundState.VOID if result["void"] else RoundState.SIGNED_OFF
    round_.save(update_fields=["state"])
    _log(
        election=election,
        actor=actor,
        action="round.sign_off",
        payload={"round": round_.pk, "result": result},
        ip=ip,
    )
    _next_round(election, round_, result)
    if not election.rounds.filter(state__in=[RoundState.OPEN, RoundState.CLOSED]).exists():
        _advance(election, Stage.COUNTED)
    return round_


def _next_round(election: Election, round_: Round, result: dict) -> Round | None:
    """B3: a void round is voted again; B6: run-off among the tied; B7: a round for seats left.

    The tied may include names written in (另选他人): they go onto the run-off's ballot beside
    the tied nominees (对票数相等的被选举人再次投票). A void round, run-off or not, is voted
    again as it was, with the same names.
    """
    nominations = {str(n.pk): n for n in round_.candidates.all()}
    if result["void"]:
        return _round_open(
            election,
            round_.category,
            round_.seats,
            list(nominations.values()),
            round_.due,
            runoff=round_.runoff,
            write_ins=round_.write_ins,
        )
    if result["runoff"]:
        return _round_open(
            election,
            round_.category,
            result["runoff_seats"],
            [nominations[key] for key in result["runoff"] if not is_write_in(key)],
            round_.due,
            runoff=True,
            write_ins=[key for key in result["runoff"] if is_write_in(key)],
        )
    if result["seats_left"]:
        elected = set(result["elected"])
        remaining = [n for pk, n in nominations.items() if pk not in elected]
        if remaining:
            return _round_open(
                election, round_.category, result["seats_left"], remaining, round_.due
            )
    return None


def elected(election: Election) -> dict[str, list[Nomination]]:
    """The nominees elected in each category, over all signed-off rounds (first rounds,
    run-offs, further rounds); the written-in names elected are `write_in_winners`."""
    won: dict[str, list[Nomination]] = {c: [] for c in Category.values}
    nominations = {str(n.pk): n for n in election.nominations.select_related("nominee")}
    for round_ in election.rounds.filter(state=RoundState.SIGNED_OFF).order_by("number"):
        won[round_.category].extend(
            nominations[pk] for pk in round_.result["elected"] if pk in nominations
        )
    return won


def write_in_winners(election: Election) -> list[tuple[str, str]]:
    """(category, ballot key) of every written-in name elected in a signed-off round: over the
    threshold (B4), or in a run-off it went to as tied for the last seat (B6)."""
    won = []
    for round_ in election.rounds.filter(state=RoundState.SIGNED_OFF).order_by("number"):
        won.extend((round_.category, key) for key in round_.result["elected"] if is_write_in(key))
    return won


def write_ins_unmatched(election: Election) -> list[tuple[str, str]]:
    """The written-in winners the secretary has not yet matched to a party member."""
    matched = set(election.write_in_matches.values_list("category", "key"))
    return [won for won in write_in_winners(election) if won not in matched]
