"""Every URL of the project against every kind of visitor.

The URL patterns are read from the resolver, so a new page without a row here fails
`test_every_url_pattern_has_a_row`. Each row builds its URL from the `scene` fixture (first
street) and says what four visitors get: nobody logged in, staff of the other street, a user
in scope without the permission (a party member of the community), and a user allowed to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from organizations import actions
from organizations.models import Role
from tests.factories import UserFactory
from tests.organizations.web import log_in

LOGIN = "login redirect"
REDIRECT = "redirect"
ACTORS = ("anonymous", "outsider", "lacking", "allowed")


@dataclass(frozen=True)
class Row:
    kwargs: Callable = lambda s: {}
    anonymous: int | str = LOGIN
    outsider: int | str = 404  # another street's staff: the object is outside their scope
    lacking: int | str = 403  # a party member of the community: in scope, view only
    allowed: int | str = 200
    allowed_role: tuple[str, str] = (Role.COMMUNITY_SECRETARY, "committee")
    method: str = "get"
    data: dict = field(default_factory=dict)


def on(attr):
    return lambda s: {"pk": getattr(s.tree, attr).pk}


def obj(attr):
    return lambda s: {"pk": getattr(s, attr).pk}


def direct_role(s):
    """A community-office role granted directly on the committee, for ending."""
    assignment = actions.role_grant(
        actor=None, user=UserFactory(), node=s.tree.committee, role=Role.COMMUNITY_OFFICE
    )
    return {"pk": assignment.pk}


EVERYONE = {"anonymous": 200, "outsider": 200, "lacking": 200, "allowed": 200}
NOT_SCOPED = {"outsider": 200, "lacking": 200}  # pages of the user's own account or scope

ROWS: dict[str, Row] = {
    # The project's own URLs
    "home": Row(anonymous=REDIRECT, outsider=REDIRECT, lacking=REDIRECT, allowed=REDIRECT),
    "login": Row(**EVERYONE),
    "logout": Row(
        method="post", anonymous=REDIRECT, outsider=REDIRECT, lacking=REDIRECT, allowed=REDIRECT
    ),
    "password_change": Row(**NOT_SCOPED),
    "password_change_done": Row(**NOT_SCOPED),
    # The tree
    "organizations:navigator": Row(**NOT_SCOPED),
    "organizations:node": Row(on("committee"), lacking=200),
    "organizations:node_create": Row(on("committee")),
    "organizations:node_update": Row(on("committee")),
    "organizations:node_map": Row(on("grid"), lacking=200),
    # Party members
    "organizations:member_list": Row(on("committee")),
    "organizations:member_create": Row(on("committee")),
    "organizations:member": Row(obj("member")),
    "organizations:member_update": Row(obj("member")),
    "organizations:member_reveal": Row(obj("member"), method="post"),
    # Member units
    "organizations:unit_list": Row(on("committee")),
    "organizations:unit_create": Row(on("committee")),
    "organizations:unit": Row(obj("unit"), lacking=200),
    "organizations:unit_update": Row(obj("unit")),
    "organizations:unit_link": Row(obj("unit")),
    # Households and service recipients
    "organizations:household_list": Row(on("committee")),
    "organizations:household_create": Row(on("building")),
    "organizations:household_update": Row(obj("household")),
    "organizations:recipient_list": Row(on("grid")),
    "organizations:recipient_create": Row(on("grid")),
    "organizations:recipient_update": Row(obj("recipient")),
    # Posts
    "organizations:post_start": Row(on("committee")),
    "organizations:post_end": Row(obj("post")),
    # Roles
    "organizations:node_roles": Row(on("committee")),
    "organizations:role_grant": Row(on("committee")),
    "organizations:role_end": Row(direct_role, method="post", allowed=REDIRECT),
    # The audit log: district staff only, wherever the others stand
    "organizations:audit": Row(
        outsider=403, lacking=403, allowed_role=(Role.DISTRICT_STAFF, "district")
    ),
    # For residents
    "organizations:public_grid": Row(lambda s: {"public_id": s.tree.grid.public_id}, **EVERYONE),
}


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
