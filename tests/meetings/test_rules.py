"""The pure rules of theme party days, at their edges."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings import rules


def test_a_meeting_on_the_last_day_counts_for_that_month():
    statuses = rules.month_statuses([(datetime.date(2026, 1, 31), "held")], 2026)
    assert statuses[1] == rules.HELD
    assert statuses[2] == rules.MISSING


def test_a_cancelled_meeting_does_not_count():
    statuses = rules.month_statuses([(datetime.date(2026, 3, 5), "cancelled")], 2026)
    assert statuses[3] == rules.MISSING


def test_two_in_a_month_are_one_held():
    meetings = [(datetime.date(2026, 4, 1), "closed"), (datetime.date(2026, 4, 30), "held")]
    statuses = rules.month_statuses(meetings, 2026)
    assert statuses[4] == rules.HELD
    assert list(statuses.values()).count(rules.HELD) == 1


def test_held_beats_scheduled_and_scheduled_beats_missing():
    assert rules.cell_status(1, 3) == rules.HELD
    assert rules.cell_status(0, 1) == rules.SCHEDULED
    assert rules.cell_status(0, 0) == rules.MISSING


def test_another_year_does_not_count():
    assert rules.month_statuses([(datetime.date(2025, 12, 31), "held")], 2026)[12] == "missing"


def test_transitions():
    rules.check_transition("scheduled", "held")
    rules.check_transition("held", "closed")
    with pytest.raises(ValidationError):
        rules.check_transition("scheduled", "closed")
    with pytest.raises(ValidationError):
        rules.check_transition("cancelled", "held")


def test_close_needs_minutes():
    with pytest.raises(ValidationError):
        rules.check_close("  ")
    rules.check_close("会议纪要")


def test_photo_size_limit_at_the_edge(settings):
    settings.DAJIWEI_MEETINGS = {**settings.DAJIWEI_MEETINGS, "photo_max_mb": 5}
    rules.check_photo_size(5 * 1024 * 1024)
    with pytest.raises(ValidationError, match="5 MB"):
        rules.check_photo_size(5 * 1024 * 1024 + 1)


def test_photo_formats():
    assert rules.check_photo_format("JPEG") == "jpg"
    assert rules.check_photo_format("PNG") == "png"
    for other in ("GIF", "WEBP", None):
        with pytest.raises(ValidationError):
            rules.check_photo_format(other)
