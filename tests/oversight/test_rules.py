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
