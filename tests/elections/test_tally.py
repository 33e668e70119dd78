"""The tally (B2–B7) on examples at the edges, and its properties under hypothesis."""

from itertools import combinations
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elections.tally import Result, tally, write_in

A, B, C, D, E = 1, 2, 3, 4, 5


def count(ballots, candidates=(A, B, C, D), seats=2, due=10, issued=None, **kw) -> Result:
    ballots = list(ballots)
    return tally(
        ballots, list(candidates), seats, due, len(ballots) if issued is None else issued, **kw
    )


# Examples ------------------------------------------------------------------------------------


def test_a_plain_round():
    result = count([{A, B}] * 6 + [{C}] * 4, seats=2, due=10)
    assert (result.returned, result.valid, result.invalid, result.void) == (10, 10, 0, False)
    assert result.votes == ((A, 6), (B, 6), (C, 4), (D, 0))
    assert result.elected == (A, B)
    assert result.seats_left == 0 and not result.another_round_needed


def test_b2_blank_ballot_is_valid_and_counts_nothing():
    result = count([set(), {A}], due=2)
    assert (result.valid, result.invalid) == (2, 0)
    assert result.votes_for(A) == 1


def test_b2_seats_plus_one_marks_is_invalid_and_not_counted():
    result = count([{A, B, C}, {A}], seats=2, due=2)
    assert (result.valid, result.invalid) == (1, 1)
    assert result.votes_for(B) == 0 and result.votes_for(A) == 1


def test_b2_write_ins_count_as_marks():
    result = count([{A, B, write_in("张三")}], seats=2, due=1)
    assert result.invalid == 1


def test_b3_more_returned_than_issued_is_void_but_still_reported():
    result = count([{A}] * 6, issued=5, due=6)
    assert result.void and result.revote_needed
    assert result.elected == () and result.runoff == ()
    assert result.votes_for(A) == 6 and result.valid == 6
    assert result.seats_left == 2 and not result.another_round_needed


def test_b3_as_many_returned_as_issued_stands():
    assert not count([{A}] * 6, issued=6, due=6).void


def test_b4_exactly_half_of_due_does_not_elect():
    result = count([{A}] * 5 + [{B}] * 5, due=10)
    assert result.threshold == 6
    assert result.elected == ()
    assert result.seats_left == 2 and result.another_round_needed


def test_b4_is_measured_against_due_not_present():
    # 6 of 10 ballots back; 6 votes is more than half of the 10 due
    assert count([{A}] * 6, due=10, issued=6).elected == (A,)
    assert count([{A}] * 5, due=10, issued=5).elected == ()


def test_b5_more_over_the_threshold_than_seats_go_in_vote_order():
    ballots = [{A, B}] * 6 + [{A, C}] * 5 + [{B, C}] * 2
    result = count(ballots, seats=2, due=13)
    # A 11, B 8, C 7: all pass the threshold of 7; two seats
    assert result.threshold == 7
    assert result.elected == (A, B) and result.runoff == ()


def test_b6_tie_for_the_last_seat_goes_to_a_runoff():
    ballots = [{A, B}] * 3 + [{A, C}] * 3
    result = count(ballots, seats=2, due=5)
    # A 6, B 3, C 3: A elected; B and C tie for the second seat
    assert result.elected == (A,)
    assert result.runoff == (B, C) and result.runoff_seats == 1
    assert result.seats_left == 0 and result.runoff_needed


def test_b6_tie_inside_the_seats_needs_no_runoff():
    result = count([{A, B}] * 6, seats=2, due=10)
    assert result.elected == (A, B) and result.runoff == ()


def test_b6_tie_for_all_seats_sends_everyone_tied_to_the_runoff():
    result = count([{A, B}] * 3 + [{A, C}] * 3 + [{B, C}] * 3, seats=2, due=9)
    # 6 votes each, all over the threshold of 5, three for two seats
    assert result.elected == () and result.runoff == (A, B, C) and result.runoff_seats == 2


def test_b6_a_runoff_round_is_won_by_most_votes():
    result = count([{B}] * 2 + [{C}] * 1, candidates=(B, C), seats=1, due=10, runoff=True)
    assert result.elected == (B,)


def test_b6_a_runoff_round_ignores_write_ins_as_winners():
    result = count(
        [{write_in("张三")}] * 3 + [{B}], candidates=(B, C), seats=1, due=10, runoff=True
    )
    assert result.elected == (B,)
    assert result.votes_for(write_in("张三")) == 3


def test_b6_a_written_in_name_tied_for_the_last_seat_goes_to_the_runoff():
    zhang = write_in("张三")
    result = count([{A, B}] * 4 + [{A, zhang}] * 4 + [{B, zhang}] * 4 + [{A}], seats=2, due=13)
    assert result.elected == (A,) and set(result.runoff) == {B, zhang}
    assert result.runoff_seats == 1


def test_b6_a_written_in_name_listed_on_the_runoff_can_win_it():
    zhang = write_in("张三")
    ballots = [{zhang}] * 3 + [{B}] * 2 + [{write_in("李四")}] * 9
    result = count(ballots, candidates=(B, zhang), seats=1, due=13, runoff=True)
    assert result.elected == (zhang,)  # 李四 has the most votes but is not on the run-off
    assert [key for key, _ in result.votes] == ["write-in:李四", zhang, B]


def test_b6_a_written_in_name_on_the_runoff_by_another_spelling_is_the_same_name():
    zhang = write_in("张三")
    result = count([{"write-in: 张 三"}] * 2 + [{B}], candidates=(B, zhang), seats=1, runoff=True)
    assert result.elected == (zhang,) and result.votes_for(zhang) == 2


def test_b6_a_runoff_among_written_in_names_that_ties_again():
    zhang, li = write_in("张三"), write_in("李四")
    result = count([{zhang}, {li}], candidates=(zhang, li), seats=1, due=13, runoff=True)
    assert result.elected == () and result.runoff == (zhang, li) and result.runoff_seats == 1


def test_only_a_runoff_lists_written_in_names_and_as_ballots_record_them():
    with pytest.raises(ValueError, match="run-off"):
        count([], candidates=(B, write_in("张三")), seats=1)
    for bad in ("write-in:张 三", "write-in:"):
        with pytest.raises(ValueError, match="written-in name"):
            count([], candidates=(B, bad), seats=1, runoff=True)


def test_b7_fewer_elected_than_seats_leaves_seats_for_another_round():
    result = count([{A}] * 6 + [{B}] * 4, seats=2, due=10)
    assert result.elected == (A,)
    assert result.seats_left == 1 and result.another_round_needed


def test_write_ins_are_counted_and_can_be_elected():
    result = count([{write_in("张三")}] * 6 + [{write_in(" 张 三 ")}], seats=1, due=10)
    assert result.votes_for("write-in:张三") == 7
    assert result.elected == ("write-in:张三",)


def test_a_write_in_row_marked_without_a_name_is_no_mark():
    result = count([{A, B, "write-in:  "}], seats=2, due=1)
    assert result.valid == 1


def test_unknown_candidate_is_refused():
    with pytest.raises(ValueError):
        count([{A, 99}])


def test_listing_ties_follow_ballot_order_then_write_ins_by_strokes():
    result = count([{D, write_in("王五"), write_in("丁一")}], candidates=(D, C), seats=3, due=1)
    assert [key for key, _ in result.votes] == [D, "write-in:丁一", "write-in:王五", C]


def test_a_caller_supplied_order_breaks_ties():
    result = count([{A, B}], seats=2, due=1, order=lambda key: -key if isinstance(key, int) else 0)
    assert [key for key, _ in result.votes][:2] == [B, A]


def test_as_dict_is_json_ready():
    import json

    result = count([{A, write_in("张三")}], due=1)
    assert json.loads(json.dumps(result.as_dict(), ensure_ascii=False)) == result.as_dict()


def test_a_replay_gives_the_same_result():
    ballots = [{A, B}] * 6 + [{C}] * 4
    assert count(ballots) == count(list(reversed(ballots)))


# Properties ----------------------------------------------------------------------------------

CANDIDATES = [10, 11, 12, 13, 14, 15]
WRITE_INS = [write_in("张三"), write_in("李四")]


@st.composite
def rounds(draw):
    """A round where voters mostly repeat a few patterns, so winners and ties are common."""
    candidates = draw(st.lists(st.sampled_from(CANDIDATES), min_size=1, max_size=6, unique=True))
    seats = draw(st.integers(1, len(candidates)))
    ballot = st.frozensets(st.sampled_from(candidates + WRITE_INS), max_size=seats + 1)
    patterns = draw(st.lists(ballot, min_size=1, max_size=3))
    ballots = draw(st.lists(st.sampled_from(patterns) | ballot, max_size=40))
    # due below the ballots is unrealistic, but lowers the threshold so ties over it are common
    due = draw(st.integers(0, len(ballots) + 3))
    issued = max(0, len(ballots) + draw(st.sampled_from([0, 2, -1])))  # -1: void (B3)
    return ballots, candidates, seats, due, issued


@st.composite
def tied_rounds(draw):
    """A round built to end in a run-off: leaders, then a group tied for the last seats.

    Every ballot marks all leaders and `left` of the tied group, each such subset equally often,
    so the tied all get the same votes and the leaders more; a few stray ballots follow.
    """
    leaders = CANDIDATES[: draw(st.integers(0, 2))]
    left = draw(st.integers(1, 2))
    tied = CANDIDATES[len(leaders) : len(leaders) + left + draw(st.integers(1, 2))]
    candidates = leaders + tied + CANDIDATES[len(leaders) + len(tied) :][:1]
    seats = len(leaders) + left
    repeat = draw(st.integers(1, 3))
    ballots = [frozenset(leaders + list(pick)) for pick in combinations(tied, left)] * repeat
    tied_votes = repeat * comb(len(tied) - 1, left - 1)
    ballots += draw(
        st.lists(st.frozensets(st.sampled_from(candidates), max_size=seats + 1), max_size=2)
    )
    due = draw(st.integers(0, 2 * tied_votes - 1))
    return ballots, candidates, seats, due, len(ballots)


ROUNDS = st.one_of(rounds(), tied_rounds())


@given(ROUNDS)
@settings(max_examples=300)
def test_votes_add_up(round_):
    ballots, candidates, seats, due, issued = round_
    result = tally(ballots, candidates, seats, due, issued)
    marks_on_valid = sum(len(b) for b in ballots if len(b) <= seats)
    assert sum(n for _, n in result.votes) == marks_on_valid
    assert result.valid + result.invalid == result.returned == len(ballots)


@given(ROUNDS, st.randoms(use_true_random=False))
@settings(max_examples=300)
def test_ballot_order_does_not_change_the_result(round_, rnd):
    ballots, candidates, seats, due, issued = round_
    shuffled = ballots[:]
    rnd.shuffle(shuffled)
    assert tally(shuffled, candidates, seats, due, issued) == tally(
        ballots, candidates, seats, due, issued
    )


@given(ROUNDS)
@settings(max_examples=300)
def test_winners_runoff_and_seats_left(round_):
    ballots, candidates, seats, due, issued = round_
    result = tally(ballots, candidates, seats, due, issued)
    assert len(result.elected) <= seats
    assert all(result.votes_for(key) * 2 > due for key in result.elected)
    assert len({result.votes_for(key) for key in result.runoff}) <= 1
    assert len(result.elected) + result.runoff_seats + result.seats_left == seats
    assert result.seats_left >= 0
    if result.runoff:
        assert len(result.runoff) > result.runoff_seats > 0
        assert all(result.votes_for(key) * 2 > due for key in result.runoff)
        tied = result.votes_for(result.runoff[0])
        assert all(result.votes_for(key) > tied for key in result.elected)
    if result.void:
        assert result.elected == () and result.runoff == ()


@given(ROUNDS)
@settings(max_examples=200)
def test_nobody_over_the_threshold_is_left_out_without_a_reason(round_):
    ballots, candidates, seats, due, issued = round_
    result = tally(ballots, candidates, seats, due, issued)
    passing = [key for key, n in result.votes if n * 2 > due]
    if not result.void and len(passing) <= seats:
        assert set(result.elected) == set(passing)


def test_no_seats_elects_nobody_and_every_mark_is_invalid():
    result = count([{A}, set()], seats=0, due=2)
    assert (result.valid, result.invalid) == (1, 1)
    assert result.elected == () and result.seats_left == 0


def test_ballots_may_come_from_a_generator():
    result = tally((frozenset({A}) for _ in range(6)), [A, B], 1, 10, 6)
    assert result.returned == 6 and result.elected == (A,)


@given(ROUNDS, st.data())
@settings(max_examples=200)
def test_a_runoff_of_the_tied_elects_among_them_only(round_, data):
    """B6: whatever the run-off's ballots, only the tied (nominees and names written in) win,
    and its seats are either filled or held for another run-off among fewer or as many."""
    ballots, candidates, seats, due, issued = round_
    first = tally(ballots, candidates, seats, due, issued)
    if not first.runoff:
        return
    tied, seats = list(first.runoff), first.runoff_seats
    ballot = st.frozensets(st.sampled_from(tied + [write_in("王五")]), max_size=seats + 1)
    runoff_ballots = data.draw(st.lists(ballot, max_size=30))
    result = tally(runoff_ballots, tied, seats, due, len(runoff_ballots), runoff=True)
    assert set(result.elected) | set(result.runoff) <= set(tied)
    assert len(result.elected) + result.runoff_seats == seats and result.seats_left == 0
