"""The residents' pure rules at their edges: escalation, closing, tickets, masking, rates."""

import re

from organizations.rules import BUILDING, COMMITTEE, GRID, HOUSEHOLD, STREET
from residents import rules


def test_escalation_goes_up_from_building_and_grid_with_a_reason():
    assert rules.can_escalate(level=BUILDING, closed=False, reason="需要网格协调").ok
    assert rules.can_escalate(level=GRID, closed=False, reason="需要社区协调").ok


def test_escalation_cannot_go_above_the_committee():
    verdict = rules.can_escalate(level=COMMITTEE, closed=False, reason="再上报")
    assert not verdict.ok and "最高层级" in verdict.message


def test_escalation_needs_a_reason_not_only_spaces():
    for reason in ("", "   ", "\n"):
        verdict = rules.can_escalate(level=GRID, closed=False, reason=reason)
        assert not verdict.ok and "上报理由" in verdict.message


def test_a_closed_matter_cannot_be_escalated_even_with_a_reason():
    verdict = rules.can_escalate(level=BUILDING, closed=True, reason="仍未解决")
    assert not verdict.ok and "已办结" in verdict.message


def test_only_building_grid_and_committee_handle_matters():
    for level in (STREET, HOUSEHOLD):
        assert not rules.can_escalate(level=level, closed=False, reason="x").ok


def test_closing_needs_an_answer_and_an_open_matter():
    assert rules.can_close(closed=False, answer="已修复").ok
    assert not rules.can_close(closed=False, answer="  ").ok
    assert not rules.can_close(closed=True, answer="已修复").ok


def test_ticket_codes_are_readable_and_normalise_what_was_typed():
    codes = {rules.new_ticket() for _i in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", code)
        assert rules.normalise_ticket(code.lower().replace("-", " ")) == code
    assert rules.normalise_ticket("abc") == ""
    assert rules.normalise_ticket("ABCD-EFGH-J") == ""


def test_contact_is_masked_keeping_three_and_two():
    assert rules.mask_contact("13812345678") == "138******78"
    assert rules.mask_contact("12345") == "*****"
    assert rules.mask_contact("123456") == "123*56"


def test_within_grid_rate():
    assert rules.within_grid_rate(0, 0) is None
    assert rules.within_grid_rate(3, 4) == 75
    assert rules.within_grid_rate(4, 4) == 100
    assert rules.within_grid_rate(0, 5) == 0


def test_overdue_after_the_limit_and_when_never_visited():
    assert rules.overdue(None, 30)
    assert not rules.overdue(30, 30)
    assert rules.overdue(31, 30)
