"""Known data for the dashboards: each committee gets figures that depend on its index."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from elections.models import Election
from meetings.models import ThemeDay
from organizations.models import MemberCategory
from residents.models import Matter, MatterStatus
from services.models import (
    Agreement,
    DualRegistration,
    Fund,
    FundIncome,
    FundSpend,
    ServiceRecord,
)
from tests.factories import MemberFactory, UnitFactory, node
from tests.meetings.helpers import theme_day

_tickets = itertools.count(1)


def this_year() -> int:
    return timezone.localdate().year


def community(street, name):
    """A committee with one grid and one building; returns (committee, grid, building)."""
    committee = node(street, name)
    grid = node(committee, f"{name}第一网格")
    building = node(grid, f"{name}1号楼")
    return committee, grid, building


def matter(grid, *, closed=True, left_grid=False, closed_at=None):
    return Matter.objects.create(
        ticket=f"T{next(_tickets):08d}",
        grid=grid,
        node=grid,
        kind="request",
        description="楼道灯坏了",
        status=MatterStatus.CLOSED if closed else MatterStatus.OPEN,
        answer="已修好" if closed else "",
        left_grid=left_grid,
        closed_at=(closed_at or timezone.now()) if closed else None,
    )


def populate(committee, grid, building, i: int) -> None:
    """Figures for the committee of index i (0, 1, 2, ...)."""
    year = this_year()
    today = timezone.localdate()
    last_year = datetime.date(year - 1, 6, 1)
    # 双报到: i + 2 in-service members live here (one on the committee itself), i + 1 of them
    # registered where they live.
    living = [
        MemberFactory(node=building, category=MemberCategory.IN_SERVICE) for _ in range(i + 1)
    ]
    living.append(MemberFactory(node=committee, category=MemberCategory.IN_SERVICE))
    MemberFactory(node=building, category=MemberCategory.RESIDENT)  # not in service
    for member in living[1:]:
        DualRegistration.objects.create(
            member=member, committee=committee, basis="home", registered_on=today
        )
    DualRegistration.objects.create(  # registered where they work: not coverage
        member=MemberFactory(node=grid, category=MemberCategory.RESIDENT),
        committee=committee,
        basis="work",
        registered_on=today,
    )
    # Co-building agreements: 2 this year (1 signed, or 2 for odd i), 1 signed last year.
    for n in range(2):
        Agreement.objects.create(
            committee=committee,
            unit=UnitFactory(),
            year=year,
            goals="资源共享",
            signed_on=today if (n == 0 or i % 2) else None,
        )
    Agreement.objects.create(
        committee=committee, unit=UnitFactory(), year=year - 1, goals="旧", signed_on=last_year
    )
    # Volunteer hours: confirmed this year 2.5 + i, others do not count.
    member = living[0]
    for hours, state, day in (
        (Decimal("2.5"), "confirmed", today),
        (Decimal(i), "confirmed", today),
        (Decimal("3.0"), "recorded", today),
        (Decimal("1.0"), "rejected", today),
        (Decimal("4.0"), "confirmed", last_year),
    ):
        if hours:
            ServiceRecord.objects.create(
                member=member,
                node=grid,
                served_on=day,
                hours=hours,
                description="巡逻",
                state=state,
            )
    # Funds: 20,000 yuan, 500 yuan income, spent 300 × (i + 1), 100 awaiting, 999.99 rejected.
    fund = Fund.objects.create(committee=committee, year=year, budget_fen=2_000_000)
    FundIncome.objects.create(fund=fund, amount_fen=50_000, source="党费补助", received_on=today)
    for amount, state in (
        (30_000 * (i + 1), "approved"),
        (10_000, "recorded"),
        (99_999, "rejected"),
    ):
        FundSpend.objects.create(
            fund=fund, amount_fen=amount, purpose="物资", spent_on=today, state=state
        )
    old = Fund.objects.create(committee=committee, year=year - 1, budget_fen=1_000_000)
    FundSpend.objects.create(
        fund=old, amount_fen=1, purpose="旧", spent_on=last_year, state="approved"
    )
    # Matters: 2 + i closed within the grid, 1 escalated, 1 open, 1 closed last year.
    for _ in range(2 + i):
        matter(grid)
    matter(grid, left_grid=True)
    matter(grid, closed=False)
    matter(grid, closed_at=timezone.make_aware(datetime.datetime(year - 1, 6, 1, 12)))
    # Elections: one in nominations; the first committee also one founded.
    Election.objects.create(committee=committee, term=f"{year}—{year + 5}", stage="nomination")
    if i == 0:
        Election.objects.create(committee=committee, term="2021—2026", stage="founded")
    # Theme party days: January held by all, this month by even i, one only scheduled.
    held = [datetime.date(year, 1, 10)] + ([today] if i % 2 == 0 else [])
    for day in held:
        record = theme_day(committee, date=day)
        ThemeDay.objects.filter(pk=record.pk).update(state="held")
    theme_day(committee, date=datetime.date(year, 2, 10))
