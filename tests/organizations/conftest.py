"""Fixtures of the page tests: one of each kind of record in the first street, and logins."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from organizations import actions
from organizations.models import PostKind, PostSource, RecipientKind, Role, UnitKind
from tests.factories import MemberFactory
from tests.organizations.web import log_in, png_bytes

DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def scene(tree, settings, tmp_path):
    """The tree plus a member, a unit, a household, a recipient, a grid post and a grid map."""
    settings.MEDIA_ROOT = tmp_path
    s = SimpleNamespace(tree=tree)
    s.member = MemberFactory(node=tree.building, name="李红")
    s.unit = actions.unit_create(
        actor=None,
        committee=tree.committee,
        linked_on=DAY,
        name="区供电公司党委",
        kind=UnitKind.STATE_ENTERPRISE,
        superior="区国资委",
    )
    s.household = actions.household_create(
        actor=None, node=tree.building, address="幸福路1号1单元101", people_count=3
    )
    s.recipient = actions.recipient_create(
        actor=None, node=tree.grid, name="张奶奶", kind=RecipientKind.ELDERLY
    )
    s.post = actions.post_start(
        actor=None,
        node=tree.grid,
        person=s.member,
        kind=PostKind.GRID_SECRETARY,
        source=PostSource.APPOINTED,
        started_on=DAY,
        override_reason="试点",
    )
    image = SimpleUploadedFile("map.png", png_bytes(), content_type="image/png")
    tree.grid = actions.node_update(actor=None, node=tree.grid, map_image=image)
    return s


@pytest.fixture
def login():
    """login(user) -> a new test client logged in as that user."""
    return lambda user: log_in(Client(), user)


@pytest.fixture
def secretary(tree, role_user):
    return role_user(Role.COMMUNITY_SECRETARY, tree.committee)


@pytest.fixture
def office(tree, role_user):
    """Community office staff: rosters yes, full ID numbers and phones no."""
    return role_user(Role.COMMUNITY_OFFICE, tree.committee)
