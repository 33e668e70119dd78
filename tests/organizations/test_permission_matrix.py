"""Every URL of the project against every kind of visitor.

The URL patterns are read from the resolver, so a new page without a row fails
`test_every_url_pattern_has_a_row`. Each area keeps its rows (tests/<app>/matrix_rows*.py);
each row builds its URL from the `scene` fixture (first street) and says what four visitors
get: nobody logged in, staff of the other street, a user in scope without the permission (a
party member of the community), and a user allowed to.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from organizations.models import Role
from tests.matrix import ACTORS, LOGIN, REDIRECT, Row
from tests.organizations.web import log_in


def _gather_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.rsplit(".", 1)[-1].startswith("matrix_rows"):
            found = importlib.import_module(module.name).ROWS
            assert not set(found) & set(rows), f"{module.name} repeats a row"
            rows.update(found)
    return rows


ROWS = _gather_rows()


def url_names(patterns=None, namespace="") -> list[str]:
    """Every URL pattern of the project, by its (namespaced) name; static serving aside."""
    names = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            if pattern.callback.__module__ == "django.views.static":
                continue
            names.append(f"{namespace}{pattern.name}" if pattern.name else f"<{pattern.pattern}>")
    return names


def test_every_url_pattern_has_a_row():
    names = url_names()
    assert len(names) == len(set(names)), "two URL patterns share a name"
    assert sorted(set(names) - set(ROWS)) == [], "add a row to ROWS for each new URL"
    assert sorted(set(ROWS) - set(names)) == [], "ROWS lists a URL that no longer exists"


def visitor(actor: str, row: Row, scene, role_user):
    tree = scene.tree
    if actor == "anonymous":
        return None
    if actor == "outsider":
        return role_user(Role.STREET_STAFF, tree.other_street)
    if actor == "lacking":
        return role_user(Role.PARTY_MEMBER, tree.committee)
    role, where = row.allowed_role
    return role_user(role, getattr(tree, where))


def outcome(response) -> int | str:
    if response.status_code == 302:
        return LOGIN if response.url.startswith(reverse("login") + "?next=") else REDIRECT
    return response.status_code


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(ROWS))
def test_url_answers_each_visitor_as_expected(name, actor, scene, role_user, client):
    row = ROWS[name]
    user = visitor(actor, row, scene, role_user)
    if user is not None:
        log_in(client, user)
    url = reverse(name, kwargs=row.kwargs(scene))
    response = getattr(client, row.method)(url, row.data)
    assert outcome(response) == getattr(row, actor), f"{row.method.upper()} {url} as {actor}"
