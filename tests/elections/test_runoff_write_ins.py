"""B6 with a written-in name: tied for the last seat, it goes onto the run-off's ballot.

对票数相等的被选举人再次投票 makes no difference between nominees and names written in
(另选他人): the run-off lists both, on paper, on the kiosk and in the count, and a written-in
name that wins it is matched to a party member before the founding, as any written-in winner.

13 are due and all check in (builders.to_meeting): more than half is 7 votes (B4). Deputies:
2 seats, nominees a, b, c, d.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from elections import actions, documents
from elections.models import Category, Filing, Round, RoundState, Stage
from elections.selectors import ballot_candidates
from elections.selectors.filing import report
from elections.strokes import in_stroke_order
from elections.tally import write_in
from organizations import actions as org_actions
from organizations.models import Post, PostKind, PostSource, Role
from tests.elections.builders import to_meeting
from tests.elections.test_documents import pdf_text
from tests.factories import MemberFactory
from tests.organizations.web import log_in

pytestmark = pytest.mark.django_db

WRITTEN = write_in("周写入")
FOUNDED_ON = datetime.date(2026, 12, 1)


def key(mark) -> str:
    return mark if isinstance(mark, str) else str(mark.pk)


def vote(s, round_: Round, ballots: list[list]) -> None:
    """One kiosk ballot per checked-in voter, the i-th voter casting `ballots[i]`."""
    entries = list(s.election.roll.filter(checked_in=True).order_by("pk"))
    assert len(ballots) == len(entries) == 13
    for entry, marks in zip(entries, ballots, strict=True):
        code = actions.vote_code_issue(actor=None, round_=round_, entry=entry)
        actions.vote_cast(round_id=round_.pk, code=code, marks=[key(m) for m in marks])


def count(s, round_: Round) -> Round:
    actions.round_close(actor=None, round_=round_)
    actions.round_sign_off(actor=s.chief, round_=round_)
    round_.refresh_from_db()
    return round_


def deputies_round(s, number: int) -> Round:
    return s.election.rounds.get(category=Category.PARTTIME_DEPUTY, number=number)


def opened(scene):
    to_meeting(scene)
    rounds = actions.meeting_open(actor=None, election=scene.election)
    scene.rounds = {r.category: r for r in rounds}
    return scene


@pytest.fixture
def tied(scene):
    """a 9 is elected; b and 周写入 tie with 8 each for the last seat: round 2 is their run-off."""
    s = opened(scene)
    a, b = s.deputies[:2]
    first = s.rounds[Category.PARTTIME_DEPUTY]
    vote(s, first, [[a, b]] * 4 + [[a, WRITTEN]] * 4 + [[b, WRITTEN]] * 4 + [[a]])
    s.first = count(s, first)
    s.runoff = deputies_round(s, 2)
    return s


# ---------------------------------------------------------------------------------------------
# Signing off a tie with a written-in name opens a run-off that lists it


def test_a_written_in_name_tied_for_the_last_seat_is_on_the_runoff(tied):
    a, b = tied.deputies[:2]
    assert tied.first.state == RoundState.SIGNED_OFF
    assert tied.first.result["elected"] == [str(a.pk)]
    assert set(tied.first.result["runoff"]) == {str(b.pk), WRITTEN}
    runoff = tied.runoff
    assert runoff.runoff and runoff.state == RoundState.OPEN and runoff.seats == 1
    assert list(runoff.candidates.all()) == [b]
    assert runoff.write_ins == [WRITTEN]
    on_ballot = [n.nominee.name for n in ballot_candidates(runoff)]
    assert on_ballot == in_stroke_order([b.nominee.name, "周写入"])
    tied.election.refresh_from_db()
    assert tied.election.stage == Stage.MEETING  # a round is open: not counted yet


def test_a_tie_exactly_at_the_threshold_goes_to_the_runoff_too(scene):
    s = opened(scene)
    a, b = s.deputies[:2]
    first = s.rounds[Category.PARTTIME_DEPUTY]
    # a 10, b 7, 周写入 7: 7 is more than half of 13 (B4), so both passed and they tie.
    vote(s, first, [[a, b]] * 4 + [[a, WRITTEN]] * 4 + [[b, WRITTEN]] * 3 + [[a]] * 2)
    first = count(s, first)
    assert first.result["threshold"] == 7 and first.result["runoff_seats"] == 1
    runoff = deputies_round(s, 2)
    assert runoff.runoff and runoff.write_ins == [WRITTEN] and list(runoff.candidates.all()) == [b]


def test_a_tie_below_the_threshold_is_no_runoff_and_the_written_in_name_drops(scene):
    s = opened(scene)
    a, b = s.deputies[:2]
    first = s.rounds[Category.PARTTIME_DEPUTY]
    # a 10, b 6, 周写入 6: neither reaches 7; one seat is left for another round (B7).
    vote(s, first, [[a, b]] * 3 + [[a, WRITTEN]] * 3 + [[b, WRITTEN]] * 3 + [[a]] * 4)
    first = count(s, first)
    assert first.result["runoff"] == [] and first.result["seats_left"] == 1
    second = deputies_round(s, 2)
    assert not second.runoff and second.write_ins == []
    assert set(second.candidates.all()) == set(s.deputies[1:])


def test_only_written_in_names_tied_make_a_runoff_without_nominees(scene):
    s = opened(scene)
    a = s.deputies[0]
    other = write_in("吴另选")
    first = s.rounds[Category.PARTTIME_DEPUTY]
    vote(s, first, [[a, WRITTEN]] * 4 + [[a, other]] * 4 + [[WRITTEN, other]] * 4 + [[a]])
    count(s, first)
    runoff = deputies_round(s, 2)
    assert runoff.runoff and not runoff.candidates.exists()
    assert sorted(runoff.write_ins) == sorted([WRITTEN, other])
    vote(s, runoff, [[other]] * 7 + [[WRITTEN]] * 6)
    assert count(s, runoff).result["elected"] == [other]
    assert actions.write_in_winners(s.election) == [(Category.PARTTIME_DEPUTY, other)]


# ---------------------------------------------------------------------------------------------
# The run-off's outcome


def test_the_written_in_name_wins_the_runoff_and_is_a_write_in_winner(tied):
    b = tied.deputies[1]
    vote(tied, tied.runoff, [[WRITTEN]] * 7 + [[b]] * 5 + [[]])
    runoff = count(tied, tied.runoff)
    assert runoff.result["threshold"] == 0  # the most votes win
    assert runoff.result["elected"] == [WRITTEN]
    assert actions.write_in_winners(tied.election) == [(Category.PARTTIME_DEPUTY, WRITTEN)]
    assert actions.elected(tied.election)[Category.PARTTIME_DEPUTY] == [tied.deputies[0]]
    assert not tied.election.rounds.filter(category=Category.PARTTIME_DEPUTY, number=3).exists()


def test_the_nominee_wins_the_runoff_by_one_vote(tied):
    a, b = tied.deputies[:2]
    vote(tied, tied.runoff, [[b]] * 7 + [[WRITTEN]] * 6)
    assert count(tied, tied.runoff).result["elected"] == [str(b.pk)]
    assert actions.elected(tied.election)[Category.PARTTIME_DEPUTY] == [a, b]
    assert actions.write_in_winners(tied.election) == []


def test_a_new_name_written_in_on_the_runoff_cannot_win_it(tied):
    b = tied.deputies[1]
    vote(tied, tied.runoff, [[write_in("郑新人")]] * 10 + [[WRITTEN]] * 2 + [[b]])
    runoff = count(tied, tied.runoff)
    assert runoff.result["elected"] == [WRITTEN]
    assert runoff.result["votes"][0] == ["write-in:郑新人", 10]


def test_a_runoff_that_ties_again_is_voted_again_among_the_same(tied):
    b = tied.deputies[1]
    vote(tied, tied.runoff, [[WRITTEN]] * 6 + [[b]] * 6 + [[]])
    runoff = count(tied, tied.runoff)
    assert runoff.result["elected"] == [] and runoff.result["runoff_seats"] == 1
    again = deputies_round(tied, 3)
    assert again.runoff and again.seats == 1 and again.state == RoundState.OPEN
    assert list(again.candidates.all()) == [b] and again.write_ins == [WRITTEN]
    vote(tied, again, [[WRITTEN]] * 7 + [[b]] * 6)
    assert count(tied, again).result["elected"] == [WRITTEN]
    assert actions.write_in_winners(tied.election) == [(Category.PARTTIME_DEPUTY, WRITTEN)]


def test_a_void_runoff_is_voted_again_as_a_runoff_with_the_written_in_name(tied):
    runoff, b = tied.runoff, tied.deputies[1]
    actions.paper_issue(actor=None, round_=runoff, issued=0)
    for user, slot in ((tied.chief, 1), (tied.second, 2)):  # one sheet back, none handed out
        actions.paper_enter(actor=user, round_=runoff, sheet=1, slot=slot, marks=[WRITTEN])
    runoff = count(tied, runoff)
    assert runoff.state == RoundState.VOID and runoff.result["void"]
    again = deputies_round(tied, 3)
    assert again.runoff and again.seats == 1 and again.state == RoundState.OPEN
    assert list(again.candidates.all()) == [b] and again.write_ins == [WRITTEN]
    # Still a run-off: the most votes win, with no threshold (4 is far below 7).
    vote(tied, again, [[WRITTEN]] * 4 + [[b]] * 3 + [[]] * 6)
    assert count(tied, again).result["elected"] == [WRITTEN]


def test_a_void_first_round_is_voted_again_as_it_was(scene):
    s = opened(scene)
    first = s.rounds[Category.PARTTIME_DEPUTY]
    actions.paper_issue(actor=None, round_=first, issued=0)
    for user, slot in ((s.chief, 1), (s.second, 2)):
        actions.paper_enter(actor=user, round_=first, sheet=1, slot=slot, marks=[WRITTEN])
    count(s, first)
    again = deputies_round(s, 2)
    assert not again.runoff and again.write_ins == [] and again.seats == 2
    assert set(again.candidates.all()) == set(s.deputies)


# ---------------------------------------------------------------------------------------------
# The written-in winner of the run-off is matched before the founding


def test_the_runoff_winner_must_be_matched_before_the_founding(tied):
    s = tied
    vote(s, s.runoff, [[WRITTEN]] * 7 + [[s.deputies[1]]] * 6)
    count(s, s.runoff)
    members = s.rounds[Category.MEMBER]
    vote(s, members, [s.candidates[:3]] * 13)
    count(s, members)
    s.election.refresh_from_db()
    assert s.election.stage == Stage.COUNTED
    filing = actions.result_file(actor=None, election=s.election)
    actions.filing_decide(actor=None, filing=filing, approve=True)
    district = Filing.objects.get(election=s.election, addressee=s.tree.district)
    actions.filing_decide(actor=None, filing=district, approve=True)
    s.election.refresh_from_db()
    assert actions.write_ins_unmatched(s.election) == [(Category.PARTTIME_DEPUTY, WRITTEN)]
    with pytest.raises(ValidationError, match="周写入"):
        actions.founding_record(actor=None, election=s.election, held_on=FOUNDED_ON)

    person = MemberFactory(node=s.tree.building, name="周写入")
    actions.write_in_match(
        actor=None,
        election=s.election,
        category=Category.PARTTIME_DEPUTY,
        key=WRITTEN,
        person=person,
    )
    actions.founding_record(actor=None, election=s.election, held_on=FOUNDED_ON)
    post = Post.objects.get(person=person)
    assert post.kind == PostKind.PARTTIME_DEPUTY and post.source == PostSource.ELECTED
    deputies = Post.objects.filter(
        node=s.tree.committee, kind=PostKind.PARTTIME_DEPUTY, ended_on__isnull=True
    )
    assert {p.person_id for p in deputies} == {s.deputies[0].nominee_id, person.pk}


# ---------------------------------------------------------------------------------------------
# Every place that lists the run-off's candidates lists the written-in name


def test_the_runoff_ballot_pdf_prints_the_written_in_name(tied, tmp_path):
    text = pdf_text(documents.render_ballots(tied.runoff, copies=1), tmp_path)
    assert "周写入" in text and tied.deputies[1].nominee.name in text
    assert "候选人2名，应选1名" in text
    assert "另选他人姓名" not in text  # a run-off is among the tied only
    assert tied.deputies[0].nominee.name not in text


def test_the_kiosk_shows_the_written_in_name_and_a_vote_for_it_counts(tied):
    entry = tied.election.roll.filter(checked_in=True).first()
    code = actions.vote_code_issue(actor=None, round_=tied.runoff, entry=entry)
    kiosk = reverse("elections:kiosk", args=[tied.election.public_id])
    voter = Client()
    ballot = voter.post(kiosk, {"code": code})
    form = ballot.context["ballot"]
    assert [key(n) for n, _field in form.candidate_rows()] == [
        key(n) for n in ballot_candidates(tied.runoff)
    ]
    assert "周写入" in ballot.content.decode()
    assert ballot.context["candidate_count"] == 2
    response = voter.post(kiosk, {"code": code, "cast": "1", f"c{WRITTEN}": "for"})
    assert response.status_code == 302
    (stored,) = tied.runoff.ballots.all()
    assert stored.marks == [WRITTEN]


def test_the_kiosk_offers_no_other_person_rows_in_a_runoff(tied):
    """As the printed run-off ballot: only the tied are on it (B6), nobody can be written in."""
    entry = tied.election.roll.filter(checked_in=True).first()
    code = actions.vote_code_issue(actor=None, round_=tied.runoff, entry=entry)
    kiosk = reverse("elections:kiosk", args=[tied.election.public_id])
    voter = Client()
    ballot = voter.post(kiosk, {"code": code})
    assert ballot.context["ballot"].write_in_rows() == []
    assert "write_in_1" not in ballot.content.decode()
    data = {"code": code, "cast": "1", f"c{WRITTEN}": "for", "write_in_1": "周 写入"}
    data["write_in_1_for"] = "on"
    assert voter.post(kiosk, data).status_code == 302
    (stored,) = tied.runoff.ballots.all()
    assert stored.marks == [WRITTEN]


def test_paper_entry_lists_the_written_in_name_with_the_nominees(tied):
    s, b = tied, tied.deputies[1]
    paper = reverse("elections:round_paper", args=[s.runoff.pk])
    chief, second = teller(s, s.chief), teller(s, s.second)
    form = chief.get(paper).context["form"]
    assert dict(form.fields["marked"].choices) == {
        str(b.pk): b.nominee.name,
        WRITTEN: "周写入",
    }
    chief.post(paper, {"sheet": 1, "slot": 1, "marked": [WRITTEN]})
    second.post(paper, {"sheet": 1, "slot": 2, "marked": [str(b.pk)]})
    page = chief.get(paper)
    assert page.context["mismatch_numbers"] == [1]
    ((sheet, entries),) = page.context["mismatches"]
    assert [e["marks"] for e in entries] == [["周写入"], [b.nominee.name]]
    correcting = chief.get(paper, {"correct": 1}).context["form"]
    assert correcting.initial["marked"] == [WRITTEN]
    assert "write_in_1" not in correcting.initial
    chief.post(paper, {"sheet": 1, "slot": 1, "marked": [str(b.pk)], "correct": "True"})
    assert s.runoff.paper_entries.get(slot=1).marks == [str(b.pk)]


def teller(s, user) -> Client:
    org_actions.role_grant(actor=None, user=user, node=s.tree.committee, role=Role.PARTY_MEMBER)
    return log_in(Client(), user)


def test_the_tally_pages_name_the_written_in_name(tied, role_user):
    secretary = log_in(Client(), role_user(Role.COMMUNITY_SECRETARY, tied.tree.committee))
    first = secretary.get(reverse("elections:round_tally", args=[tied.first.pk]))
    rows = {row.name: row for row in first.context["rows"]}
    assert rows["周写入"].written_in and rows["周写入"].runoff and rows["周写入"].votes == 8
    vote(tied, tied.runoff, [[WRITTEN]] * 7 + [[tied.deputies[1]]] * 6)
    count(tied, tied.runoff)
    second = secretary.get(reverse("elections:round_tally", args=[tied.runoff.pk]))
    rows = {row.name: row for row in second.context["rows"]}
    assert rows["周写入"].elected and rows["周写入"].votes == 7
    assert not rows[tied.deputies[1].nominee.name].elected


def test_the_result_report_names_the_written_in_winner_and_then_who_it_is(tied, tmp_path):
    s = tied
    vote(s, s.runoff, [[WRITTEN]] * 7 + [[s.deputies[1]]] * 6)
    count(s, s.runoff)
    members = s.rounds[Category.MEMBER]
    vote(s, members, [s.candidates[:3]] * 13)
    count(s, members)
    filing = actions.result_file(actor=None, election=s.election)
    text = pdf_text(documents.render_result_report(filing), tmp_path)
    elected_line = next(line for line in text.splitlines() if "当选为" in line)
    assert "周写入" in elected_line and s.deputies[0].nominee.name in elected_line
    person = MemberFactory(node=s.tree.building, name="周写入", gender="F")
    actions.write_in_match(
        actor=None,
        election=s.election,
        category=Category.PARTTIME_DEPUTY,
        key=WRITTEN,
        person=person,
    )
    (written,) = [n for n in report(filing).roster if n.nominee.name == "周写入"]
    assert written.nominee == person and written.category == Category.PARTTIME_DEPUTY
