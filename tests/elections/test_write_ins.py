"""A written-in name that wins (B4) becomes a person before the founding meeting."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import actions
from elections.models import Category, Filing, Stage
from organizations.models import Post, PostKind, PostSource, Role
from tests.elections.matrix_rows_filing import FOUNDED_ON, opened
from tests.factories import MemberFactory
from tests.organizations.web import log_in

WRITTEN = "write-in:周写入"


def recorded_with_a_write_in(tree):
    """Everyone votes the first deputy and 周写入 as deputies, and three members: all elected."""
    s = opened(tree)
    for category, marks in (
        (Category.PARTTIME_DEPUTY, [str(s.deputies[0].pk), WRITTEN]),
        (Category.MEMBER, [str(n.pk) for n in s.candidates[:3]]),
    ):
        round_ = s.rounds[category]
        for entry in s.election.roll.filter(checked_in=True):
            code = actions.vote_code_issue(actor=None, round_=round_, entry=entry)
            actions.vote_cast(round_id=round_.pk, code=code, marks=marks)
        actions.round_close(actor=None, round_=round_)
        actions.round_sign_off(actor=s.chief, round_=round_)
    s.election.refresh_from_db()
    filing = actions.result_file(actor=None, election=s.election)
    actions.filing_decide(actor=None, filing=filing, approve=True)
    district = Filing.objects.get(election=s.election, addressee=tree.district)
    actions.filing_decide(actor=None, filing=district, approve=True)
    s.election.refresh_from_db()
    assert s.election.stage == Stage.RECORDED
    return s


def test_founding_waits_for_the_written_in_winner_to_be_matched(tree):
    s = recorded_with_a_write_in(tree)
    assert actions.write_ins_unmatched(s.election) == [(Category.PARTTIME_DEPUTY, WRITTEN)]
    with pytest.raises(ValidationError, match="周写入"):
        actions.founding_record(actor=None, election=s.election, held_on=FOUNDED_ON)
    s.election.refresh_from_db()
    assert s.election.stage == Stage.RECORDED
    assert not Post.objects.filter(source=PostSource.ELECTED).exists()

    stranger = MemberFactory(node=tree.other_building)
    with pytest.raises(ValidationError, match=stranger.name):
        actions.write_in_match(
            actor=None,
            election=s.election,
            category=Category.PARTTIME_DEPUTY,
            key=WRITTEN,
            person=stranger,
        )
    with pytest.raises(ValidationError):  # a name that did not win cannot be matched
        actions.write_in_match(
            actor=None,
            election=s.election,
            category=Category.MEMBER,
            key=WRITTEN,
            person=s.members[5],
        )
    person = MemberFactory(node=tree.building, name="周写入")
    actions.write_in_match(
        actor=None,
        election=s.election,
        category=Category.PARTTIME_DEPUTY,
        key=WRITTEN,
        person=person,
    )
    assert actions.write_ins_unmatched(s.election) == []
    actions.founding_record(actor=None, election=s.election, held_on=FOUNDED_ON)
    post = Post.objects.get(person=person)
    assert post.kind == PostKind.PARTTIME_DEPUTY and post.source == PostSource.ELECTED
    assert post.started_on == FOUNDED_ON and post.ended_on is None


def test_the_founding_page_asks_who_the_written_in_winner_is(tree, role_user, client):
    s = recorded_with_a_write_in(tree)
    person = MemberFactory(node=tree.building, name="周写入")
    log_in(client, role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    url = reverse("elections:founding_record", args=[s.election.pk])
    page = client.get(url)
    assert "周写入" in page.content.decode()
    refused = client.post(url, {"held_on": "2026-12-01"})
    assert refused.status_code == 200 and "write_in_0" in refused.context["form"].errors
    s.election.refresh_from_db()
    assert s.election.stage == Stage.RECORDED
    done = client.post(url, {"held_on": "2026-12-01", "write_in_0": person.pk})
    assert done.status_code == 302
    s.election.refresh_from_db()
    assert s.election.stage == Stage.FOUNDED
    assert Post.objects.filter(person=person, kind=PostKind.PARTTIME_DEPUTY).exists()
