"""The dashboards' arithmetic: pure functions, no database (ADR 0006)."""

from __future__ import annotations

import datetime


def percent(part: int | float, whole: int | float) -> int | None:
    """`part` of `whole` in whole percent; None when there is nothing to measure."""
    if not whole or whole <= 0:
        return None
    return round(100 * part / whole)


def months_due(year: int, today: datetime.date) -> int:
    """How many months of `year` a committee owes a theme party day by `today` (M1: one a
    month): the months begun so far this year, all twelve for a past year, none ahead."""
    if year < today.year:
        return 12
    if year > today.year:
        return 0
    return today.month


def current_month(year: int, today: datetime.date) -> int | None:
    """The month the "this month" figures are about: today's month in the current year only."""
    return today.month if year == today.year else None
