"""Reads of election data for pages and documents."""

from __future__ import annotations

from dataclasses import dataclass

from elections import strokes
from elections.models import (
    CATEGORY_POST,
    Election,
    Nomination,
    RemovalState,
    Round,
    RoundState,
    Stage,
)
from elections.tally import WRITE_IN
from organizations.models import OrgNode, Post

# A count shows only after the chief scrutineer has signed it off (architecture.md).
_RESULT_SHOWN = (RoundState.SIGNED_OFF, RoundState.VOID)


def round_result(round_: Round) -> dict | None:
    """The round's count, or None while it is still hidden from everyone."""
    return round_.result if round_.state in _RESULT_SHOWN else None


def vacancies(committee: OrgNode):
    """Part-time seats left by the route of 二(六) and not yet refilled by a founded by-election."""
    refilled = Election.objects.filter(
        committee=committee, stage=Stage.FOUNDED, vacancy__isnull=False
    ).values("vacancy_id")
    return (
        Post.objects.filter(
            node=committee,
            kind__in=CATEGORY_POST.values(),
            ended_on__isnull=False,
            removals__state=RemovalState.DONE,
        )
        .exclude(pk__in=refilled)
        .select_related("person")
        .distinct()
    )


@dataclass(frozen=True)
class _Name:
    name: str


@dataclass(frozen=True)
class WrittenIn:
    """A name written in (另选他人) that is a candidate of a run-off (B6), beside the nominees.

    It reads as a Nomination does where a ballot lists its candidates: `pk` is what a ○ for it
    marks (its ballot key, "write-in:张三") and `nominee.name` the name as written.
    """

    key: str

    @property
    def pk(self) -> str:
        return self.key

    @property
    def name(self) -> str:
        return self.key[len(WRITE_IN) :]

    @property
    def nominee(self) -> _Name:
        return _Name(self.name)


def ballot_candidates(round_: Round) -> list[Nomination | WrittenIn]:
    """The round's candidates in the ballot's order, surname stroke order (B9): its nominees
    and, in a run-off, the written-in names tied with them (B6)."""
    listed = [*round_.candidates.select_related("nominee"), *map(WrittenIn, round_.write_ins)]
    return strokes.in_stroke_order(listed, name=lambda n: n.nominee.name)
