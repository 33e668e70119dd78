"""The dashboards' arithmetic and chart geometry, at their edges."""

import datetime

from oversight import charts, rules

NOV = datetime.date(2026, 11, 27)


def test_percent_is_none_with_nothing_to_measure_and_rounds_half_to_even():
    assert rules.percent(0, 0) is None
    assert rules.percent(3, 0) is None
    assert rules.percent(0, 7) == 0
    assert rules.percent(1, 3) == 33
    assert rules.percent(2, 3) == 67
    assert rules.percent(1, 8) == 12  # 12.5: Python rounds half to even
    assert rules.percent(5, 5) == 100


def test_months_due_counts_the_months_begun_this_year_all_of_a_past_year_none_ahead():
    assert rules.months_due(2026, NOV) == 11
    assert rules.months_due(2026, datetime.date(2026, 1, 1)) == 1
    assert rules.months_due(2025, NOV) == 12
    assert rules.months_due(2027, NOV) == 0


def test_this_month_exists_only_in_the_current_year():
    assert rules.current_month(2026, NOV) == 11
    assert rules.current_month(2025, NOV) is None


def test_bars_are_proportional_to_the_maximum_with_a_sliver_for_small_values():
    assert charts.bar_width(0, 100) == 0
    assert charts.bar_width(5, 0) == 0
    assert charts.bar_width(100, 100) == charts.AREA
    assert charts.bar_width(50, 100) == charts.AREA / 2
    assert charts.bar_width(0.1, 100) == 2.0
    assert charts.bar_width(150, 100) == charts.AREA  # never past the frame


def test_a_chart_has_a_row_per_item_and_draws_no_bar_for_a_missing_value():
    chart = charts.bar_chart([("甲", 3, "3"), ("乙", None, "—"), ("丙", 6, "6")])
    assert [b.label for b in chart.bars] == ["甲", "乙", "丙"]
    assert [b.width for b in chart.bars] == [charts.AREA / 2, 0, charts.AREA]
    assert chart.bars[1].y - chart.bars[0].y == charts.ROW
    assert chart.height == 2 * charts.TOP + 3 * charts.ROW
    assert charts.bar_chart([]).bars == ()


# The deadline tracker (issue 6)

TODAY = datetime.date(2026, 11, 27)


def test_days_left_at_the_edges():
    assert rules.days_left(TODAY, TODAY) == 0
    assert rules.days_left(TODAY + datetime.timedelta(days=1), TODAY) == 1
    assert rules.days_left(TODAY - datetime.timedelta(days=1), TODAY) == -1


def test_urgency_at_the_edges():
    day = datetime.timedelta(days=1)
    assert rules.urgency(TODAY - day, TODAY, 30) == rules.OVERDUE
    assert rules.urgency(TODAY, TODAY, 30) == rules.TODAY
    assert rules.urgency(TODAY + day, TODAY, 30) == rules.SOON
    assert rules.urgency(TODAY + 30 * day, TODAY, 30) == rules.SOON
    assert rules.urgency(TODAY + 31 * day, TODAY, 30) == rules.LATER


def test_urgency_order_overdue_first_then_soonest():
    day = datetime.timedelta(days=1)
    dues = [TODAY + day, TODAY, TODAY - day, TODAY - 5 * day, TODAY + 9 * day]
    ordered = sorted(dues, key=lambda d: rules.urgency_key(d, TODAY))
    assert ordered == [TODAY - 5 * day, TODAY - day, TODAY, TODAY + day, TODAY + 9 * day]
    assert rules.urgency_key(TODAY, TODAY, "A") < rules.urgency_key(TODAY, TODAY, "B")


def test_term_ends_five_years_on_even_from_29_february():
    assert rules.term_ends(datetime.date(2021, 12, 1), 5) == datetime.date(2026, 12, 1)
    assert rules.term_ends(datetime.date(2024, 2, 29), 5) == datetime.date(2029, 2, 28)
    assert rules.term_ends(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)


def test_iso_week_key_spans_the_year_end():
    assert rules.iso_week(TODAY) == "2026-W48"
    assert rules.iso_week(datetime.date(2027, 1, 1)) == "2026-W53"
    assert rules.iso_week(datetime.date(2026, 12, 28)) == "2026-W53"
