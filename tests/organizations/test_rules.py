"""Composition rules C1–C9 and the tree rule at their edges (docs/domain.md §2–3)."""

import pytest

from organizations import rules
from organizations.rules import Kind, Seat, Severity


def committee(members: int, *, secretaries=1, fulltime=1, parttime=2, branch=True, office=True):
    """A committee with `members` distinct people, the given officers first."""
    seats, pid = [], 0

    def add(kind, **kw):
        nonlocal pid
        pid += 1
        seats.append(Seat(kind=kind, person_id=pid, **kw))
        return pid

    for _ in range(secretaries):
        add(Kind.SECRETARY, concurrent_branch_post=branch)
    for _ in range(fulltime):
        deputy = add(Kind.FULLTIME_DEPUTY, concurrent_branch_post=branch)
        if office:
            seats.append(Seat(kind=Kind.OFFICE_HEAD, person_id=deputy))
    for _ in range(parttime):
        add(Kind.PARTTIME_DEPUTY)
    while pid < members:
        add(Kind.PARTTIME_MEMBER)
    return seats


def verdict(seats, rule):
    return next(v for v in rules.committee_verdicts(seats) if v.rule == rule)


@pytest.mark.parametrize("members", [9, 10, 11])
def test_c1_nine_to_eleven_members_pass(members):
    assert verdict(committee(members), "C1").severity == Severity.OK


@pytest.mark.parametrize("members", [8, 12])
def test_c1_eight_or_twelve_members_warn_with_the_numbers(members):
    v = verdict(committee(members), "C1")
    assert v.severity == Severity.WARN
    assert str(members) in v.message and "9" in v.message and "11" in v.message


def test_c1_follows_the_setting(settings):
    settings.DAJIWEI_POLICY = {**settings.DAJIWEI_POLICY, "committee_max_members": 13}
    assert verdict(committee(12), "C1").severity == Severity.OK


def test_c2_two_secretaries_block():
    v = verdict(committee(10, secretaries=2), "C2")
    assert v.severity == Severity.BLOCK
    assert "2" in v.message


def test_c2_one_secretary_passes():
    assert verdict(committee(10), "C2").severity == Severity.OK


def test_c3_deputies_one_fulltime_two_parttime():
    assert verdict(committee(10), "C3").severity == Severity.OK
    assert verdict(committee(10, parttime=3), "C3").severity == Severity.WARN
    assert verdict(committee(10, fulltime=0), "C3").severity == Severity.WARN


def test_c4_secretary_not_from_branch_warns():
    assert verdict(committee(10, branch=False), "C4").severity == Severity.WARN
    assert verdict(committee(10), "C4").severity == Severity.OK


def test_c5_fulltime_deputy_should_head_the_office():
    assert verdict(committee(10, office=False), "C5").severity == Severity.WARN
    assert verdict(committee(10), "C5").severity == Severity.OK


def test_c6_shows_the_mix_and_never_blocks():
    seats = [
        Seat(kind=Kind.FULLTIME_MEMBER, person_id=1, unit_id=7),
        Seat(kind=Kind.PARTTIME_MEMBER, person_id=2, unit_id=8),
        Seat(kind=Kind.PARTTIME_MEMBER, person_id=3, unit_id=8),
    ]
    v = verdict(seats, "C6")
    assert v.severity == Severity.INFO
    assert "1" in v.message and "2" in v.message


def test_c7_grid_one_secretary():
    one = [Seat(kind=Kind.GRID_SECRETARY, person_id=1)]
    two = one + [Seat(kind=Kind.GRID_SECRETARY, person_id=2)]
    assert rules.grid_verdicts(one, committee_member_ids={1})[0].severity == Severity.OK
    assert rules.grid_verdicts(one, committee_member_ids=set())[0].severity == Severity.WARN
    assert rules.grid_verdicts(two, committee_member_ids={1, 2})[0].severity == Severity.BLOCK


def test_c7_grid_leader_may_be_secretary():
    seats = [Seat(kind=Kind.GRID_SECRETARY, person_id=1), Seat(kind=Kind.GRID_LEADER, person_id=1)]
    assert rules.grid_verdicts(seats, committee_member_ids=set())[0].severity == Severity.OK


def test_c8_building_one_leader():
    one = [Seat(kind=Kind.GROUP_LEADER, person_id=1)]
    assert rules.building_verdicts(one, household_head_ids={1})[0].severity == Severity.OK
    assert rules.building_verdicts(one, household_head_ids=set())[0].severity == Severity.WARN
    two = one + [Seat(kind=Kind.GROUP_LEADER, person_id=2)]
    assert rules.building_verdicts(two, household_head_ids={1, 2})[0].severity == Severity.BLOCK


@pytest.mark.parametrize(
    ("kind", "counts"),
    [
        (Kind.SECRETARY, True),
        (Kind.FULLTIME_DEPUTY, True),
        (Kind.FULLTIME_MEMBER, True),
        (Kind.PARTTIME_DEPUTY, False),
        (Kind.PARTTIME_MEMBER, False),
        (Kind.GRID_MEMBER, False),
        (Kind.GROUP_LEADER, False),
    ],
)
def test_c9_part_time_posts_do_not_take_a_leadership_seat(kind, counts):
    assert rules.counts_against_quota(kind) is counts


def test_new_failures_only_counts_rules_the_change_breaks():
    eight, nine, twelve = committee(8), committee(9), committee(12)
    assert (
        rules.new_failures(rules.committee_verdicts(committee(7)), rules.committee_verdicts(eight))
        == []
    )
    assert [
        v.rule
        for v in rules.new_failures(
            rules.committee_verdicts(nine), rules.committee_verdicts(twelve)
        )
    ] == ["C1"]


@pytest.mark.parametrize(
    ("parent", "child", "ok"),
    [
        (None, rules.DISTRICT, True),
        (None, rules.STREET, False),
        (rules.DISTRICT, rules.STREET, True),
        (rules.DISTRICT, rules.COMMITTEE, False),
        (rules.STREET, rules.GRID, False),
        (rules.COMMITTEE, rules.GRID, True),
        (rules.BUILDING, rules.HOUSEHOLD, True),
        (rules.HOUSEHOLD, 7, False),
        (rules.GRID, rules.GRID, False),
    ],
)
def test_a_child_is_exactly_one_level_below(parent, child, ok):
    assert (rules.child_level_problem(parent, child) is None) is ok


def test_level_skipping_message_names_the_levels():
    message = rules.child_level_problem(rules.STREET, rules.GRID)
    assert "2" in message and "3" in message and "4" in message


def test_a_rule_failing_another_way_is_a_new_failure():
    none = rules.grid_verdicts([], committee_member_ids=set())  # no secretary: BLOCK
    outsider = rules.grid_verdicts([Seat(kind=Kind.GRID_SECRETARY, person_id=9)], set())  # WARN
    assert [v.rule for v in rules.new_failures(none, outsider)] == ["C7"]
