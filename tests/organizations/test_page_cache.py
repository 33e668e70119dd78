"""The organisation page's sections come from the cache and follow every write they show
(organizations/page_cache.py)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations import actions, rules
from organizations.models import MemberUnit, PartyMember, Post, PostKind, PostSource, UnitKind
from tests.factories import MemberFactory

DAY = datetime.date(2026, 3, 1)


def _page(client, node) -> str:
    return client.get(reverse("organizations:node", args=[node.pk])).content.decode()


def _second_view(load, shown: str) -> str:
    """The SQL of a second view, after a first one cached the page (both show `shown`)."""
    assert shown in load()
    with CaptureQueriesContext(connection) as captured:
        assert shown in load()
    return " ".join(q["sql"] for q in captured.captured_queries)


def test_a_second_view_reads_no_post_unit_or_child(scene, secretary, login):
    client, committee = login(secretary), scene.tree.committee
    read = _second_view(lambda: _page(client, committee), "区供电公司党委")
    assert Post._meta.db_table not in read and MemberUnit._meta.db_table not in read


def test_the_sections_follow_each_kind_of_write(scene, secretary, login):
    tree, client = scene.tree, login(secretary)
    committee, grid = tree.committee, tree.grid
    _page(client, committee), _page(client, grid)  # both cached

    actions.unit_update(actor=None, unit=scene.unit, name="区自来水公司党委")
    assert "区自来水公司党委" in _page(client, committee)

    other = actions.unit_create(
        actor=None,
        committee=tree.other_committee,
        linked_on=DAY,
        name="区医院党委",
        kind=UnitKind.INSTITUTION,
        superior="区卫健委",
    )
    assert "区医院党委" not in _page(client, committee)
    actions.unit_link(actor=None, unit=other, committee=committee, linked_on=DAY)
    assert "区医院党委" in _page(client, committee)

    actions.node_create(actor=None, parent=committee, kind=rules.GRID, name="第九网格")
    assert "第九网格" in _page(client, committee)

    MemberFactory(node=tree.building)  # the grid's subtree count
    assert '<td class="num">2</td>' in _page(client, committee)

    actions.member_update(actor=None, member=scene.member, name="李红英")
    assert "李红英" in _page(client, grid)

    actions.post_end(actor=None, post=scene.post, ended_on=DAY, reason="调离本网格")
    page = _page(client, grid)
    assert "调离本网格" in page  # now in the post history
    helper = MemberFactory(node=tree.building, name="赵敏")
    actions.post_start(
        actor=None,
        node=grid,
        person=helper,
        kind=PostKind.GRID_SECRETARY,
        source=PostSource.APPOINTED,
        started_on=DAY,
        override_reason="试点",
    )
    assert "赵敏" in _page(client, grid)


def test_the_links_that_follow_permissions_are_in_the_key(scene, secretary, office, login):
    """The secretary may end posts and the office may not: neither sees the other's cached page."""
    grid, end = scene.tree.grid, reverse("organizations:post_end", args=[scene.post.pk])
    assert end in _page(login(secretary), grid)
    assert end not in _page(login(office), grid)
    assert end in _page(login(secretary), grid)


def _roster(client, node, **query) -> str:
    url = reverse("organizations:member_list", args=[node.pk])
    return client.get(url, query).content.decode()


def test_a_rosters_second_view_reads_no_party_member(scene, secretary, login):
    client, committee = login(secretary), scene.tree.committee
    read = _second_view(lambda: _roster(client, committee), "李红")
    assert PartyMember._meta.db_table not in read


def test_each_query_of_a_roster_is_its_own_entry_and_follows_writes(scene, secretary, login):
    tree, client = scene.tree, login(secretary)
    committee = tree.committee
    MemberFactory(node=tree.building, name="王刚")
    assert "王刚" in _roster(client, committee) and "李红" in _roster(client, committee)
    only = _roster(client, committee, name="王")
    assert "王刚" in only and "李红" not in only
    assert "李红" in _roster(client, committee, page="1")  # another query, its own entry

    actions.member_update(actor=None, member=scene.member, name="李红英")
    assert "李红英" in _roster(client, committee)
    actions.unit_update(actor=None, unit=scene.unit, name="区燃气公司党委")
    actions.member_update(actor=None, member=scene.member, workplace=scene.unit)
    assert "区燃气公司党委" in _roster(client, committee)
    actions.node_update(actor=None, node=tree.building, name="2号楼")
    assert "2号楼" in _roster(client, committee)
    assert (
        client.get(
            reverse("organizations:member_list", args=[committee.pk]), {"page": "9"}
        ).status_code
        == 404
    )
