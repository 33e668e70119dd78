"""The public grid page (S6): the grid's contact card and nothing personal beyond it."""

import datetime
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organizations import actions
from organizations.models import PostKind, PostSource
from residents import actions as res_actions
from tests.factories import MemberFactory
from tests.organizations.web import png_bytes, text


def _leader(scene):
    leader = MemberFactory(node=scene.tree.building, name="周网格长")
    post = actions.post_start(
        actor=None,
        node=scene.tree.grid,
        person=leader,
        kind=PostKind.GRID_LEADER,
        source=PostSource.APPOINTED,
        started_on=datetime.date(2026, 3, 1),
        override_reason="试点",
    )
    return leader, post


def test_public_grid_page_shows_posts_phones_but_no_id_or_address(scene, client):
    leader, _post = _leader(scene)
    response = client.get(reverse("organizations:public_grid", args=[scene.tree.grid.public_id]))
    page = text(response)
    assert response.status_code == 200
    assert scene.tree.grid.name in page and scene.tree.committee.name in page
    for person in (scene.member, leader):
        assert person.name in page and person.phone in page
        assert person.resident_id not in page and person.masked_resident_id not in page
    assert scene.household.address not in page and scene.tree.building.name not in page
    assert scene.recipient.name not in page


def test_the_card_shows_photo_duties_hours_and_map_and_nothing_else(scene, client):
    leader, post = _leader(scene)
    other = MemberFactory(node=scene.tree.building, name="吴其他")  # a member without a post
    photo = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    res_actions.contact_card_update(
        actor=None, post=post, duties="负责<b>环境</b>整治", photo=photo
    )
    res_actions.grid_card_update(
        actor=None, node=scene.tree.grid, service_hours="周一至周五 8:30-17:30"
    )
    grid = scene.tree.grid
    page = text(client.get(reverse("organizations:public_grid", args=[grid.public_id])))
    assert "负责&lt;b&gt;环境&lt;/b&gt;整治" in page and "<b>环境" not in page
    assert "周一至周五 8:30-17:30" in page
    photo_url = reverse("residents:public_photo", args=[grid.public_id, post.pk])
    map_url = reverse("residents:public_map", args=[grid.public_id])
    assert photo_url in page and map_url in page
    assert client.get(photo_url).status_code == 200
    assert client.get(map_url).status_code == 200
    for person in (scene.member, leader, other):
        assert person.resident_id not in page
        for field in ("birth_date", "joined_on"):
            value = getattr(person, field, None)
            if value:
                assert value.isoformat() not in page
    assert other.name not in page and other.phone not in page
    assert scene.household.address not in page and scene.recipient.name not in page


def test_a_photo_is_served_only_for_an_active_post_of_that_grid(scene, client):
    _leader_, post = _leader(scene)
    photo = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    res_actions.contact_card_update(actor=None, post=post, duties="", photo=photo)
    other_grid = scene.tree.other_grid
    assert (
        client.get(
            reverse("residents:public_photo", args=[other_grid.public_id, post.pk])
        ).status_code
        == 404
    )
    actions.post_end(actor=None, post=post, ended_on=datetime.date(2026, 6, 30))
    url = reverse("residents:public_photo", args=[scene.tree.grid.public_id, post.pk])
    assert client.get(url).status_code == 404


def test_an_ended_post_is_not_on_the_public_page(scene, client):
    actions.post_end(actor=None, post=scene.post, ended_on=datetime.date(2026, 6, 30))
    page = text(client.get(reverse("organizations:public_grid", args=[scene.tree.grid.public_id])))
    assert scene.member.name not in page


def test_only_grids_have_a_public_page(tree, client):
    for public_id in (tree.committee.public_id, tree.building.public_id, uuid.uuid4()):
        url = reverse("organizations:public_grid", args=[public_id])
        assert client.get(url).status_code == 404
        assert client.get(reverse("residents:public_map", args=[public_id])).status_code == 404
