"""二(六): notice → committee decision → street approval → district filing → the post ends."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from elections import actions, rules
from elections.models import Filing, FilingState, Removal, RemovalState
from organizations import actions as org_actions
from organizations.models import Post, PostKind, PostSource
from tests.factories import MemberFactory
from tests.meetings.helpers import resolution as committee_resolution

PDF = b"%PDF-1.4\n% a unit's notice\n"


@pytest.fixture
def post(tree):
    return org_actions.post_start(
        actor=None,
        node=tree.committee,
        person=MemberFactory(node=tree.building),
        kind=PostKind.PARTTIME_MEMBER,
        source=PostSource.ELECTED,
        started_on=datetime.date(2024, 1, 1),
    )


def notice(name="通知.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def start(post) -> Removal:
    """The unit's notice that the member leaves for a job transfer."""
    return actions.removal_start(
        actor=None,
        post=post,
        notice=notice(),
        notice_on=datetime.date(2026, 11, 1),
        reason="工作调动",
    )


def leave_through_the_district(tree, post) -> Removal:
    """The whole route, each step approved."""
    removal = start(post)
    street = actions.removal_decide(
        actor=None, removal=removal, decision_ref="5号", decided_on=datetime.date(2026, 11, 5)
    )
    actions.filing_decide(actor=None, filing=street, approve=True)
    district = Filing.objects.get(removal=removal, addressee=tree.district)
    actions.filing_decide(actor=None, filing=district, approve=True)
    return removal


def test_the_whole_route_ends_the_post_and_keeps_it(tree, post, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    removal = start(post)
    street = actions.removal_decide(
        actor=None,
        removal=removal,
        decision_ref="幸福社区大党委〔2026〕5号",
        decided_on=datetime.date(2026, 11, 5),
    )
    assert street.addressee == tree.street
    actions.filing_decide(actor=None, filing=street, approve=True)
    district = Filing.objects.get(removal=removal, addressee=tree.district)
    post.refresh_from_db()
    assert post.ended_on is None  # not before the district has filed it
    actions.filing_decide(actor=None, filing=district, approve=True)
    post.refresh_from_db()
    assert post.ended_on is not None and post.end_reason == "工作调动"
    assert Removal.objects.get(pk=removal.pk).state == RemovalState.DONE
    assert Post.objects.filter(pk=post.pk).exists()


def test_the_street_can_return_it_with_a_reason(tree, post, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    removal = start(post)
    street = actions.removal_decide(
        actor=None, removal=removal, decision_ref="5号", decided_on=datetime.date(2026, 11, 5)
    )
    actions.filing_decide(actor=None, filing=street, approve=False, reason="缺少单位书面通告原件")
    assert Filing.objects.get(pk=street.pk).state == FilingState.RETURNED
    assert Removal.objects.get(pk=removal.pk).state == RemovalState.RETURNED
    post.refresh_from_db()
    assert post.ended_on is None


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("通知.exe", PDF, "type"),
        ("通知.pdf", b"MZ not a pdf", "content"),
        ("通知.pdf", PDF + b"x" * (10 * 1024 * 1024), "size"),
    ],
)
def test_a_bad_notice_is_refused_and_nothing_is_written(
    tree, post, name, content, why, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError):
        actions.removal_start(
            actor=None,
            post=post,
            notice=notice(name, content),
            notice_on=datetime.date(2026, 11, 1),
            reason="x",
        )
    assert not Removal.objects.exists(), why
    assert not list(tmp_path.rglob("*.*"))


def test_only_part_time_posts_leave_by_notice(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    secretary = org_actions.post_start(
        actor=None,
        node=tree.committee,
        person=MemberFactory(node=tree.building),
        kind=PostKind.SECRETARY,
        source=PostSource.DIRECT,
        started_on=datetime.date(2024, 1, 1),
        concurrent_branch_post=True,
    )
    with pytest.raises(ValidationError):
        actions.removal_start(
            actor=None,
            post=secretary,
            notice=notice(),
            notice_on=datetime.date(2026, 11, 1),
            reason="x",
        )


def test_upload_rule_edges():
    assert rules.upload_problem("a.pdf", 10 * 1024 * 1024, PDF, 10) is None
    assert rules.upload_problem("a.pdf", 10 * 1024 * 1024 + 1, PDF, 10) is not None
    assert rules.upload_problem("a.PNG", 10, b"\x89PNG\r\n\x1a\nrest", 10) is None


def test_the_vacancy_shows_and_a_by_election_refills_that_one_seat(tree, post, settings, tmp_path):
    from elections import selectors
    from elections.models import Category

    settings.MEDIA_ROOT = tmp_path
    leave_through_the_district(tree, post)
    assert list(selectors.vacancies(tree.committee)) == [Post.objects.get(pk=post.pk)]

    by_election = actions.election_create(
        actor=None, committee=tree.committee, term="2026增补", vacancy=Post.objects.get(pk=post.pk)
    )
    actions.direct_entries_confirm(actor=None, election=by_election)
    with pytest.raises(ValidationError):
        actions.seats_publish(actor=None, election=by_election, seats={Category.MEMBER: 2})
    actions.seats_publish(actor=None, election=by_election, seats={Category.MEMBER: 1})


def test_a_serving_post_is_no_vacancy(tree, post):
    with pytest.raises(ValidationError):
        actions.election_create(actor=None, committee=tree.committee, term="增补", vacancy=post)


def test_the_vacancy_is_listed_on_the_committee_elections_page(
    tree, post, settings, tmp_path, role_user, client
):
    from django.urls import reverse

    from organizations.models import Role
    from tests.organizations.web import log_in

    settings.MEDIA_ROOT = tmp_path
    leave_through_the_district(tree, post)
    log_in(client, role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    page = client.get(reverse("elections:election_list", args=[tree.committee.pk]))
    assert post.person.name in page.content.decode()


def test_the_decision_cites_the_committee_meetings_resolution(tree, post, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    removal = start(post)
    resolution = committee_resolution(tree.committee, number="2026-3")
    actions.removal_decide(
        actor=None,
        removal=removal,
        decision_ref="",
        decided_on=datetime.date(2026, 11, 5),
        resolution=resolution,
    )
    removal.refresh_from_db()
    assert removal.resolution == resolution and removal.decision_ref == "2026-3"


@pytest.mark.parametrize(
    ("adopted", "elsewhere", "said"), [(False, False, "未通过"), (True, True, "其他")]
)
def test_a_decision_cannot_rest_on_a_rejected_or_anothers_resolution(
    tree, post, settings, tmp_path, adopted, elsewhere, said
):
    settings.MEDIA_ROOT = tmp_path
    removal = start(post)
    committee = tree.other_committee if elsewhere else tree.committee
    resolution = committee_resolution(committee, adopted=adopted)
    with pytest.raises(ValidationError, match=said):
        actions.removal_decide(
            actor=None,
            removal=removal,
            decision_ref="5号",
            decided_on=datetime.date(2026, 11, 5),
            resolution=resolution,
        )
    removal.refresh_from_db()
    assert removal.state == RemovalState.NOTIFIED and removal.resolution is None


def test_cited_resolution_rule():
    from meetings.rules import cited_resolution_problem

    assert cited_resolution_problem(same_committee=True, adopted=True) is None
    assert cited_resolution_problem(same_committee=False, adopted=True)
    assert cited_resolution_problem(same_committee=True, adopted=False)
