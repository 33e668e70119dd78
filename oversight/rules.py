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


# The deadline tracker (issue 6): day counting and urgency, on dates only.

OVERDUE = "overdue"
TODAY = "today"
SOON = "soon"
LATER = "later"


def days_left(due: datetime.date, today: datetime.date) -> int:
    """Whole days from `today` to `due`: 0 when due today, 1 tomorrow, -1 overdue by a day."""
    return (due - today).days


def urgency(due: datetime.date, today: datetime.date, warn_days: int) -> str:
    """OVERDUE after the due day, TODAY on it, SOON within `warn_days`, else LATER."""
    left = days_left(due, today)
    if left < 0:
        return OVERDUE
    if left == 0:
        return TODAY
    return SOON if left <= warn_days else LATER


def urgency_key(due: datetime.date, today: datetime.date, tiebreak: str = "") -> tuple:
    """Sort key: overdue first (the longest overdue first), then the soonest; ties by name."""
    return (days_left(due, today), tiebreak)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_ends(founded_on: datetime.date, term_years: int) -> datetime.date:
    """A committee's term ends `term_years` after its founding (the default is 5 years)."""
    return add_years(founded_on, term_years)


def iso_week(today: datetime.date) -> str:
    """The ISO week of `today`, e.g. "2026-W48" (the weekly summary's idempotency key)."""
    year, week, _weekday = today.isocalendar()
    return f"{year}-W{week:02d}"
