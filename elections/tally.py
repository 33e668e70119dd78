"""The count of one round of one category, as a pure function (docs/domain.md §4, B2–B7).

A ballot is a plain value: the candidate ids marked ○ (赞成) plus the names written in the 另选他人
column and marked ○, as keys made by `write_in("张三")` ("write-in:张三"). × (不赞成) and no mark
(弃权) are not votes, so they do not appear; a blank ballot is an empty set.

Replay: `tally` reads nothing but its arguments — no database, no clock, no randomness, and
its output does not depend on the order of the ballots — so a count can be replayed from the
stored ballots at any time and compared with the recorded result (`Result` compares by value;
`Result.as_dict()` is the JSON form logged in the election's hash chain).

Speed: one pass over the ballots and their marks, O(ballots × marks), then a sort of the
candidates; 10,000 ballots take milliseconds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from . import rules
from .strokes import stroke_key

WRITE_IN = "write-in:"


def write_in(name: str) -> str:
    """The ballot key for a name written in (另选他人) and marked ○; whitespace is dropped."""
    return WRITE_IN + "".join(name.split())


def is_write_in(key: Hashable) -> bool:
    return isinstance(key, str) and key.startswith(WRITE_IN)


@dataclass(frozen=True)
class Result:
    """The count of a round. `votes` lists every candidate and write-in, best first."""

    seats: int
    due: int
    issued: int
    returned: int
    valid: int  # B2
    invalid: int
    void: bool  # B3: more returned than issued; nobody is elected and the round is voted again
    threshold: int  # B4: the fewest votes that elect (0 in a run-off: the most votes win)
    votes: tuple[tuple[Hashable, int], ...]  # valid ballots only; votes desc, then `order`
    elected: tuple[Hashable, ...]  # B5: in vote order, at most `seats`
    runoff: tuple[Hashable, ...]  # B6: tied for the last seat(s); none of them is elected
    runoff_seats: int  # seats the run-off fills
    seats_left: int  # B7: seats neither filled nor held for the run-off

    @property
    def revote_needed(self) -> bool:
        """B3: the round is void and is voted again as it was."""
        return self.void

    @property
    def runoff_needed(self) -> bool:
        """B6: a run-off among `runoff` only, for `runoff_seats` seats."""
        return bool(self.runoff)

    @property
    def another_round_needed(self) -> bool:
        """B7: fewer elected than seats; another round (另行选举) for `seats_left` seats."""
        return not self.void and self.seats_left > 0

    def votes_for(self, key: Hashable) -> int:
        return dict(self.votes).get(key, 0)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for the event log and the filing."""
        return {
            "seats": self.seats,
            "due": self.due,
            "issued": self.issued,
            "returned": self.returned,
            "valid": self.valid,
            "invalid": self.invalid,
            "void": self.void,
            "threshold": self.threshold,
            "votes": [[key, count] for key, count in self.votes],
            "elected": list(self.elected),
            "runoff": list(self.runoff),
            "runoff_seats": self.runoff_seats,
            "seats_left": self.seats_left,
        }


def tally(
    ballots: Iterable[Iterable[Hashable]],
    candidates: Sequence[Hashable],
    seats: int,
    due: int,
    issued: int,
    *,
    order: Callable[[Hashable], Any] | None = None,
    runoff: bool = False,
) -> Result:
    """Count one round of one category.

    `candidates` are the ids on the ballot, in ballot order (B9, stroke order); `due` is the
    number of voters due to attend (应到会), against which B4 is measured; `issued` the ballots
    handed out. `order` breaks ties in the listing (default: ballot order, then write-ins by
    stroke order). A `runoff` round (B6) is among tied candidates who all passed B4 already:
    the most votes win, and names written in on its ballots are counted but cannot win. A name
    written in that tied for the last seat is a candidate of the run-off like the tied nominees
    (对票数相等的被选举人再次投票): only a run-off lists write-in keys among `candidates`.

    Raises ValueError for a ballot that marks an id that is not a candidate of this round.
    """
    for name, value in (("seats", seats), ("due", due), ("issued", issued)):
        if value < 0:
            raise ValueError(f"{name} cannot be negative: {value}")
    known = set(candidates)
    if len(known) != len(candidates):
        raise ValueError("a candidate is listed twice")
    for key in filter(is_write_in, known):
        if not runoff:
            raise ValueError("only a run-off lists a written-in name among its candidates")
        if key == WRITE_IN or key != write_in(key[len(WRITE_IN) :]):
            raise ValueError(f"{key!r} is not a written-in name as ballots record it")

    counts: Counter[Hashable] = Counter()
    returned = valid = 0
    for ballot in ballots:
        returned += 1
        marks = _marks(ballot, known)
        if rules.ballot_is_valid(len(marks), seats):
            valid += 1
            counts.update(marks)

    # The default order last, so the listing never depends on the order ballots came in.
    default = _ballot_order(candidates)
    sort_order = order or default
    keys = [*candidates, *(key for key in counts if key not in known)]
    ranked = tuple(
        sorted(
            ((k, counts[k]) for k in keys),
            key=lambda kv: (-kv[1], sort_order(kv[0]), default(kv[0])),
        )
    )

    void = rules.round_is_void(issued, returned)
    threshold = 0 if runoff else rules.votes_needed(due)
    if void:
        elected, tied, runoff_seats = (), (), 0
    else:
        eligible = [
            (key, n)
            for key, n in ranked
            if n >= threshold and not (runoff and is_write_in(key) and key not in known)
        ]
        elected, tied, runoff_seats = _fill(eligible, seats)
    return Result(
        seats=seats,
        due=due,
        issued=issued,
        returned=returned,
        valid=valid,
        invalid=returned - valid,
        void=void,
        threshold=threshold,
        votes=ranked,
        elected=elected,
        runoff=tied,
        runoff_seats=runoff_seats,
        seats_left=seats - len(elected) - runoff_seats,
    )


def _marks(ballot: Iterable[Hashable], known: set[Hashable]) -> set[Hashable]:
    """The distinct ○ marks of a ballot; a write-in row marked ○ with no name is no mark."""
    marks = set()
    for key in ballot:
        if is_write_in(key):
            key = write_in(key[len(WRITE_IN) :])
            if key == WRITE_IN:
                continue
        elif key not in known:
            raise ValueError(f"the ballot marks {key!r}, who is not a candidate of this round")
        marks.add(key)
    return marks


def _ballot_order(candidates: Sequence[Hashable]) -> Callable[[Hashable], Any]:
    """Candidates in ballot order, then write-ins in stroke order of the name."""
    position = {key: index for index, key in enumerate(candidates)}

    def key(choice: Hashable) -> tuple:
        if choice in position:
            return (0, position[choice], ())
        name = choice[len(WRITE_IN) :]
        return (1, stroke_key(name), name)

    return key


def _fill(
    eligible: list[tuple[Hashable, int]], seats: int
) -> tuple[tuple[Hashable, ...], tuple[Hashable, ...], int]:
    """B5–B6: (elected, tied for the last seats, seats held for their run-off).

    `eligible` is best first. When more pass than there are seats, seats go in vote order;
    if the last seat falls on a tie that runs past the seats, the tied all go to a run-off.
    """
    if seats == 0:
        return (), (), 0
    if len(eligible) <= seats or eligible[seats - 1][1] != eligible[seats][1]:
        return tuple(key for key, _n in eligible[:seats]), (), 0
    cut = eligible[seats - 1][1]
    elected = tuple(key for key, n in eligible if n > cut)
    tied = tuple(key for key, n in eligible if n == cut)
    return elected, tied, seats - len(elected)
