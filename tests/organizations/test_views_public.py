"""The public grid page: the grid's responsible persons and nothing personal beyond that."""

import datetime
import uuid

from django.urls import reverse

from organizations import actions
from organizations.models import PostKind, PostSource
from tests.factories import MemberFactory
from tests.organizations.web import text


def test_public_grid_page_shows_posts_phones_but_no_id_or_address(scene, client):
    leader = MemberFactory(node=scene.tree.building, name="周网格长")
    actions.post_start(
        actor=None,
        node=scene.tree.grid,
        person=leader,
        kind=PostKind.GRID_LEADER,
        source=PostSource.APPOINTED,
        started_on=datetime.date(2026, 3, 1),
        override_reason="试点",
    )
    response = client.get(reverse("organizations:public_grid", args=[scene.tree.grid.public_id]))
    page = text(response)
    assert response.status_code == 200
    assert scene.tree.grid.name in page and scene.tree.committee.name in page
    for person in (scene.member, leader):
        assert person.name in page and person.phone in page
        assert person.resident_id not in page and person.masked_resident_id not in page
    assert scene.household.address not in page and scene.tree.building.name not in page
    assert scene.recipient.name not in page


def test_an_ended_post_is_not_on_the_public_page(scene, client):
    actions.post_end(actor=None, post=scene.post, ended_on=datetime.date(2026, 6, 30))
    page = text(client.get(reverse("organizations:public_grid", args=[scene.tree.grid.public_id])))
    assert scene.member.name not in page


def test_only_grids_have_a_public_page(tree, client):
    for public_id in (tree.committee.public_id, tree.building.public_id, uuid.uuid4()):
        url = reverse("organizations:public_grid", args=[public_id])
        assert client.get(url).status_code == 404
