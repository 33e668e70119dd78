"""Committee meetings and resolutions (M2): quorum and adoption at the edge, the register."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import actions, rules
from organizations import actions as org_actions
from organizations.models import PostKind, PostSource
from tests.factories import MemberFactory


def test_adopted_needs_more_than_half_of_all_members():
    assert not rules.adopted(5, 10)  # exactly half
    assert rules.adopted(6, 10)
    assert not rules.adopted(4, 9)
    assert rules.adopted(5, 9)


def test_quorum_at_the_edge():
    assert not rules.quorum_met(5, 10)
    assert rules.quorum_met(6, 10)
    with pytest.raises(ValidationError, match="应到委员10名，实到5名"):
        rules.check_quorum(5, 10)


def test_quorum_is_a_setting(settings):
    settings.DAJIWEI_MEETINGS = {
        **settings.DAJIWEI_MEETINGS,
        "quorum_numerator": 2,
        "quorum_denominator": 3,
    }
    assert not rules.quorum_met(6, 9)
    assert rules.quorum_met(7, 9)


def test_votes_cannot_exceed_those_present():
    rules.check_votes(3, 1, 1, 5)
    with pytest.raises(ValidationError):
        rules.check_votes(3, 2, 1, 5)


def committee_of(tree, n):
    members = []
    for i in range(n):
        member = MemberFactory(node=tree.building, name=f"委员{i}")
        org_actions.post_start(
            actor=None,
            node=tree.committee,
            person=member,
            kind=PostKind.PARTTIME_MEMBER,
            source=PostSource.ELECTED,
            started_on=datetime.date(2024, 1, 1),
            override_reason="试点",
        )
        members.append(member)
    return members


@pytest.mark.django_db
def test_resolution_register(scene, secretary, login):
    tree = scene.tree
    members = committee_of(tree, 4)
    meeting = actions.committee_meeting_create(
        actor=None,
        committee=tree.committee,
        kind="adhoc",
        date=datetime.date(2026, 11, 5),
        start_time=datetime.time(15),
        place="会议室",
        agenda="研究共建项目",
    )
    assert meeting.members_total == 4
    actions.committee_meeting_attendance(
        actor=None, meeting=meeting, present_ids=[m.pk for m in members[:2]]
    )
    with pytest.raises(ValidationError):  # 2 of 4: no quorum
        actions.resolution_record(
            actor=None,
            meeting=meeting,
            title="同意",
            text="同意",
            votes_for=2,
            votes_against=0,
            votes_abstain=0,
        )
    actions.committee_meeting_attendance(
        actor=None, meeting=meeting, present_ids=[m.pk for m in members]
    )
    half = actions.resolution_record(
        actor=None,
        meeting=meeting,
        title="关于调整活动室开放时间的决议",
        text="每周六开放",
        votes_for=2,
        votes_against=2,
        votes_abstain=0,
    )
    more = actions.resolution_record(
        actor=None,
        meeting=meeting,
        title="关于共建项目的决议",
        text="同意与区供电公司党委开展共建",
        votes_for=3,
        votes_against=0,
        votes_abstain=1,
    )
    assert (half.adopted, more.adopted) == (False, True)
    assert (half.number, more.number) == ("2026-001", "2026-002")
    client = login(secretary)
    url = reverse("meetings:resolutions", args=[tree.committee.pk])
    page = client.get(url, {"q": "供电"}).content.decode()
    assert "关于共建项目的决议" in page and "活动室" not in page
