"""An election from direct entry to founding, and every refusal on the way, through the actions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from elections import actions, chain, selectors
from elections.models import (
    Ballot,
    Category,
    ChainEvent,
    Filing,
    FilingState,
    Nomination,
    Participation,
    Review,
    RoundState,
    Stage,
    TellerRole,
)
from organizations import composition
from organizations.models import Post
from tests.elections.builders import nominate, to_meeting, to_nomination, to_publicity

pytestmark = pytest.mark.django_db


def test_a_nominee_twice_in_one_category_is_refused(scene):
    to_nomination(scene)
    nominate(scene, Category.MEMBER, [scene.members[3]])
    with pytest.raises(ValidationError, match=scene.members[3].name):
        nominate(scene, Category.MEMBER, [scene.members[3]])
    assert Nomination.objects.filter(nominee=scene.members[3]).count() == 1


def test_r1_blocks_the_review_with_the_numbers(scene):
    to_nomination(scene)
    deputies = nominate(scene, Category.PARTTIME_DEPUTY, scene.members[1:5])
    members = nominate(scene, Category.MEMBER, scene.members[5:11])
    actions.nominations_close(actor=None, election=scene.election)
    for n in deputies + members[:-1]:
        actions.nomination_review(actor=None, nomination=n, qualified=True)
    actions.nomination_review(
        actor=None, nomination=members[-1], qualified=False, reason="不符合条件"
    )
    with pytest.raises(ValidationError) as err:
        actions.review_close(actor=None, election=scene.election)
    message = " ".join(err.value.messages)
    assert "6" in message and "5" in message
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.REVIEW


def test_reopening_the_nominations_clears_an_r1_shortfall_and_keeps_the_reviews(scene):
    to_nomination(scene, seats={Category.PARTTIME_DEPUTY: 1, Category.MEMBER: 1})
    made = nominate(scene, Category.PARTTIME_DEPUTY, scene.members[1:3])
    made += nominate(scene, Category.MEMBER, scene.members[3:4])
    actions.nominations_close(actor=None, election=scene.election)
    for n in made:
        actions.nomination_review(actor=None, nomination=n, qualified=True)
    with pytest.raises(ValidationError):
        actions.review_close(actor=None, election=scene.election)

    actions.nominations_reopen(actor=None, election=scene.election)
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.NOMINATION
    (late,) = nominate(scene, Category.MEMBER, scene.members[4:5])
    actions.nominations_close(actor=None, election=scene.election)
    with pytest.raises(ValidationError, match="not been reviewed|未经资格审查"):
        actions.review_close(actor=None, election=scene.election)
    actions.nomination_review(actor=None, nomination=late, qualified=True)
    actions.review_close(actor=None, election=scene.election)
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.PUBLICITY
    assert scene.election.nominations.filter(review=Review.ACCEPTED).count() == 4
    assert scene.election.chain.filter(action="nomination.reopen").count() == 1


def test_the_nominations_reopen_only_from_the_review(scene):
    to_nomination(scene)
    with pytest.raises(ValidationError):
        actions.nominations_reopen(actor=None, election=scene.election)
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.NOMINATION
    assert not scene.election.chain.filter(action="nomination.reopen").exists()


def test_a_rejection_needs_a_reason(scene):
    to_nomination(scene)
    (nomination,) = nominate(scene, Category.MEMBER, [scene.members[3]])
    actions.nominations_close(actor=None, election=scene.election)
    with pytest.raises(ValidationError):
        actions.nomination_review(actor=None, nomination=nomination, qualified=False)
    assert Nomination.objects.get(pk=nomination.pk).review == Review.PENDING


def test_representatives_need_r2_and_r3(scene):
    to_publicity(scene)
    with pytest.raises(ValidationError) as err:  # 9 of 50: 20 % needs 10
        actions.representatives_set(
            actor=None, election=scene.election, people=scene.members[15:24]
        )
    assert "10" in " ".join(err.value.messages)
    residents = scene.members[30:40]  # 10, but none in service
    with pytest.raises(ValidationError):
        actions.representatives_set(actor=None, election=scene.election, people=residents)
    actions.representatives_set(actor=None, election=scene.election, people=scene.members[15:25])


def test_a_candidate_cannot_be_a_teller(scene):
    to_publicity(scene)
    with pytest.raises(ValidationError):
        actions.tellers_set(
            actor=None,
            election=scene.election,
            tellers=[(scene.candidates[0].nominee, TellerRole.CHIEF_SCRUTINEER, None)],
        )
    assert not scene.election.tellers.exists()


def test_no_quorum_no_meeting(scene):
    to_meeting(scene, present=10)  # 10 of 13 due is not more than 4/5
    with pytest.raises(ValidationError):
        actions.meeting_open(actor=None, election=scene.election)
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.PUBLICITY


def open_meeting(scene):
    to_meeting(scene)
    rounds = actions.meeting_open(actor=None, election=scene.election)
    return {r.category: r for r in rounds}


def kiosk_votes(scene, round_, choices):
    """One checked-in voter per choice list casts at the kiosk."""
    entries = list(scene.election.roll.filter(checked_in=True))
    for entry, marks in zip(entries, choices, strict=False):
        code = actions.vote_code_issue(actor=None, round_=round_, entry=entry)
        actions.vote_cast(round_id=round_.pk, code=code, marks=[str(m.pk) for m in marks])


def test_votes_are_refused_when_they_should_be(scene):
    rounds = open_meeting(scene)
    deputies = rounds[Category.PARTTIME_DEPUTY]
    entry = scene.election.roll.filter(checked_in=True).first()
    code = actions.vote_code_issue(actor=None, round_=deputies, entry=entry)
    other_round_candidate = rounds[Category.MEMBER].candidates.first()
    for marks, why in [
        ([str(other_round_candidate.pk)], "not a candidate"),
        ([str(n.pk) for n in scene.deputies[:3]], "more marks than seats"),
    ]:
        with pytest.raises(ValidationError):
            actions.vote_cast(round_id=deputies.pk, code=code, marks=marks)
        assert not Ballot.objects.exists(), why
    actions.vote_cast(round_id=deputies.pk, code=code, marks=[str(scene.deputies[0].pk)])
    with pytest.raises(ValidationError):  # a second vote with the same code
        actions.vote_cast(round_id=deputies.pk, code=code, marks=[str(scene.deputies[1].pk)])
    with pytest.raises(ValidationError):  # a second code for the same voter
        actions.vote_code_issue(actor=None, round_=deputies, entry=entry)
    actions.round_close(actor=None, round_=deputies)
    other = scene.election.roll.filter(checked_in=True).exclude(pk=entry.pk).first()
    with pytest.raises(ValidationError):  # after the round closed
        actions.vote_code_issue(actor=None, round_=deputies, entry=other)
    assert Ballot.objects.count() == 1 and Participation.objects.count() == 1


def test_results_stay_hidden_until_the_chief_scrutineer_signs(scene):
    rounds = open_meeting(scene)
    deputies = rounds[Category.PARTTIME_DEPUTY]
    kiosk_votes(scene, deputies, [scene.deputies[:2]] * 13)
    actions.round_close(actor=None, round_=deputies)
    deputies.refresh_from_db()
    assert deputies.result is not None
    assert selectors.round_result(deputies) is None
    with pytest.raises(ValidationError):
        actions.round_sign_off(actor=scene.second, round_=deputies)
    actions.round_sign_off(actor=scene.chief, round_=deputies)
    deputies.refresh_from_db()
    shown = selectors.round_result(deputies)
    assert shown["elected"] == [str(scene.deputies[0].pk), str(scene.deputies[1].pk)]


def test_paper_double_entry_mismatch_blocks_closing(scene):
    rounds = open_meeting(scene)
    members = rounds[Category.MEMBER]
    actions.paper_issue(actor=None, round_=members, issued=13)
    first = [str(n.pk) for n in scene.candidates[:3]]
    actions.paper_enter(actor=scene.chief, round_=members, sheet=1, slot=1, marks=first)
    with pytest.raises(ValidationError):  # the second entry is another teller's
        actions.paper_enter(actor=scene.chief, round_=members, sheet=1, slot=2, marks=first)
    actions.paper_enter(actor=scene.second, round_=members, sheet=1, slot=2, marks=first[:2])
    with pytest.raises(ValidationError, match="1"):
        actions.round_close(actor=None, round_=members)
    actions.paper_correct(actor=scene.second, round_=members, sheet=1, slot=2, marks=first)
    actions.round_close(actor=None, round_=members)
    members.refresh_from_db()
    assert members.state == RoundState.CLOSED
    assert members.ballots.count() == 1


def test_a_whole_election_to_the_founding(scene):
    rounds = open_meeting(scene)
    deputies, members = rounds[Category.PARTTIME_DEPUTY], rounds[Category.MEMBER]
    kiosk_votes(scene, deputies, [scene.deputies[:2]] * 13)
    kiosk_votes(scene, members, [scene.candidates[:3]] * 13)
    for round_ in (deputies, members):
        actions.round_close(actor=None, round_=round_)
        actions.round_sign_off(actor=scene.chief, round_=round_)
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.COUNTED

    filing = actions.result_file(actor=None, election=scene.election)
    last = ChainEvent.objects.filter(election=scene.election).order_by("-seq").first()
    assert filing.final_hash == last.hash
    events = [(e.payload, e.prev_hash, e.hash) for e in scene.election.chain.order_by("seq")]
    assert chain.verify(events, head=filing.final_hash) is None

    actions.filing_decide(actor=None, filing=filing, approve=True)
    district_filing = Filing.objects.get(addressee=scene.tree.district)
    actions.filing_decide(actor=None, filing=district_filing, approve=True)
    assert (
        district_filing.__class__.objects.get(pk=district_filing.pk).state == FilingState.APPROVED
    )
    posts = actions.founding_record(
        actor=None, election=scene.election, held_on=datetime.date(2026, 12, 1)
    )
    assert len(posts) == 1 + 2 + 3
    assert Post.objects.filter(node=scene.tree.committee, ended_on__isnull=True).count() == 6
    verdicts = {v.rule: v for v in composition.verdicts(scene.tree.committee)}
    assert verdicts["C2"].severity == "ok"


def counted(scene) -> None:
    """Both categories voted at the kiosk, closed and signed off: the election is COUNTED."""
    rounds = open_meeting(scene)
    for round_, choice in (
        (rounds[Category.PARTTIME_DEPUTY], scene.deputies[:2]),
        (rounds[Category.MEMBER], scene.candidates[:3]),
    ):
        kiosk_votes(scene, round_, [choice] * 13)
        actions.round_close(actor=None, round_=round_)
        actions.round_sign_off(actor=scene.chief, round_=round_)


def test_a_returned_filing_goes_back_with_its_reason(scene):
    counted(scene)
    filing = actions.result_file(actor=None, election=scene.election)
    with pytest.raises(ValidationError):
        actions.filing_decide(actor=None, filing=filing, approve=False)
    actions.filing_decide(actor=None, filing=filing, approve=False, reason="请补充选举结果报告附件")
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.COUNTED


def test_a_tie_for_the_last_seat_opens_a_runoff_among_the_tied(scene):
    rounds = open_meeting(scene)
    deputies = rounds[Category.PARTTIME_DEPUTY]
    a, b, c, _d = scene.deputies
    kiosk_votes(scene, deputies, [[a, b]] * 6 + [[a, c]] * 6 + [[b, c]])  # a 12, b 7, c 7
    actions.round_close(actor=None, round_=deputies)
    actions.round_sign_off(actor=scene.chief, round_=deputies)
    deputies.refresh_from_db()
    assert deputies.result["elected"] == [str(a.pk)]
    runoff = scene.election.rounds.get(category=Category.PARTTIME_DEPUTY, number=2)
    assert runoff.runoff and runoff.seats == 1
    assert set(runoff.candidates.all()) == {b, c}


def test_a_shortfall_opens_another_round_for_the_seats_left(scene):
    rounds = open_meeting(scene)
    members = rounds[Category.MEMBER]
    x, y = scene.candidates[:2]
    kiosk_votes(scene, members, [[x, y]] * 13)  # 2 of 3 seats filled
    actions.round_close(actor=None, round_=members)
    actions.round_sign_off(actor=scene.chief, round_=members)
    second = scene.election.rounds.get(category=Category.MEMBER, number=2)
    assert second.seats == 1 and second.state == RoundState.OPEN
    assert str(x.pk) not in {str(pk) for pk in second.candidates.values_list("pk", flat=True)}


def test_the_ballot_table_cannot_name_a_voter_or_a_time():
    fields = Ballot._meta.get_fields()
    related = {f.related_model.__name__ for f in fields if f.is_relation and f.related_model}
    assert related == {"Round"}
    assert not [
        f
        for f in fields
        if isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
    ]
    assert isinstance(Ballot._meta.pk, models.UUIDField)


def test_election_records_go_through_the_gate(scene, role_user):
    from organizations import access
    from organizations.models import Role

    secretary = role_user(Role.COMMUNITY_SECRETARY, scene.tree.committee)
    outsider = role_user(Role.STREET_STAFF, scene.tree.other_street)
    elections = type(scene.election).objects.all()
    assert list(access.visible(secretary, elections, access.RUN_ELECTIONS)) == [scene.election]
    assert not access.visible(outsider, elections).exists()


def test_founding_a_new_term_ends_the_previous_terms_posts(scene):
    from organizations import actions as org_actions
    from organizations.models import PostKind, PostSource

    old = org_actions.post_start(
        actor=None,
        node=scene.tree.committee,
        person=scene.members[45],
        kind=PostKind.PARTTIME_MEMBER,
        source=PostSource.ELECTED,
        started_on=datetime.date(2021, 12, 1),
    )
    rounds = open_meeting(scene)
    for round_, choice in (
        (rounds[Category.PARTTIME_DEPUTY], scene.deputies[:2]),
        (rounds[Category.MEMBER], scene.candidates[:3]),
    ):
        kiosk_votes(scene, round_, [choice] * 13)
        actions.round_close(actor=None, round_=round_)
        actions.round_sign_off(actor=scene.chief, round_=round_)
    street = actions.result_file(actor=None, election=scene.election)
    actions.filing_decide(actor=None, filing=street, approve=True)
    district = Filing.objects.get(addressee=scene.tree.district)
    actions.filing_decide(actor=None, filing=district, approve=True)
    actions.founding_record(actor=None, election=scene.election, held_on=datetime.date(2026, 12, 1))
    old.refresh_from_db()
    assert old.ended_on == datetime.date(2026, 12, 1)
    assert "2026—2031" in old.end_reason
    assert Post.objects.filter(node=scene.tree.committee, ended_on__isnull=True).count() == 6
