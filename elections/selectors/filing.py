"""Reads for steps 11–12: the inboxes, a filing, and the data of the printed documents."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from elections import rules, strokes
from elections.actions import attendance
from elections.models import (
    Category,
    ChainEvent,
    Election,
    Filing,
    FilingKind,
    FilingState,
    Nomination,
    Round,
    RoundState,
    TellerRole,
)
from elections.tally import WRITE_IN, is_write_in
from organizations import access
from organizations.models import OrgNode, Post, PostKind, PostSource

from . import round_result

_SENDER_JOINS = ("election__committee", "removal__post__person", "removal__post__node")
_FILING_JOINS = ("addressee", *_SENDER_JOINS)

# ---------------------------------------------------------------------------------------------
# Inboxes and filings


def inbox(user, node: OrgNode) -> tuple[QuerySet, QuerySet]:
    """(waiting, decided) filings addressed to `node`: the oldest waiting first.

    Joined only to what the inbox shows (the sender): with the addressee and the scope filter
    as well, PostgreSQL spent longer planning the two queries than the page took otherwise
    (docs/performance.md § 8). A user who decides filings at `node` sees every one addressed
    to it; for anyone else the scope filter stays."""
    filings = Filing.objects.filter(addressee=node).select_related(*_SENDER_JOINS)
    if not access.holds(user, access.DECIDE_FILINGS, node):
        filings = access.visible(user, filings, access.DECIDE_FILINGS)
    waiting = filings.filter(state=FilingState.WAITING).order_by("submitted_at", "pk")
    decided = filings.exclude(state=FilingState.WAITING).order_by("-decided_at", "-pk")
    return waiting, decided


def filings_query() -> QuerySet:
    return Filing.objects.select_related(*_FILING_JOINS)


def election_filings(election: Election) -> QuerySet:
    return election.filings.select_related("addressee").order_by("-submitted_at", "-pk")


def latest_result_filing(election: Election) -> Filing | None:
    return election_filings(election).filter(kind=FilingKind.RESULT).first()


def founding_date(election: Election) -> datetime.date | None:
    """The day of the founding meeting, as the election's log recorded it."""
    event = (
        ChainEvent.objects.filter(election=election, action="founding.record")
        .order_by("-seq")
        .first()
    )
    return datetime.date.fromisoformat(event.payload["on"]) if event else None


def reference_number(abbreviation: str, year: int, number: int) -> str:
    """GB/T 9704: 〔full year〕, no 第, no leading zeros."""
    return f"{abbreviation}〔{year}〕{number}号"


def result_reference(filing: Filing) -> str:
    """The report's number: its place among the committee's result reports of that year."""
    committee = filing.election.committee
    year = timezone.localtime(filing.submitted_at).year
    number = Filing.objects.filter(
        election__committee=committee,
        kind=FilingKind.RESULT,
        submitted_at__year=year,
        pk__lte=filing.pk,
    ).count()
    return reference_number(committee.name, year, max(number, 1))


# ---------------------------------------------------------------------------------------------
# Names used on paper


def community_name(committee: OrgNode) -> str:
    """幸福社区大党委 → 幸福社区: the documents write 幸福社区“大党委”."""
    name = committee.name
    for suffix in ("“大党委”", '"大党委"', "大党委"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def street_committee_name(street: OrgNode) -> str:
    """东城街道 → 中共东城街道工作委员会; 某某镇 → 中共某某镇委员会."""
    name = street.name
    if name.endswith("镇") or name.endswith("乡"):
        return f"中共{name}委员会"
    return f"中共{name}工作委员会"


def term_end(term: str, start: datetime.date) -> datetime.date | None:
    """The last day of a term such as 2026—2031 that starts on `start`, or None if unreadable."""
    years = re.findall(r"\d{4}", term)
    if len(years) < 2:
        return None
    end_year = int(years[-1])
    try:
        anniversary = start.replace(year=end_year)
    except ValueError:  # 29 February
        anniversary = start.replace(year=end_year, day=28)
    return anniversary - datetime.timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# Rounds: ballots and the tally sheet


@dataclass
class VoteLine:
    name: str
    votes: int
    elected: bool = False
    write_in: bool = False
    runoff: bool = False


def vote_lines(round_: Round, result: dict) -> list[VoteLine]:
    """The round's votes as printed: every candidate and write-in, most votes first."""
    names = {str(n.pk): n.nominee.name for n in round_.candidates.select_related("nominee")}
    elected, runoff = set(result["elected"]), set(result["runoff"])
    lines = []
    for key, count in result["votes"]:
        written = is_write_in(key)
        name = key[len(WRITE_IN) :] if written else names.get(str(key), str(key))
        lines.append(VoteLine(name, count, key in elected, written, runoff=key in runoff))
    return lines


@dataclass
class RoundSheet:
    round: Round
    result: dict
    lines: list[VoteLine]
    present: int
    meeting_on: datetime.date | None
    scrutineers: list[str] = field(default_factory=list)
    counters: list[str] = field(default_factory=list)


def meeting_date(election: Election) -> datetime.date | None:
    publicity = getattr(election, "publicity", None)
    return timezone.localdate(publicity.meeting_at) if publicity else None


def round_sheet(round_: Round) -> RoundSheet | None:
    """The tally sheet's data, or None while the count is hidden (before sign-off)."""
    result = round_result(round_)
    if result is None:
        return None
    election = round_.election
    tellers = list(election.tellers.select_related("person").order_by("role", "pk"))
    return RoundSheet(
        round=round_,
        result=result,
        lines=vote_lines(round_, result),
        present=attendance(election)[1],
        meeting_on=meeting_date(election),
        scrutineers=[
            t.person.name
            for t in tellers
            if t.role in (TellerRole.CHIEF_SCRUTINEER, TellerRole.SCRUTINEER)
        ],
        counters=[t.person.name for t in tellers if t.role == TellerRole.COUNTER],
    )


# ---------------------------------------------------------------------------------------------
# The result report and the letters


@dataclass
class Report:
    filing: Filing
    election: Election
    due: int
    present: int
    on_leave: int
    excluded: int
    sheets: dict[str, list[RoundSheet]]
    elected: dict[str, list[Nomination]]
    meeting_on: datetime.date | None
    meeting_place: str
    quorum: bool = False

    @property
    def categories(self) -> list[tuple[str, list[RoundSheet]]]:
        return [(c, self.sheets[c]) for c in Category.values if self.sheets[c]]

    @property
    def roster(self) -> list[Nomination]:
        """The annex: those elected, deputies first, each category in stroke order."""
        return [n for c in Category.values for n in self.elected[c]]


@dataclass(frozen=True)
class ElectedWriteIn:
    """A written-in name elected (B4, B6), as the report lists it beside elected nominations:
    `nominee` is the party member the secretary matched it to, else just the name."""

    category: str
    key: str
    person: object | None = None

    @property
    def nominee(self):
        from elections.selectors import _Name

        return self.person or _Name(self.key[len(WRITE_IN) :])


def report(filing: Filing) -> Report:
    """Everything the 选举结果报告 prints, for a result (or roster) filing."""
    from elections.actions import elected, write_in_winners

    election = Election.objects.select_related("committee__parent").get(pk=filing.election_id)
    nominees = election.nominations.select_related("nominee__workplace")
    due, present = attendance(election)
    sheets: dict[str, list[RoundSheet]] = {c: [] for c in Category.values}
    rounds = election.rounds.filter(state__in=[RoundState.SIGNED_OFF, RoundState.VOID])
    for round_ in rounds.order_by("category", "number"):
        sheet = round_sheet(round_)
        if sheet is not None:
            sheets[round_.category].append(sheet)
    publicity = getattr(election, "publicity", None)
    won = elected(election)
    people = {n.pk: n for n in nominees}
    won = {c: [people.get(n.pk, n) for n in won[c]] for c in won}
    matched = {
        (m.category, m.key): m.person
        for m in election.write_in_matches.select_related("person__workplace")
    }
    for category, key in write_in_winners(election):
        won[category].append(ElectedWriteIn(category, key, matched.get((category, key))))
    return Report(
        filing=filing,
        election=election,
        due=due,
        present=present,
        on_leave=max(due - present, 0),
        excluded=election.roll.exclude(excluded_reason="").count(),
        sheets=sheets,
        elected={c: strokes.in_stroke_order(won[c], lambda n: n.nominee.name) for c in won},
        meeting_on=meeting_date(election),
        meeting_place=publicity.meeting_place if publicity else "",
        quorum=rules.has_quorum(due, present),
    )


def appointed_posts(election: Election) -> list[Post]:
    """The posts the founding meeting started: direct entrants first, then those elected."""
    held_on = founding_date(election)
    if held_on is None:
        return []
    posts = Post.objects.filter(
        node=election.committee,
        decision_ref=election.term,
        started_on=held_on,
        source__in=[PostSource.DIRECT, PostSource.ELECTED],
    ).select_related("person")
    source = [PostSource.DIRECT, PostSource.ELECTED]
    rank = list(PostKind.values)
    return sorted(
        posts,
        key=lambda p: (
            source.index(p.source),
            rank.index(p.kind),
            strokes.stroke_key(p.person.name),
        ),
    )


def decision_trail(filing: Filing) -> QuerySet:
    """The audit events of this filing's decision: who decided, when, from where."""
    from organizations.models import AuditEvent

    return (
        AuditEvent.objects.filter(
            action__in=["election.filing.decide", "removal.filing_decided"],
            data__filing=filing.pk,
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
