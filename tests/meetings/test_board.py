"""The compliance board: edges through the database, scope, and a query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import actions, selectors
from meetings.models import State, ThemeDay
from organizations import actions as org_actions
from organizations import rules as org_rules
from organizations.models import OrgNode, Role
from tests.factories import UserFactory, node
from tests.meetings.helpers import theme_day

pytestmark = pytest.mark.django_db


def statuses(user, street, year=2026):
    (row,) = [
        r for r in selectors.board(user, street, year) if r["committee"].name == "幸福社区大党委"
    ]
    return {cell["month"]: cell["status"] for cell in row["cells"]}


def staff(role, where):
    user = UserFactory()
    org_actions.role_grant(actor=None, user=user, node=where, role=role)
    return user


def test_board_edges(scene):
    tree = scene.tree
    held = theme_day(tree.committee, datetime.date(2026, 1, 31))
    actions.theme_day_mark_held(actor=None, theme_day=held)
    cancelled = theme_day(tree.committee, datetime.date(2026, 2, 10))
    actions.theme_day_cancel(actor=None, theme_day=cancelled, reason="雨")
    for day in (1, 30):
        actions.theme_day_mark_held(
            actor=None, theme_day=theme_day(tree.committee, datetime.date(2026, 4, day))
        )
    theme_day(tree.committee, datetime.date(2026, 5, 31))  # scheduled only
    user = staff(Role.STREET_STAFF, tree.street)
    got = statuses(user, tree.street)
    assert got[1] == "held"
    assert got[2] == "missing"
    assert got[3] == "missing"
    assert got[4] == "held"
    assert got[5] == "scheduled"
    # The cell of a month with one meeting links to it; with two, to the month's list.
    (row,) = selectors.board(user, tree.street, 2026)
    assert row["cells"][0]["only"] == held.pk
    assert row["cells"][3]["only"] is None


def test_board_shows_only_communities_in_scope(scene, login):
    tree = scene.tree
    user = staff(Role.STREET_STAFF, tree.street)
    names = [r["committee"].name for r in selectors.board(user, tree.district, 2026)]
    assert names == ["幸福社区大党委"]
    client = login(user)
    assert client.get(reverse("meetings:board", args=[tree.district.pk])).status_code == 404
    response = client.get(reverse("meetings:board", args=[tree.street.pk]))
    assert "幸福社区大党委" in response.content.decode()
    assert "和平社区大党委" not in response.content.decode()
    district = login(staff(Role.DISTRICT_STAFF, tree.district))
    page = district.get(reverse("meetings:board", args=[tree.district.pk])).content.decode()
    assert "和平社区大党委" in page and "幸福社区大党委" in page
    # A community page is not a board.
    assert district.get(reverse("meetings:board", args=[tree.committee.pk])).status_code == 404


def wide_street(n: int):
    """A new district → street → `n` communities (inserted in bulk), a held theme party day in
    every month of 2026 for each."""
    root = node(None, f"宽区{n}")
    street = node(root, f"宽街道{n}")
    committees = OrgNode.objects.bulk_create(
        OrgNode(
            kind=org_rules.COMMITTEE,
            name=f"社区{i:04d}",
            parent=street,
            tree_id=root.tree_id,
            level=2,
            lft=3 + 2 * i,
            rght=4 + 2 * i,
        )
        for i in range(n)
    )
    OrgNode.objects.filter(pk=street.pk).update(rght=2 * n + 3)
    OrgNode.objects.filter(pk=root.pk).update(rght=2 * n + 4)
    ThemeDay.objects.bulk_create(
        ThemeDay(
            committee=c,
            topic="主题党日",
            form="lecture",
            date=datetime.date(2026, month, 28),
            start_time=datetime.time(9),
            place="党群服务中心",
            state=State.HELD if month % 2 else State.SCHEDULED,
        )
        for c in committees
        for month in range(1, 13)
    )
    root.refresh_from_db()
    return root


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_board_query_budget_does_not_grow_with_communities(db, login):
    counts = {}
    for n in (5, 100):
        root = wide_street(n)
        client = login(staff(Role.DISTRICT_STAFF, root))
        counts[n] = queries(client, reverse("meetings:board", args=[root.pk]) + "?year=2026")
    assert counts[5] == counts[100] <= 12, counts


def test_list_query_budget(db, login):
    counts = {}
    for n in (10, 1000):
        root = wide_street(n // 12 + 1)
        committee = OrgNode.objects.filter(tree_id=root.tree_id, kind=org_rules.COMMITTEE).first()
        client = login(staff(Role.DISTRICT_STAFF, root))
        counts[n] = queries(client, reverse("meetings:list", args=[committee.pk]))
    assert counts[10] == counts[1000] <= 12, counts


def test_navigation_links_the_board_for_street_staff_only(scene, login):
    tree = scene.tree
    board = reverse("meetings:board_home")
    street = login(staff(Role.STREET_STAFF, tree.street))
    assert board in street.get(reverse("organizations:navigator")).content.decode()
    assert street.get(board).url == reverse("meetings:board", args=[tree.street.pk])
    member = login(staff(Role.PARTY_MEMBER, tree.committee))
    page = member.get(reverse("organizations:navigator")).content.decode()
    assert board not in page and reverse("meetings:mine") in page


def test_the_board_rows_are_cached_and_follow_a_theme_day_written(scene, login):
    """A second view reads no theme party day (the rows come from the cache, ADR 0007); marking
    one held renews the dashboards' generation, and the board shows it at once."""
    tree = scene.tree
    client = login(staff(Role.STREET_STAFF, tree.street))
    url = reverse("meetings:board", args=[tree.street.pk]) + "?year=2026"
    day = theme_day(tree.committee, datetime.date(2026, 3, 12))
    assert 'class="cell-scheduled"' in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert not [q for q in captured.captured_queries if ThemeDay._meta.db_table in q["sql"]]
    actions.theme_day_mark_held(actor=None, theme_day=day)
    page = client.get(url).content.decode()
    assert 'class="cell-held"' in page and 'class="cell-scheduled"' not in page
