"""Reads for the meeting-day pages: rounds so far, voters, speech order, ballots, named results.

Nothing here reveals a count before sign-off: results go through `round_result` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from elections import strokes
from elections.actions.voting import code_hash  # the same hash the kiosk code is stored with
from elections.models import (
    Category,
    Election,
    Nomination,
    Participation,
    Review,
    RollEntry,
    Round,
    TellerRole,
    VoteCode,
)
from elections.selectors import ballot_candidates, round_result  # noqa: F401 (the pages' import)
from elections.tally import WRITE_IN, is_write_in


def rounds_so_far(election: Election) -> list[Round]:
    """Every round by category and number, with the ballots returned so far (kiosk votes plus
    paper sheets entered)."""
    rounds = election.rounds.annotate(
        kiosk_returned=Count("participations", distinct=True),
        sheets_entered=Count("paper_entries__sheet", distinct=True),
    )
    return sorted(rounds, key=lambda r: (Category.values.index(r.category), r.number))


def voters_without_code(round_: Round):
    """Checked-in voters who have neither a kiosk code nor a vote in this round yet."""
    return (
        RollEntry.objects.filter(
            election_id=round_.election_id, checked_in=True, excluded_reason=""
        )
        .exclude(Exists(VoteCode.objects.filter(round=round_, person=OuterRef("person"))))
        .exclude(Exists(Participation.objects.filter(round=round_, person=OuterRef("person"))))
        .select_related("person")
        .order_by("person__name", "pk")
    )


def teller_role(election: Election, user) -> str | None:
    """The user's teller role in this election, or None when they are not a teller."""
    if not user.is_authenticated:
        return None
    teller = election.tellers.filter(user=user).first()
    return teller.role if teller else None


def is_chief_scrutineer(election: Election, user) -> bool:
    return teller_role(election, user) == TellerRole.CHIEF_SCRUTINEER


@dataclass(frozen=True)
class SpeechGroup:
    label: str
    speakers: list[Nomination]


def speech_groups(election: Election) -> list[SpeechGroup]:
    """Qualified nominees per category in speech order: the stroke order of the ballot."""
    accepted = election.nominations.filter(review=Review.ACCEPTED).select_related("nominee")
    groups = []
    for value, label in Category.choices:
        speakers = [n for n in accepted if n.category == value]
        if speakers:
            ordered = strokes.in_stroke_order(speakers, name=lambda n: n.nominee.name)
            groups.append(SpeechGroup(label=label, speakers=ordered))
    return groups


def kiosk_election(public_id) -> Election | None:
    """The election a kiosk page serves, found by its public id (the kiosk has no login)."""
    return Election.objects.filter(public_id=public_id).first()


def kiosk_code(election: Election, code: str) -> VoteCode | None:
    """The kiosk code of this election that `code` is, used or not, with its round; or None."""
    return (
        VoteCode.objects.filter(code_hash=code_hash(code), round__election=election)
        .select_related("round")
        .first()
    )


@dataclass(frozen=True)
class ResultRow:
    name: str
    written_in: bool
    votes: int
    elected: bool
    runoff: bool


def named_result(round_: Round) -> tuple[dict | None, list[ResultRow]]:
    """The signed-off count with names for ids, best first; (None, []) while it is hidden."""
    result = round_result(round_)
    if result is None:
        return None, []
    names = {
        str(n.pk): n.nominee.name
        for n in Nomination.objects.filter(election_id=round_.election_id).select_related("nominee")
    }
    elected, tied = set(result["elected"]), set(result["runoff"])
    rows = [
        ResultRow(
            name=key[len(WRITE_IN) :] if is_write_in(key) else names.get(key, key),
            written_in=is_write_in(key),
            votes=votes,
            elected=key in elected,
            runoff=key in tied,
        )
        for key, votes in result["votes"]
    ]
    return result, rows


def paper_sheets(round_: Round) -> dict[int, dict[int, object]]:
    """The entries of each sheet by slot, for the tellers' mismatch list."""
    sheets: dict[int, dict[int, object]] = {}
    for entry in round_.paper_entries.select_related("entered_by").order_by("sheet", "slot"):
        sheets.setdefault(entry.sheet, {})[entry.slot] = entry
    return sheets
