"""The dashboards' figures: one row per community committee, aggregated in the database.

A fixed number of queries whatever the number of communities (ADR 0006): the theme party day
board (meetings.selectors.board, three queries); one UNION of aggregates grouped by committee
(agreements, dual registration, hours, funds, matters, elections by stage), each row reaching
its committee through the tree's fixed levels (`committee_of`); and one of the active posts
(composition, judged by organizations.rules.committee_verdicts as on the committee page).
Pages above a committee roll these rows up to the scope below them (a district's streets),
in Python, over at most one row per community.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat

from elections.models import Election
from meetings import rules as meeting_rules
from meetings import selectors as meeting_selectors
from meetings.models import ThemeDay
from organizations import rules as org_rules
from organizations.models import MemberCategory, OrgNode, PartyMember, Post
from residents import rules as resident_rules
from residents.models import Matter, MatterStatus
from services import rules as service_rules
from services.models import (
    Agreement,
    Basis,
    DualRegistration,
    Fund,
    FundIncome,
    FundSpend,
    RecordState,
    ServiceRecord,
    SpendState,
)

from . import rules


@dataclass
class Figures:
    """The numbers of one community, or of a scope summed over its communities."""

    committees: int = 0
    breaking: int = 0  # committees whose composition fails a rule (warn or block)
    held_this_month: int = 0  # committees with a held theme party day this month
    months_held: int = 0  # sum over committees of the months with a held theme party day
    months_due: int = 0  # sum over committees of the months owed so far
    agreements: int = 0  # co-building agreements of the year
    signed: int = 0  # of which signed
    in_service: int = 0  # in-service party members living in the community
    registered: int = 0  # of whom registered there where they live (双报到)
    hours: Decimal = Decimal("0")  # volunteer hours confirmed, served in the year
    budget_fen: int = 0  # the year's activity fund budget
    incomes_fen: int = 0  # added to it (party-fee subsidies)
    spent_fen: int = 0  # spends approved
    pending_fen: int = 0  # spends awaiting approval
    matters_closed: int = 0  # residents' matters closed in the year
    matters_within: int = 0  # of which resolved within the grid
    stages: Counter = field(default_factory=Counter)

    def add(self, other: Figures) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def year_percent(self) -> int | None:
        return rules.percent(self.months_held, self.months_due)

    @property
    def month_percent(self) -> int | None:
        return rules.percent(self.held_this_month, self.committees)

    @property
    def coverage(self) -> int | None:
        return service_rules.coverage_percent(self.registered, self.in_service)

    @property
    def available_fen(self) -> int:
        return self.budget_fen + self.incomes_fen

    @property
    def spent_percent(self) -> int | None:
        return rules.percent(self.spent_fen, self.available_fen)

    @property
    def within_rate(self) -> int | None:
        return resident_rules.within_grid_rate(self.matters_within, self.matters_closed)


@dataclass
class CommitteeRow:
    committee: OrgNode
    figures: Figures
    failing: list = field(default_factory=list)  # the composition verdicts that fail


def committee_of(prefix: str) -> Case:
    """The community committee above the node reached through `prefix`, in SQL: the tree has
    one kind per level (architecture.md), so it is the node itself, its parent, grandparent
    or great-grandparent. Grouping by it is a hash join, not a range probe per committee."""
    ancestors = {
        org_rules.COMMITTEE: "id",
        org_rules.GRID: "parent_id",
        org_rules.BUILDING: "parent__parent_id",
        org_rules.HOUSEHOLD: "parent__parent__parent_id",
    }
    return Case(
        *(When(**{f"{prefix}kind": k}, then=F(f"{prefix}{a}")) for k, a in ancestors.items()),
        output_field=BigIntegerField(),
    )


_NUMBER = DecimalField(max_digits=16, decimal_places=1)


def _part(queryset, cid, metric, value):
    """(metric, committee, value) rows: `value` aggregated per committee `cid`."""
    if isinstance(metric, str):
        metric = Value(metric, output_field=CharField())
    return (
        queryset.annotate(cid=cid)
        .order_by()
        .values("cid")
        .annotate(metric=metric, v=Cast(value, _NUMBER))
        .values_list("metric", "cid", "v")
    )


def _bounds(committees: list[OrgNode], prefix: str) -> Q:
    """The committees' part of the tree, as an index range on `prefix`'s node (one tree: a
    district), so a street's or a community's page reads only its own members."""
    trees = {c.tree_id for c in committees}
    if len(trees) != 1:
        return Q()
    return Q(
        **{
            f"{prefix}tree_id": trees.pop(),
            f"{prefix}lft__gte": min(c.lft for c in committees),
            f"{prefix}lft__lte": max(c.rght for c in committees),  # the index (tree_id, lft)
            f"{prefix}rght__lte": max(c.rght for c in committees),
        }
    )


def _metrics(committees: list[OrgNode], year: int) -> dict[int, dict[str, Decimal]]:
    """{committee: {metric: value}} for the figures kept outside the committee rows, in one
    query: a UNION of grouped aggregates, whatever the number of committees."""
    pks = [c.pk for c in committees]
    in_service = Q(category=MemberCategory.IN_SERVICE) & _bounds(committees, "node__")
    members = PartyMember.objects.filter(in_service).annotate(c=committee_of("node__"))
    registrations = DualRegistration.objects.filter(
        basis=Basis.HOME, committee_id__in=pks, member__category=MemberCategory.IN_SERVICE
    ).annotate(home=committee_of("member__node__"))
    records = ServiceRecord.objects.annotate(c=committee_of("node__")).filter(
        state=RecordState.CONFIRMED, served_on__year=year, c__in=pks
    )
    closed = Matter.objects.annotate(c=committee_of("grid__")).filter(
        status=MatterStatus.CLOSED, closed_at__year=year, c__in=pks
    )
    agreements = Agreement.objects.filter(committee_id__in=pks, year=year)
    funds = Fund.objects.filter(committee_id__in=pks, year=year)
    spends = FundSpend.objects.filter(fund__committee_id__in=pks, fund__year=year)
    parts = [
        _part(members.filter(c__in=pks), F("c"), "in_service", Count("pk")),
        _part(
            registrations.filter(home=F("committee_id")),
            F("committee_id"),
            "registered",
            Count("pk"),
        ),
        _part(records, F("c"), "hours", Sum("hours")),
        _part(closed, F("c"), "closed", Count("pk")),
        _part(closed.filter(left_grid=False), F("c"), "within", Count("pk")),
        _part(agreements, F("committee_id"), "agreements", Count("pk")),
        _part(agreements.filter(signed_on__isnull=False), F("committee_id"), "signed", Count("pk")),
        _part(funds, F("committee_id"), "budget", Sum("budget_fen")),
        _part(
            FundIncome.objects.filter(fund__committee_id__in=pks, fund__year=year),
            F("fund__committee_id"),
            "incomes",
            Sum("amount_fen"),
        ),
        _part(
            spends.filter(state=SpendState.APPROVED),
            F("fund__committee_id"),
            "spent",
            Sum("amount_fen"),
        ),
        _part(
            spends.filter(state=SpendState.RECORDED),
            F("fund__committee_id"),
            "pending",
            Sum("amount_fen"),
        ),
        _part(
            Election.objects.filter(committee_id__in=pks),
            F("committee_id"),
            Concat(Value(STAGE_PREFIX), F("stage"), output_field=CharField()),
            Count("pk"),
        ),
    ]
    found: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for metric, cid, value in parts[0].union(*parts[1:], all=True):
        found[cid][metric] = value or Decimal("0")
    return found


STAGE_PREFIX = "stage:"


def _failing_by_committee(pks: list[int]) -> dict[int, list]:
    """The failing composition verdicts of each committee, from one query of active posts."""
    seats: dict[int, list] = defaultdict(list)
    posts = Post.objects.filter(node_id__in=pks, ended_on__isnull=True).values_list(
        "node_id",
        "kind",
        "person_id",
        "concurrent_branch_post",
        "counts_against_quota",
        "person__workplace_id",
    )
    for node_id, kind, person_id, branch, quota, unit_id in posts:
        seats[node_id].append(
            org_rules.Seat(
                kind=kind,
                person_id=person_id,
                concurrent_branch_post=branch,
                counts_against_quota=quota,
                unit_id=unit_id,
            )
        )
    return {pk: [v for v in org_rules.committee_verdicts(seats[pk]) if v.failing] for pk in pks}


def _theme_cells(user, node: OrgNode, year: int) -> list[tuple[OrgNode, dict[int, str]]]:
    """(committee, {month: status}) for the communities of `node`: the meetings board above a
    committee; on a committee, its own theme party days through the board's rule."""
    if node.kind == org_rules.COMMITTEE:
        days = ThemeDay.objects.filter(committee=node, date__year=year).values_list("date", "state")
        return [(node, meeting_rules.month_statuses(days, year))]
    return [
        (row["committee"], {cell["month"]: cell["status"] for cell in row["cells"]})
        for row in meeting_selectors.board(user, node, year)
    ]


def committee_rows(user, node: OrgNode, year: int, today: datetime.date) -> list[CommitteeRow]:
    """Every community at or below `node` the user may see, with its figures for `year`."""
    cells = _theme_cells(user, node, year)
    pks = [committee.pk for committee, _months in cells]
    metrics = _metrics([committee for committee, _months in cells], year)
    failing = _failing_by_committee(pks)
    month = rules.current_month(year, today)
    due = rules.months_due(year, today)
    rows = []
    for committee, months in cells:
        m = metrics[committee.pk]

        def number(metric, m=m):
            return int(m.get(metric, 0))

        held = [month_ for month_, status in months.items() if status == meeting_rules.HELD]
        figures = Figures(
            committees=1,
            breaking=1 if failing[committee.pk] else 0,
            held_this_month=1 if month in held else 0,
            months_held=len([month_ for month_ in held if month_ <= due]),
            months_due=due,
            agreements=number("agreements"),
            signed=number("signed"),
            in_service=number("in_service"),
            registered=number("registered"),
            hours=m.get("hours", Decimal("0")),
            budget_fen=number("budget"),
            incomes_fen=number("incomes"),
            spent_fen=number("spent"),
            pending_fen=number("pending"),
            matters_closed=number("closed"),
            matters_within=number("within"),
            stages=Counter(
                {
                    k.removeprefix(STAGE_PREFIX): int(v)
                    for k, v in m.items()
                    if k.startswith(STAGE_PREFIX)
                }
            ),
        )
        rows.append(
            CommitteeRow(committee=committee, figures=figures, failing=failing[committee.pk])
        )
    return rows


@dataclass
class ScopeRow:
    node: OrgNode  # the scope one level below the page's (a street, or a committee)
    figures: Figures
    failing: list = field(default_factory=list)


def rollup(node: OrgNode, rows: list[CommitteeRow]) -> tuple[list[ScopeRow], Figures]:
    """The page's rows, one per scope below `node` (a district's streets, a street's
    communities), and the page's totals."""
    total = Figures()
    scopes: dict[int, ScopeRow] = {}
    for row in rows:
        total.add(row.figures)
        if node.kind == org_rules.DISTRICT:
            street = row.committee.parent
            scope = scopes.setdefault(street.pk, ScopeRow(node=street, figures=Figures()))
            scope.figures.add(row.figures)
        else:
            scopes[row.committee.pk] = ScopeRow(
                node=row.committee, figures=row.figures, failing=row.failing
            )
    return list(scopes.values()), total
