"""The deadline tracker (issue 6): the page per scope, its queries, the weekly summary."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from elections.models import Election, Filing, FilingKind, FilingState, Publicity
from notices.models import Notification
from organizations.models import Post, PostKind, PostSource, Role
from oversight import deadlines, rules
from oversight.tasks import weekly_deadlines
from services.models import Agreement, AgreementProject
from tests.factories import MemberFactory, UnitFactory
from tests.organizations.web import log_in
from tests.oversight.builders import community

pytestmark = pytest.mark.django_db


def due_things(committee, street, i: int = 0) -> None:
    """One item of each kind for `committee`, plus things that must not show."""
    today = timezone.localdate()
    founded = rules.add_years(today, -5) + datetime.timedelta(days=10 + i)
    Post.objects.create(
        person=MemberFactory(node=committee),
        node=committee,
        kind=PostKind.SECRETARY,
        source=PostSource.DIRECT,
        started_on=founded,
    )
    election = Election.objects.create(committee=committee, term=f"第{i}届")
    Publicity.objects.create(
        election=election,
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=3),
        meeting_at=timezone.now() + datetime.timedelta(days=5),
        meeting_place="会议室",
    )
    filing = Filing.objects.create(election=election, kind=FilingKind.RESULT, addressee=street)
    Filing.objects.filter(pk=filing.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=20)
    )
    Filing.objects.create(  # decided: not listed
        election=election, kind=FilingKind.ROSTER, addressee=street, state=FilingState.APPROVED
    )
    unsigned = Agreement.objects.create(
        committee=committee, unit=UnitFactory(), year=today.year, goals="共建"
    )
    AgreementProject.objects.create(
        agreement=unsigned,
        title=f"助老食堂{i}",
        owner="王",
        deadline=today - datetime.timedelta(days=1),
        progress=50,
    )
    AgreementProject.objects.create(  # finished: not listed
        agreement=unsigned, title="已完成", owner="王", deadline=today, progress=100
    )
    signed = Agreement.objects.create(  # signed: not listed
        committee=committee, unit=UnitFactory(), year=today.year, goals="共建", signed_on=today
    )
    AgreementProject.objects.create(  # far ahead: not listed
        agreement=signed,
        title="远期项目",
        owner="李",
        deadline=today + datetime.timedelta(days=200),
        progress=0,
    )


@pytest.fixture
def scene(tree):
    due_things(tree.committee, tree.street, 0)
    due_things(tree.other_committee, tree.other_street, 1)
    for node in (tree.district, tree.street, tree.committee):
        node.refresh_from_db()  # the tree's fields moved as nodes were added
    return tree


def test_items_of_a_street_are_its_own_sorted_by_urgency(scene, role_user):
    today = timezone.localdate()
    staff = role_user(Role.STREET_STAFF, scene.street)
    found = deadlines.items(staff, scene.street, today)
    assert {i.committee for i in found} == {scene.committee.name}
    assert sorted(i.kind for i in found) == sorted(
        [deadlines.TERM, deadlines.FILING, deadlines.PUBLICITY, deadlines.AGREEMENT]
        + [deadlines.PROJECT]
    )
    assert [i.days_left for i in found] == sorted(i.days_left for i in found)
    by_kind = {i.kind: i for i in found}
    assert by_kind[deadlines.PROJECT].days_left == -1
    assert by_kind[deadlines.PROJECT].urgency == rules.OVERDUE
    assert by_kind[deadlines.PUBLICITY].days_left == 3
    assert by_kind[deadlines.TERM].days_left == 10
    filing = by_kind[deadlines.FILING]
    assert filing.waiting_days == 20
    assert filing.days_left == 15 - 20
    assert filing.waiting_at == scene.street.name
    assert filing.url == reverse("elections:inbox", args=[scene.street.pk])


def test_district_sees_every_community(scene, role_user):
    staff = role_user(Role.DISTRICT_STAFF, scene.district)
    found = deadlines.items(staff, scene.district, timezone.localdate())
    assert {i.committee for i in found} == {scene.committee.name, scene.other_committee.name}
    assert len(found) == 10


def test_a_term_far_from_its_end_is_not_listed(tree, role_user):
    Post.objects.create(
        person=MemberFactory(node=tree.committee),
        node=tree.committee,
        kind=PostKind.SECRETARY,
        source=PostSource.ELECTED,
        started_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    staff = role_user(Role.STREET_STAFF, tree.street)
    tree.street.refresh_from_db()
    assert deadlines.items(staff, tree.street, timezone.localdate()) == []


def test_street_page_lists_its_rows_with_links(scene, role_user, client):
    log_in(client, role_user(Role.STREET_STAFF, scene.street))
    page = client.get(reverse("oversight:deadlines", args=[scene.street.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert scene.committee.name in html
    assert scene.other_committee.name not in html
    assert reverse("elections:inbox", args=[scene.street.pk]) in html
    assert html.index("助老食堂0") < html.index("第0届")  # overdue before the publicity


def test_community_page_shows_the_filing_waiting_at_the_street(scene, role_user, client):
    log_in(client, role_user(Role.COMMUNITY_SECRETARY, scene.committee))
    page = client.get(reverse("oversight:community_deadlines", args=[scene.committee.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert scene.street.name in html  # where the filing waits
    assert scene.other_committee.name not in html
    # The secretary cannot decide it: the link goes to the committee, not the inbox.
    assert reverse("elections:inbox", args=[scene.street.pk]) not in html


def test_dashboard_links_to_the_deadlines(tree, role_user, client):
    log_in(client, role_user(Role.STREET_STAFF, tree.street))
    html = client.get(reverse("oversight:dashboard", args=[tree.street.pk])).content.decode()
    assert reverse("oversight:deadlines", args=[tree.street.pk]) in html


def _queries(client, url) -> int:
    client.get(url)  # warm-up: content types, caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_rows_or_communities(tree, role_user, client):
    due_things(tree.committee, tree.street, 0)
    due_things(tree.other_committee, tree.other_street, 1)
    log_in(client, role_user(Role.DISTRICT_STAFF, tree.district))
    url = reverse("oversight:deadlines", args=[tree.district.pk])
    with_two = _queries(client, url)
    for i in range(4):
        street = tree.street if i % 2 else tree.other_street
        committee, _grid, _building = community(street, f"新社区{i}")
        due_things(committee, street, i + 2)
    with_six = _queries(client, url)
    assert with_six == with_two


def test_weekly_summary_sends_once_per_person_and_week(scene, role_user):
    street = role_user(Role.STREET_STAFF, scene.street)
    district = role_user(Role.DISTRICT_STAFF, scene.district)
    secretary = role_user(Role.COMMUNITY_SECRETARY, scene.committee)
    member = role_user(Role.PARTY_MEMBER, scene.committee)
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())

    assert weekly_deadlines(monday.isoformat()) == 3
    assert weekly_deadlines(monday.isoformat()) == 0  # the same ISO week
    assert weekly_deadlines((monday + datetime.timedelta(days=2)).isoformat()) == 0

    for user in (street, district, secretary):
        (note,) = Notification.objects.filter(user=user)
        assert note.key == f"oversight.weekly.{rules.iso_week(monday)}"
    assert not Notification.objects.filter(user=member).exists()
    district_note = Notification.objects.get(user=district)
    assert "10" in district_note.subject
    assert scene.other_committee.name in district_note.body
    assert district_note.url == reverse("oversight:deadlines", args=[scene.district.pk])
    street_note = Notification.objects.get(user=street)
    assert scene.other_committee.name not in street_note.body


def test_weekly_summary_sends_again_the_next_week(scene, role_user):
    role_user(Role.STREET_STAFF, scene.street)
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    assert weekly_deadlines(monday.isoformat()) == 1
    assert weekly_deadlines((monday + datetime.timedelta(days=7)).isoformat()) == 1


def test_nothing_due_sends_nothing(tree, role_user):
    role_user(Role.STREET_STAFF, tree.street)
    assert weekly_deadlines() == 0
