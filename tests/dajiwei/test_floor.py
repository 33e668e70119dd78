"""The benchmark's floor: session login, the base layout and exactly one query of its own."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import Role
from tests.factories import node
from tests.organizations.web import log_in

SESSION_AND_USER = 2  # the session row, then the user it names


def layout_queries(user) -> int:
    """What base.html costs by itself for `user` (its navigation asks about the audit log)."""
    request = RequestFactory().get("/")
    request.user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as captured:
        render_to_string("base.html", request=request)
    return len(captured)


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("floor"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('floor')}"


@pytest.mark.parametrize(
    "role, where",
    [(Role.COMMUNITY_SECRETARY, "committee"), (Role.DISTRICT_STAFF, "district")],
)
def test_the_floor_costs_session_user_layout_and_one_query(
    role, where, tree, role_user, client, django_assert_num_queries
):
    user = role_user(role, getattr(tree, where))
    log_in(client, user)
    url = reverse("floor")
    client.get(url)  # warm the per-process caches (content types, translations)
    layout = layout_queries(user)
    with django_assert_num_queries(SESSION_AND_USER + layout + 1) as captured:
        response = client.get(url)
    assert response.status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    assert "django_session" in sql[0]
    assert "auth_user" in sql[1]
    own = [q for q in sql if "COUNT(*)" in q and "organizations_orgnode" in q]
    assert len(own) == 1
    page = response.content.decode()
    assert reverse("logout") in page  # the base layout's navigation, as on every page


def test_the_floor_does_not_grow_with_the_tree(tree, role_user, client):
    user = role_user(Role.DISTRICT_STAFF, tree.district)
    log_in(client, user)
    url = reverse("floor")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(30):
        node(tree.district, f"新街道{i}")
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)
