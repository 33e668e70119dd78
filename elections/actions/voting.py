"""Step 9: the kiosk with one-time codes, and paper ballots entered twice by two tellers."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Ballot,
    PaperEntry,
    Participation,
    RollEntry,
    Round,
    RoundState,
    Stage,
    VoteCode,
)

from ._common import _locked, _log, _require

# ---------------------------------------------------------------------------------------------
# 9. Voting: the kiosk with one-time codes, and paper ballots entered twice


def code_hash(code: str) -> str:
    """The stored form of a code; spaces and dashes typed between its characters are dropped."""
    plain = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(plain.encode()).hexdigest()


def new_code() -> str:
    """A one-time kiosk code: `kiosk_code_length` characters with no look-alikes."""
    length = rules.policy("kiosk_code_length")
    return "".join(secrets.choice(rules.KIOSK_CODE_ALPHABET) for _position in range(length))


@transaction.atomic
def vote_code_issue(*, actor, round_: Round, entry: RollEntry, ip=None) -> str:
    """A one-time code for a checked-in voter; the plain code is shown once and not kept."""
    election = _locked(round_.election)
    _require(election, Stage.MEETING)
    round_.refresh_from_db()
    if round_.state != RoundState.OPEN:
        raise ValidationError(_("This round is closed."))
    if entry.election_id != election.pk or not entry.checked_in or entry.excluded_reason:
        raise ValidationError(_("Only a voter who has checked in receives a code."))
    if VoteCode.objects.filter(round=round_, person_id=entry.person_id).exists():
        raise ValidationError(
            _("%(name)s already has a code for this round.") % {"name": entry.person.name}
        )
    code = new_code()
    VoteCode.objects.create(round=round_, person_id=entry.person_id, code_hash=code_hash(code))
    round_.issued += 1
    round_.save(update_fields=["issued"])
    _log(
        election=election,
        actor=actor,
        action="vote.code_issue",
        payload={"round": round_.pk},
        ip=ip,
    )
    return code


def _check_marks(round_: Round, marks: Iterable[str]) -> list[str]:
    """Marks are candidate ids of this round or write-ins "write-in:<name>"; nothing else.

    A run-off's written-in names (B6) are on its ballot as write-in keys, so they pass too.
    """
    allowed = {str(pk) for pk in round_.candidates.values_list("pk", flat=True)}
    clean = []
    for mark in marks:
        mark = str(mark).strip()
        is_write_in = mark.startswith("write-in:") and len(mark) > len("write-in:")
        if is_write_in or mark in allowed:
            clean.append(mark)
        else:
            raise ValidationError(
                _("The ballot names someone who is not a candidate of this round.")
            )
    if len(set(clean)) != len(clean):
        raise ValidationError(_("The ballot marks the same person twice."))
    return clean


@transaction.atomic
def vote_cast(*, round_id: int, code: str, marks: Iterable[str]) -> None:
    """Cast once with a one-time code: participation and ballot in one locked transaction.

    The ballot carries no link to the voter, no time, and a random key.
    """
    vote_code = (
        VoteCode.objects.select_for_update()
        .filter(code_hash=code_hash(code), round_id=round_id)
        .first()
    )
    if vote_code is None:
        raise ValidationError(_("This code is not valid for this vote."))
    round_ = Round.objects.select_for_update().get(pk=round_id)
    if round_.state != RoundState.OPEN:
        raise ValidationError(_("This round is closed; no more votes are taken."))
    if vote_code.used:
        raise ValidationError(_("This code has already been used."))
    clean = _check_marks(round_, marks)
    if not rules.ballot_is_valid(len(clean), round_.seats):
        raise ValidationError(
            _("You may mark at most %(seats)d names in favour; you marked %(marks)d.")
            % {"seats": round_.seats, "marks": len(clean)}
        )
    try:
        with transaction.atomic():
            Participation.objects.create(round=round_, person_id=vote_code.person_id)
    except IntegrityError:
        raise ValidationError(_("You have already voted in this round.")) from None
    Ballot.objects.create(round=round_, marks=sorted(clean))
    vote_code.used = True
    vote_code.save(update_fields=["used"])


@transaction.atomic
def paper_issue(*, actor, round_: Round, issued: int, ip=None) -> Round:
    """Record how many paper ballots were handed out (发出); kiosk codes count as issued too."""
    election = _locked(round_.election)
    _require(election, Stage.MEETING)
    round_.refresh_from_db()
    if round_.state != RoundState.OPEN:
        raise ValidationError(_("This round is closed."))
    if issued < 0:
        raise ValidationError({"issued": _("The number of ballots cannot be negative.")})
    round_.issued = round_.codes.count() + issued
    round_.save(update_fields=["issued"])
    _log(
        election=election,
        actor=actor,
        action="paper.issue",
        payload={"round": round_.pk, "issued": issued},
        ip=ip,
    )
    return round_


@transaction.atomic
def paper_enter(
    *, actor, round_: Round, sheet: int, slot: int, marks: Iterable[str], ip=None
) -> PaperEntry:
    """A teller enters one returned sheet; the other entry of that sheet is by another teller."""
    election = _locked(round_.election)
    _require(election, Stage.MEETING)
    round_.refresh_from_db()
    if round_.state != RoundState.OPEN:
        raise ValidationError(_("This round is closed."))
    if not election.tellers.filter(user=actor).exists():
        raise ValidationError(_("Only a teller of this election enters ballots."))
    other = PaperEntry.objects.filter(round=round_, sheet=sheet).exclude(slot=slot).first()
    if other is not None and other.entered_by_id == actor.pk:
        raise ValidationError(_("The second entry of a sheet is made by a different teller."))
    if PaperEntry.objects.filter(round=round_, sheet=sheet, slot=slot).exists():
        raise ValidationError(_("Sheet %(sheet)d has already been entered.") % {"sheet": sheet})
    # A paper ballot may carry more marks than seats: entered as it is, counted invalid (B2).
    clean = _check_marks(round_, marks)
    entry = PaperEntry.objects.create(
        round=round_, sheet=sheet, slot=slot, marks=sorted(clean), entered_by=actor
    )
    _log(
        election=election,
        actor=actor,
        action="paper.enter",
        payload={"round": round_.pk, "sheet": sheet, "slot": slot},
        ip=ip,
    )
    return entry


def paper_mismatches(round_: Round) -> list[int]:
    """Sheets entered once only or differently by the two tellers."""
    by_sheet: dict[int, dict[int, list]] = {}
    for entry in round_.paper_entries.all():
        by_sheet.setdefault(entry.sheet, {})[entry.slot] = entry.marks
    return sorted(
        sheet for sheet, slots in by_sheet.items() if len(slots) != 2 or slots[1] != slots[2]
    )


@transaction.atomic
def paper_correct(
    *, actor, round_: Round, sheet: int, slot: int, marks: Iterable[str], ip=None
) -> PaperEntry:
    """Resolve a mismatch: a teller re-enters their entry of a sheet after looking at the paper."""
    election = _locked(round_.election)
    round_.refresh_from_db()
    if round_.state != RoundState.OPEN:
        raise ValidationError(_("This round is closed."))
    entry = PaperEntry.objects.filter(round=round_, sheet=sheet, slot=slot).first()
    if entry is None:
        raise ValidationError(_("Sheet %(sheet)d has no such entry to correct.") % {"sheet": sheet})
    if entry.entered_by_id != actor.pk:
        raise ValidationError(_("Only the teller who made an entry corrects it."))
    entry.marks = sorted(_check_marks(round_, marks))
    entry.save(update_fields=["marks"])
    _log(
        election=election,
        actor=actor,
        action="paper.correct",
        payload={"round": round_.pk, "sheet": sheet, "slot": slot},
        ip=ip,
    )
    return entry
