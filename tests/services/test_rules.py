"""The pure rules of co-building and funds, at their edges."""

import datetime
from decimal import Decimal

import pytest

from services import rules


def test_money_in_fen_and_back():
    assert rules.to_fen("1200") == 120000
    assert rules.to_fen(Decimal("0.01")) == 1
    assert rules.yuan(120000) == "1,200.00"
    assert rules.yuan(5) == "0.05"
    assert rules.yuan(-150) == "-1.50"
    for bad in ("1.001", "abc", "NaN"):
        with pytest.raises(ValueError):
            rules.to_fen(bad)


def test_yearly_budget_is_a_setting(settings):
    assert rules.yearly_budget_fen() == 20000_00
    settings.DAJIWEI_SERVICES = {**settings.DAJIWEI_SERVICES, "yearly_funds_yuan": 30000}
    assert rules.yearly_budget_fen() == 30000_00


def test_balance_counts_budget_incomes_and_held_spends():
    assert rules.balance_fen(2000000, [50000], [100000, 20000]) == 1930000


def test_a_spend_over_the_balance_is_refused_with_both_numbers():
    assert rules.spend_problem(120000, 120000, 2026) is None
    message = rules.spend_problem(120000, 150000, 2026)
    assert "1,200.00" in message and "1,500.00" in message
    assert rules.spend_problem(120000, 0, 2026) is not None
    assert rules.spend_problem(120000, -1, 2026) is not None


def test_progress_and_dates():
    assert rules.progress_problem(0) is None and rules.progress_problem(100) is None
    assert "101" in rules.progress_problem(101)
    assert rules.signing_problem(datetime.date(2025, 12, 20), 2026) is None
    assert rules.signing_problem(datetime.date(2024, 12, 20), 2026) is not None
    assert rules.deadline_problem(datetime.date(2025, 12, 31), 2026) is not None
    assert rules.deadline_problem(datetime.date(2026, 1, 1), 2026) is None


def test_reminders_start_days_before_the_deadline_and_stop_when_done():
    deadline, today = datetime.date(2026, 12, 8), datetime.date(2026, 12, 1)
    assert rules.needs_reminder(deadline, 50, today, 7)
    assert not rules.needs_reminder(deadline, 50, today, 6)
    assert not rules.needs_reminder(deadline, 100, today, 7)
    assert rules.needs_reminder(deadline, 0, datetime.date(2026, 12, 20), 7)  # overdue


def test_uploads_are_checked_by_type_content_and_size():
    assert rules.upload_problem("a.pdf", 10, b"%PDF-1.4", 10) is None
    assert rules.upload_problem("a.exe", 10, b"MZ", 10) is not None
    assert rules.upload_problem("a.pdf", 10, b"<html>", 10) is not None
    assert rules.upload_problem("a.png", 11 * 1024 * 1024, b"\x89PNG\r\n\x1a\n", 10) is not None
