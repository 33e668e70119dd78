"""Kiosk codes: long, without look-alikes; wrong guesses from one client are throttled."""

import pytest
from django.test import Client
from django.urls import reverse

from elections import actions, rules
from elections.actions.voting import code_hash, new_code
from elections.models import Category, Participation
from elections.views import meeting_kiosk
from tests.elections.builders import to_meeting

pytestmark = pytest.mark.django_db


def test_codes_are_ten_characters_without_look_alikes():
    for _ in range(50):
        code = new_code()
        assert len(code) == 10
        assert not set(code) & set("01OIL")
        assert set(code) <= set(rules.KIOSK_CODE_ALPHABET)
    assert code_hash("abcde-fghjk ") == code_hash("ABCDEFGHJK")  # typed in groups, any case


@pytest.mark.parametrize(
    ("wrong_times", "now", "refused"),
    [
        ([0.0] * 4, 1.0, False),  # 4 wrong: the 5th try is still answered
        ([0.0] * 5, 1.0, True),  # 5 wrong within 10 minutes: the 6th is refused
        ([0.0] * 5, 599.0, True),
        ([0.0] * 5, 600.0, False),  # the window has passed
        ([0.0] + [300.0] * 4, 600.0, False),  # the oldest left: 4 recent
    ],
)
def test_the_throttle_rule_at_its_edges(wrong_times, now, refused):
    problem = rules.kiosk_throttled(wrong_times, now)
    assert (problem is not None) == refused
    if refused:
        assert "5" in problem and "10" in problem


def test_the_kiosk_refuses_after_too_many_wrong_codes_and_lets_a_right_one_in_later(
    scene, monkeypatch
):
    to_meeting(scene)
    rounds = {r.category: r for r in actions.meeting_open(actor=None, election=scene.election)}
    entry = scene.election.roll.filter(checked_in=True).first()
    code = actions.vote_code_issue(actor=None, round_=rounds[Category.MEMBER], entry=entry)
    now = [1_000_000.0]
    monkeypatch.setattr(meeting_kiosk, "clock", lambda: now[0])
    url = reverse("elections:kiosk", args=[scene.election.public_id])
    kiosk = Client()
    limit = rules.policy("kiosk_wrong_codes")

    def errors(response):
        return " ".join(response.context["code_form"].non_field_errors())

    for n in range(limit):  # the N-th wrong code is still checked and answered "not valid"
        now[0] += 1
        response = kiosk.post(url, {"code": f"WRONG{n:05d}"})
        assert "ballot" not in response.context
    not_valid = errors(response)
    refused = kiosk.post(url, {"code": code})  # N+1: refused, even with a right code
    assert "ballot" not in refused.context and errors(refused) != not_valid
    assert str(rules.policy("kiosk_wrong_code_minutes")) in errors(refused)
    other = Client(REMOTE_ADDR="10.0.0.9")  # another kiosk is not affected
    assert "ballot" in other.post(url, {"code": code}).context

    now[0] += rules.policy("kiosk_wrong_code_minutes") * 60  # the window passes
    ballot = kiosk.post(url, {"code": code})
    assert "ballot" in ballot.context
    marks = {f"c{n.pk}": "for" for n in ballot.context["ballot"].candidates[:1]}
    cast = kiosk.post(url, {"code": code, "cast": "1", **marks})
    assert cast.status_code == 302
    assert Participation.objects.filter(person_id=entry.person_id).count() == 1
