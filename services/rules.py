"""The rules of co-building and funds (domain.md §6: S1–S3, F1), as pure functions.

Each returns a message naming the numbers when something is refused, or None.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from dajiwei import uploads

DEFAULTS = {
    "yearly_funds_yuan": 20000,  # F1: per community per year, from the district budget
    "upload_max_mb": 10,
    "reminder_days_before": 7,  # S1: project deadline reminders start this many days ahead
    "max_hours_per_day": 12,  # S5: a service record's hours
    # A1: points of each part of a unit's yearly score (meetings: joint meetings attended, M4)
    "assessment_points": {
        "registration": 20,
        "agreement": 30,
        "commitments": 20,
        "service": 20,
        "meetings": 10,
    },
    "assessment_hours_per_member": 8,  # A1: a year's service hours per member for full points
}


def setting(key: str):
    return getattr(settings, "DAJIWEI_SERVICES", {}).get(key, DEFAULTS[key])


# ---------------------------------------------------------------------------------------------
# Money: fen (integers) inside, yuan on the page


def to_fen(yuan: Decimal | int | str) -> int:
    """Yuan (at most two decimals) to fen; a ValueError when it is not a sum of money."""
    try:
        value = Decimal(str(yuan))
    except InvalidOperation as error:
        raise ValueError(f"not an amount: {yuan!r}") from error
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise ValueError(f"not an amount in yuan and fen: {yuan!r}")
    return int((value * 100).to_integral_value(rounding=ROUND_HALF_UP))


def yuan(fen: int) -> str:
    """1200_00 → "1,200.00"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


def yearly_budget_fen() -> int:
    return to_fen(setting("yearly_funds_yuan"))


def balance_fen(budget: int, incomes: Iterable[int], held_spends: Iterable[int]) -> int:
    """What is left: the budget plus incomes, less every spend not rejected."""
    return budget + sum(incomes) - sum(held_spends)


def amount_problem(amount_fen: int) -> str | None:
    if amount_fen <= 0:
        return _("The amount must be more than 0.00 yuan.")
    return None


def spend_problem(balance: int, amount: int, year: int) -> str | None:
    """F1: a spend over the year's balance is refused, with both numbers."""
    problem = amount_problem(amount)
    if problem:
        return problem
    if amount > balance:
        return _("This year's balance is %(balance)s yuan, not enough to pay %(amount)s yuan.") % {
            "balance": yuan(balance),
            "amount": yuan(amount),
        }
    return None


def spend_year_problem(spent_on: datetime.date, year: int) -> str | None:
    if spent_on.year != year:
        return _("A spend dated %(date)s does not belong to the funds of %(year)s.") % {
            "date": spent_on.isoformat(),
            "year": year,
        }
    return None


# ---------------------------------------------------------------------------------------------
# Agreements (S1)


def progress_problem(progress: int) -> str | None:
    if not 0 <= progress <= 100:
        return _("Progress is a percentage from 0 to 100; %(value)s is not.") % {"value": progress}
    return None


def signing_problem(signed_on: datetime.date, year: int) -> str | None:
    """An agreement for a year is signed in that year or the last months of the one before."""
    if signed_on.year not in (year - 1, year):
        return _("An agreement for %(year)s cannot be signed on %(date)s.") % {
            "year": year,
            "date": signed_on.isoformat(),
        }
    return None


def deadline_problem(deadline: datetime.date, year: int) -> str | None:
    if deadline.year < year:
        return _("A project of the %(year)s agreement cannot be due on %(date)s.") % {
            "year": year,
            "date": deadline.isoformat(),
        }
    return None


def needs_reminder(
    deadline: datetime.date, progress: int, today: datetime.date, days_before: int
) -> bool:
    """A project not finished is reminded from `days_before` days ahead of its deadline on."""
    return progress < 100 and (deadline - today).days <= days_before


# ---------------------------------------------------------------------------------------------
# Dual registration (S4)


def dual_registration_problem(
    *, in_service: bool, basis: str, is_home: bool, is_work: bool
) -> str | None:
    """Only in-service members register; with their home community or one their unit is in."""
    if not in_service:
        return _("Dual registration is for in-service party members.")
    if basis == "home" and not is_home:
        return _("This is not the community where you live.")
    if basis == "work" and not is_work:
        return _("Your workplace unit is not linked to this community committee.")
    return None


def coverage_percent(registered: int, in_service: int) -> int | None:
    """Registered over in-service members living in the community, in whole percent."""
    if in_service == 0:
        return None
    return round(100 * registered / in_service)


# ---------------------------------------------------------------------------------------------
# Volunteer service (S5)


def hours_problem(hours: Decimal, served_on: datetime.date, today: datetime.date) -> str | None:
    limit = setting("max_hours_per_day")
    if hours <= 0 or hours > limit:
        return _(
            "Hours of service on one day are more than 0 and at most %(max)s; not %(hours)s."
        ) % {
            "max": limit,
            "hours": hours,
        }
    if served_on > today:
        return _("A service record cannot be dated in the future (%(date)s).") % {
            "date": served_on.isoformat()
        }
    return None


def confirm_problem(*, confirmer_is_member: bool, state: str) -> str | None:
    """No one confirms their own hours; a record is confirmed or turned down once."""
    if confirmer_is_member:
        return _("You cannot confirm your own service hours.")
    if state != "recorded":
        return _("This service record has already been decided.")
    return None


def total_hours(hours: Iterable[Decimal]) -> Decimal:
    return sum(hours, Decimal("0"))


# ---------------------------------------------------------------------------------------------
# Assessment (A1)


def unit_score(
    *,
    registered: bool,
    agreement_signed: bool,
    agreement_progress: float | None,
    commitments: int,
    fulfilled: int,
    service_hours: Decimal,
    members: int,
    meeting_rate: float | None = None,
) -> dict:
    """A unit's yearly score with its breakdown: {part: (points, out of)}, total, out of.

    Parts that cannot be measured (no party members; invited to no joint meeting) are left
    out of both the total and what it is out of, so they neither help nor hurt.
    """
    points = setting("assessment_points")
    parts: dict[str, tuple[Decimal, int]] = {}

    def part(name: str, share: float) -> None:
        share = min(max(share, 0.0), 1.0)
        parts[name] = (
            (Decimal(points[name]) * Decimal(str(share))).quantize(Decimal("0.1")),
            points[name],
        )

    part("registration", 1.0 if registered else 0.0)
    part("agreement", (agreement_progress or 0) / 100 if agreement_signed else 0.0)
    part("commitments", fulfilled / commitments if commitments else 0.0)
    if members:
        needed = members * setting("assessment_hours_per_member")
        part("service", float(service_hours) / needed)
    if meeting_rate is not None:
        part("meetings", meeting_rate)
    total = sum((p for p, _w in parts.values()), Decimal("0"))
    out_of = sum(w for _p, w in parts.values())
    return {"parts": parts, "total": total, "out_of": out_of}


# ---------------------------------------------------------------------------------------------
# Uploads: evidence, signed copies, receipts — small, and really a PDF or a picture

upload_problem = uploads.upload_problem  # the same check everywhere (dajiwei/uploads.py)
