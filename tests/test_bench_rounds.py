"""How `make bench` turns its rounds into the figures judged (benchmarks/run.py)."""

import pytest

from benchmarks.run import combine, ratio_cell, ratios


def _round(median_ms, p95_ms=0.0, requests=100, seconds=2.0):
    return {"median_ms": median_ms, "p95_ms": p95_ms, "requests": requests, "seconds": seconds}


def test_a_pages_figures_are_the_median_of_its_rounds():
    figures = combine([_round(30, 50), _round(90, 120), _round(33, 40)], max_requests=1000)
    assert figures["median_ms"] == 33 and figures["p95_ms"] == 50
    assert figures["requests"] == 300 and figures["rps"] == 50.0
    assert figures["capped"] is False and len(figures["rounds"]) == 3


def test_reaching_the_cap_in_one_round_marks_req_s_a_lower_bound():
    assert combine([_round(10, requests=1000), _round(10)], max_requests=1000)["capped"]


def test_each_round_is_compared_with_the_floor_of_the_same_round():
    # The machine slowed in round 2: page and floor both; the ratio stays.
    floor = [_round(10), _round(20), _round(10)]
    page = [_round(25), _round(50), _round(31)]
    assert ratios(page, floor) == [2.5, 2.5, 3.1]


def test_rounds_of_page_and_floor_must_pair_up():
    with pytest.raises(ValueError):
        ratios([_round(1)], [_round(1), _round(1)])


def test_the_table_shows_the_ratio_judged_and_each_rounds():
    assert ratio_cell({"ratio": 2.5, "ratios": [2.5, 2.5, 3.1]}) == "2.5 (2.5 / 2.5 / 3.1)"
    assert ratio_cell({"ratio": 1.2, "ratios": [1.2]}) == "1.2"
    assert ratio_cell({}) == "—"
