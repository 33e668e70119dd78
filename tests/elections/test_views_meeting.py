"""The meeting-day pages through the test client: console, QR check-in, kiosk, paper, tally."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from elections import actions
from elections.actions.checkin import check_in_token
from elections.models import (
    Ballot,
    Category,
    ChainEvent,
    Participation,
    RollEntry,
    RoundState,
    Stage,
    VoteCode,
)
from elections.tally import write_in
from organizations import actions as org_actions
from organizations.models import AuditEvent, Role
from tests.elections.builders import to_meeting
from tests.factories import UserFactory
from tests.organizations.web import log_in

pytestmark = pytest.mark.django_db


def t(message: str, **values) -> str:
    """`message` as the pages show it: in the site's language, placeholders filled."""
    with translation.override("zh-hans"):
        text = translation.gettext(message)
    return text % values if values else text


def page(response) -> str:
    return html.unescape(response.content.decode())


def shown_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def secretary(scene, role_user):
    return log_in(Client(), role_user(Role.COMMUNITY_SECRETARY, scene.tree.committee))


def as_member(scene, user) -> Client:
    """A teller or voter logs in with the party-member role on the community."""
    org_actions.role_grant(actor=None, user=user, node=scene.tree.committee, role=Role.PARTY_MEMBER)
    return log_in(Client(), user)


def opened(scene):
    to_meeting(scene)
    rounds = actions.meeting_open(actor=None, election=scene.election)
    return {r.category: r for r in rounds}


def issue_code(secretary, round_, entry) -> str:
    response = secretary.post(
        reverse("elections:round_code", args=[round_.pk]), {"entry": entry.pk}
    )
    assert response.status_code == 200
    return re.search(r'class="vote-code"[^>]*>([0-9A-Z]+)<', response.content.decode())[1]


def kiosk(scene) -> str:
    return reverse("elections:kiosk", args=[scene.election.public_id])


def cast(client, scene, code, choices: dict, write_ins=()):
    data = {"code": code, "cast": "1"}
    data.update({f"c{n.pk}": choice for n, choice in choices.items()})
    for i, (name, marked) in enumerate(write_ins, start=1):
        data[f"write_in_{i}"] = name
        if marked:
            data[f"write_in_{i}_for"] = "on"
    return client.post(kiosk(scene), data)


# ---------------------------------------------------------------------------------------------
# Opening the meeting


def test_opening_without_a_quorum_names_the_numbers(scene, secretary):
    to_meeting(scene, present=10)  # 10 of 13 due; more than 4/5 needs 11
    response = secretary.post(
        reverse("elections:meeting_open", args=[scene.election.pk]), follow=True
    )
    (message,) = shown_messages(response)
    assert all(str(n) in message for n in (13, 11, 10))
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.PUBLICITY


def test_opening_with_a_quorum_starts_a_round_per_category(scene, secretary):
    to_meeting(scene)
    response = secretary.post(
        reverse("elections:meeting_open", args=[scene.election.pk]), follow=True
    )
    assert response.status_code == 200
    assert {p.round.category for p in response.context["panels"]} == set(Category.values)
    assert all(p.round.state == RoundState.OPEN for p in response.context["panels"])


# ---------------------------------------------------------------------------------------------
# The kiosk


def test_a_kiosk_vote_stores_one_ballot_and_one_participation_that_cannot_be_linked(
    scene, secretary
):
    members = opened(scene)[Category.MEMBER]
    entry = scene.election.roll.filter(checked_in=True).first()
    code = issue_code(secretary, members, entry)
    assert not VoteCode.objects.filter(code_hash__icontains=code).exists()  # only a hash is kept

    voter = Client()
    ballot = page(voter.post(kiosk(scene), {"code": code}))
    names = [n.nominee.name for n in scene.candidates]
    assert all(name in ballot for name in names)
    assert "6" in ballot and "3" in ballot  # 6 candidates, 3 seats
    a, b, c, d = scene.candidates[:4]
    response = cast(
        voter,
        scene,
        code,
        {a: "for", b: "for", c: "against", d: ""},
        write_ins=[("王 小明", True), ("李四", False)],
    )
    assert response.status_code == 302
    thanks = page(voter.get(response.url))
    assert not any(name in thanks for name in names) and code not in thanks

    (stored,) = Ballot.objects.all()
    assert sorted(stored.marks) == sorted([str(a.pk), str(b.pk), write_in("王小明")])
    assert {f.name for f in Ballot._meta.concrete_fields} == {"id", "round", "marks"}
    (participation,) = Participation.objects.all()
    assert participation.person_id == entry.person_id
    # Nothing written about the vote names the ballot.
    logged = [str(e.payload) for e in ChainEvent.objects.all()]
    logged += [str(e.data) for e in AuditEvent.objects.all()]
    assert not any(str(stored.id) in text for text in logged)


def test_a_code_works_once(scene, secretary):
    members = opened(scene)[Category.MEMBER]
    code = issue_code(secretary, members, scene.election.roll.first())
    voter = Client()
    cast(voter, scene, code, {scene.candidates[0]: "for"})
    again = page(voter.post(kiosk(scene), {"code": code}))
    assert t("This code has already been used.") in again
    again = page(cast(voter, scene, code, {scene.candidates[1]: "for"}))
    assert t("This code has already been used.") in again
    assert Ballot.objects.count() == 1 and Participation.objects.count() == 1


def test_too_many_votes_for_are_refused_and_nothing_is_written(scene, secretary):
    members = opened(scene)[Category.MEMBER]
    code = issue_code(secretary, members, scene.election.roll.first())
    response = cast(Client(), scene, code, dict.fromkeys(scene.candidates[:4], "for"))
    assert response.status_code == 200
    assert t(
        "You may mark at most %(seats)d names in favour; you marked %(marks)d.", seats=3, marks=4
    ) in page(response)
    assert not Ballot.objects.exists() and not Participation.objects.exists()
    assert not VoteCode.objects.get().used


def test_an_unknown_code_is_refused(scene):
    opened(scene)
    response = Client().post(kiosk(scene), {"code": "NOTACODE"})
    assert t("This code is not valid for this vote.") in page(response)


# ---------------------------------------------------------------------------------------------
# Results: hidden until the chief scrutineer signs off


def test_results_are_hidden_on_the_console_and_the_tally_until_sign_off(scene, secretary):
    deputies = opened(scene)[Category.PARTTIME_DEPUTY]
    for entry in scene.election.roll.filter(checked_in=True):
        code = actions.vote_code_issue(actor=None, round_=deputies, entry=entry)
        actions.vote_cast(round_id=deputies.pk, code=code, marks=[str(scene.deputies[0].pk)])
    secretary.post(reverse("elections:round_close", args=[deputies.pk]))
    winner = scene.deputies[0].nominee.name
    console = reverse("elections:meeting", args=[scene.election.pk])
    tally = reverse("elections:round_tally", args=[deputies.pk])

    response = secretary.get(console)
    panel = next(p for p in response.context["panels"] if p.round.pk == deputies.pk)
    assert panel.round.state == RoundState.CLOSED and panel.result is None
    assert winner not in page(response)
    response = secretary.get(tally)
    assert response.context["result"] is None and winner not in page(response)

    refused = secretary.post(reverse("elections:round_sign_off", args=[deputies.pk]), follow=True)
    assert t("Only the chief scrutineer signs the count off.") in shown_messages(refused)

    chief = as_member(scene, scene.chief)
    response = chief.post(reverse("elections:round_sign_off", args=[deputies.pk]), follow=True)
    assert response.context["result"]["valid"] == 13
    assert winner in page(response)
    assert winner in page(secretary.get(console))
    voter = as_member(scene, UserFactory())  # any member of the community sees the signed sheet
    rows = voter.get(tally).context["rows"]
    assert [(r.name, r.votes, r.elected) for r in rows if r.elected] == [(winner, 13, True)]


# ---------------------------------------------------------------------------------------------
# Check-in by QR code


def test_the_qr_code_checks_in_a_member_on_the_roll_and_refuses_a_stranger(scene, secretary):
    to_meeting(scene, present=0)
    response = secretary.get(reverse("elections:meeting_qr", args=[scene.election.pk]))
    assert "<svg" in page(response)
    url = response.context["check_in_url"]

    member = scene.members[15]  # a representative on the roll
    member.user = UserFactory()
    member.save(update_fields=["user"])
    client = log_in(Client(), member.user)
    assert member.name in page(client.get(url))
    assert not RollEntry.objects.get(election=scene.election, person=member).checked_in
    client.post(url)
    client.post(url)  # scanning twice does no harm
    assert RollEntry.objects.get(election=scene.election, person=member).checked_in
    assert ChainEvent.objects.filter(action="roll.check_in").count() == 1

    stranger = log_in(Client(), UserFactory())
    refusal = t("You are not on the roll of this meeting; please see the staff at the entrance.")
    assert refusal in page(stranger.get(url))
    assert refusal in page(stranger.post(url))
    assert RollEntry.objects.filter(checked_in=True).count() == 1


def test_a_forged_check_in_token_is_refused(scene):
    to_meeting(scene, present=0)
    member = scene.members[15]
    member.user = UserFactory()
    member.save(update_fields=["user"])
    client = log_in(Client(), member.user)
    forged = check_in_token(scene.election)[:-2] + "xx"
    response = client.post(reverse("elections:meeting_check_in", args=[forged]))
    assert t("This check-in code is not valid or has expired; please scan the code again.") in page(
        response
    )
    assert not RollEntry.objects.filter(checked_in=True).exists()


# ---------------------------------------------------------------------------------------------
# Paper ballots entered twice


def test_a_paper_mismatch_is_shown_and_blocks_closing_until_corrected(scene, secretary):
    members = opened(scene)[Category.MEMBER]
    paper = reverse("elections:round_paper", args=[members.pk])
    three = [str(n.pk) for n in scene.candidates[:3]]
    chief, second = as_member(scene, scene.chief), as_member(scene, scene.second)
    chief.post(paper, {"sheet": 1, "slot": 1, "marked": three})
    second.post(paper, {"sheet": 1, "slot": 2, "marked": three[:2]})

    assert chief.get(paper).context["mismatch_numbers"] == [1]
    console = secretary.get(reverse("elections:meeting", args=[scene.election.pk]))
    assert next(p for p in console.context["panels"] if p.round == members).mismatches == [1]
    response = secretary.post(reverse("elections:round_close", args=[members.pk]), follow=True)
    assert t(
        "The two entries of sheets %(sheets)s do not agree; please resolve them first.", sheets="1"
    ) in shown_messages(response)
    members.refresh_from_db()
    assert members.state == RoundState.OPEN

    correcting = second.get(paper, {"correct": 1})
    assert correcting.context["correcting"] == 1
    form = correcting.context["form"]
    assert form.initial["marked"] == three[:2] and form.initial["slot"] == 2
    second.post(paper, {"sheet": 1, "slot": 2, "marked": three, "correct": "True"})
    secretary.post(reverse("elections:round_close", args=[members.pk]))
    members.refresh_from_db()
    assert members.state == RoundState.CLOSED and members.ballots.count() == 1


def test_only_tellers_enter_paper_ballots(scene, secretary):
    members = opened(scene)[Category.MEMBER]
    paper = reverse("elections:round_paper", args=[members.pk])
    assert "marked" not in page(secretary.get(paper))
    response = secretary.post(paper, {"sheet": 1, "slot": 1}, follow=True)
    assert t("Only a teller of this election enters ballots.") in shown_messages(response)
    assert not members.paper_entries.exists()


# ---------------------------------------------------------------------------------------------
# Speeches


def test_the_speech_page_lists_candidates_in_ballot_order_with_the_timer(scene, secretary):
    rounds = opened(scene)
    response = secretary.get(reverse("elections:speeches", args=[scene.election.pk]))
    text = page(response)
    expected = [n.nominee.name for n in rounds[Category.MEMBER].candidates.order_by("speech_order")]
    positions = [text.index(f">{name}</li>") for name in expected]
    assert positions == sorted(positions)
    assert 'data-seconds="300"' in text and "js/timer.js" in text
