"""Breadcrumbs: the way down to a node, showing only the ancestors the user can see."""

import re

import pytest
from django.urls import reverse

from organizations.models import Role
from tests.organizations.web import text


def crumbs(page: str) -> list[str]:
    """The breadcrumb trail of a page: each entry's link (or "current" for the page itself)."""
    trail = re.search(r'<ol class="crumbs">(.*?)</ol>', page, re.S)
    assert trail, "the page has no breadcrumbs"
    return [
        href or "current"
        for href in re.findall(r'<li(?: aria-current="page")?>(?:<a href="([^"]+)">)?', trail[1])
    ]


def test_district_staff_see_the_whole_way_down(tree, role_user, login):
    client = login(role_user(Role.DISTRICT_STAFF, tree.district))
    page = text(client.get(reverse("organizations:node", args=[tree.grid.pk])))
    assert crumbs(page) == [
        tree.district.get_absolute_url(),
        tree.street.get_absolute_url(),
        tree.committee.get_absolute_url(),
        "current",
    ]
    assert tree.grid.name in page


def test_a_community_secretary_sees_no_link_to_the_street_or_district(tree, secretary, login):
    page = text(login(secretary).get(reverse("organizations:node", args=[tree.building.pk])))
    assert crumbs(page) == [
        tree.committee.get_absolute_url(),
        tree.grid.get_absolute_url(),
        "current",
    ]
    assert tree.street.get_absolute_url() not in page
    assert tree.district.get_absolute_url() not in page
    assert tree.street.name not in page and tree.district.name not in page


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("organizations:member_list", "grid"),
        ("organizations:household_list", "building"),
        ("organizations:node_create", "grid"),
        ("organizations:node_update", "grid"),
        ("organizations:member_create", "building"),
        ("organizations:household_create", "building"),
        ("organizations:node_roles", "committee"),
        ("organizations:role_grant", "committee"),
    ],
)
def test_node_scoped_lists_and_forms_end_with_their_node(tree, secretary, login, name, where):
    node = getattr(tree, where)
    page = text(login(secretary).get(reverse(name, args=[node.pk])))
    trail = crumbs(page)
    assert trail[-1] == node.get_absolute_url()
    assert tree.street.get_absolute_url() not in trail


def test_a_form_about_a_record_ends_with_the_records_node(scene, secretary, login):
    page = text(login(secretary).get(reverse("organizations:post_end", args=[scene.post.pk])))
    assert crumbs(page) == [
        scene.tree.committee.get_absolute_url(),
        scene.tree.grid.get_absolute_url(),
    ]
