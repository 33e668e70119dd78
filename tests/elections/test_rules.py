"""Election rules R1–R3, B1–B4, B8 and joint nomination at their edges (docs/domain.md §4)."""

import pytest

from elections import rules


def test_the_settings_carry_every_policy_number(settings):
    assert set(getattr(settings, "DAJIWEI_ELECTIONS", rules.DEFAULTS)) >= set(rules.DEFAULTS)


def test_without_the_setting_the_documented_defaults_apply(settings):
    if hasattr(settings, "DAJIWEI_ELECTIONS"):
        del settings.DAJIWEI_ELECTIONS
    assert rules.policy("candidate_ratio") == 2
    assert rules.representatives_needed(47) == 10
    assert rules.co_signer_problem(4) is not None


# R1 ------------------------------------------------------------------------------------------


def test_r1_exactly_two_to_one_passes():
    assert rules.candidate_shortfall("委员", qualified=8, seats=4) is None


def test_r1_one_fewer_fails_with_the_numbers():
    message = rules.candidate_shortfall("委员", qualified=7, seats=4)
    assert message is not None
    assert "委员" in message and "8" in message and "7" in message


def test_r1_more_than_two_to_one_passes():
    assert rules.candidate_shortfall("兼职副书记", qualified=5, seats=2) is None


def test_r1_follows_the_setting(settings):
    settings.DAJIWEI_ELECTIONS = {**rules.DEFAULTS, "candidate_ratio": 3}
    assert rules.candidates_needed(2) == 6
    assert rules.candidate_shortfall("委员", qualified=5, seats=2) is not None


# R2, R3 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "needed"), [(0, 0), (1, 1), (5, 1), (6, 2), (47, 10), (50, 10), (51, 11)]
)
def test_r2_twenty_percent_rounded_up(members, needed):
    assert rules.representatives_needed(members) == needed


def test_r2_r3_enough_representatives_pass():
    assert (
        rules.representative_problems(47, representatives=10, in_service_representatives=10) == []
    )


def test_r2_one_representative_short_names_the_numbers():
    problems = rules.representative_problems(60, representatives=11, in_service_representatives=10)
    assert len(problems) == 1
    assert "60" in problems[0] and "12" in problems[0] and "11" in problems[0]


def test_r2_47_members_need_10_representatives():
    assert (
        rules.representative_problems(47, representatives=10, in_service_representatives=10) == []
    )
    assert len(rules.representative_problems(47, 9, 9)) == 2  # R2 and R3 both short


def test_r3_nine_in_service_representatives_fail():
    problems = rules.representative_problems(100, representatives=20, in_service_representatives=9)
    assert len(problems) == 1
    assert "10" in problems[0] and "9" in problems[0]


def test_r2_and_r3_both_reported():
    problems = rules.representative_problems(100, representatives=19, in_service_representatives=3)
    assert len(problems) == 2


def test_r2_more_in_service_than_representatives_is_a_bug():
    with pytest.raises(ValueError):
        rules.representative_problems(50, representatives=10, in_service_representatives=11)


# B1 ------------------------------------------------------------------------------------------


def test_b1_exactly_four_fifths_is_not_a_quorum():
    assert not rules.has_quorum(due=50, present=40)
    message = rules.quorum_problem(due=50, present=40)
    assert message is not None
    assert "50" in message and "41" in message and "40" in message


def test_b1_one_more_than_four_fifths_is_a_quorum():
    assert rules.has_quorum(due=50, present=41)
    assert rules.quorum_problem(due=50, present=41) is None
    assert rules.quorum_needed(50) == 41


@pytest.mark.parametrize(("due", "needed"), [(1, 1), (5, 5), (6, 5), (10, 9), (47, 38)])
def test_b1_quorum_needed_is_the_edge(due, needed):
    assert rules.quorum_needed(due) == needed
    assert rules.has_quorum(due, needed)
    assert not rules.has_quorum(due, needed - 1)


def test_b1_more_present_than_due_is_refused():
    assert rules.quorum_problem(due=50, present=51) is not None


# B2, B3 --------------------------------------------------------------------------------------


def test_b2_blank_ballot_is_valid():
    assert rules.ballot_is_valid(0, seats=7)


def test_b2_as_many_marks_as_seats_is_valid():
    assert rules.ballot_is_valid(7, seats=7)
    assert rules.ballot_problem(7, seats=7) is None


def test_b2_one_mark_more_than_seats_is_invalid():
    assert not rules.ballot_is_valid(8, seats=7)
    message = rules.ballot_problem(8, seats=7)
    assert message is not None
    assert "7" in message and "8" in message


def test_b3_as_many_returned_as_issued_stands():
    assert not rules.round_is_void(issued=45, returned=45)
    assert rules.round_problem(issued=45, returned=45) is None


def test_b3_more_returned_than_issued_is_void():
    assert rules.round_is_void(issued=45, returned=46)
    message = rules.round_problem(issued=45, returned=46)
    assert "45" in message and "46" in message


def test_b3_fewer_returned_stands():
    assert not rules.round_is_void(issued=45, returned=40)


# B4 ------------------------------------------------------------------------------------------


def test_b4_exactly_half_does_not_elect():
    assert not rules.is_elected(25, due=50)


def test_b4_more_than_half_elects():
    assert rules.is_elected(26, due=50)
    assert rules.votes_needed(50) == 26


def test_b4_odd_due():
    assert rules.votes_needed(51) == 26
    assert rules.is_elected(26, due=51)
    assert not rules.is_elected(25, due=51)


# B8 and joint nomination ---------------------------------------------------------------------


def test_b8_tellers_who_are_not_candidates_pass():
    assert rules.teller_problem([1, 2], [3, 4, 5]) is None


def test_b8_a_teller_who_is_a_candidate_is_refused():
    assert rules.tellers_who_are_candidates([1, 2, 3], [3, 4, 2]) == {2, 3}
    message = rules.teller_problem([1, 2, 3], [3, 4, 2])
    assert message is not None and "2" in message


def test_joint_nomination_minimum_edge():
    assert rules.co_signer_problem(5) is None
    message = rules.co_signer_problem(4)
    assert message is not None and "5" in message and "4" in message


def test_joint_nomination_follows_the_setting(settings):
    settings.DAJIWEI_ELECTIONS = {**rules.DEFAULTS, "joint_nomination_min_signers": 10}
    assert rules.co_signer_problem(9) is not None
    assert rules.co_signer_problem(10) is None


def test_negative_counts_are_a_bug():
    with pytest.raises(ValueError):
        rules.candidate_shortfall("委员", qualified=-1, seats=2)
