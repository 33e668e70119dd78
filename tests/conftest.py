"""Shared fixtures: a small tree, users with roles, and the services switch.

Tests marked `postgres` or `redis` need those services; without them they skip with a
reason, and with REQUIRE_SERVICES=1 (CI) any skip is a failure.
"""

import os

import pytest
from django.db import connection

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _missing("PostgreSQL (set DATABASE_URL)")
    if item.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        _missing("Redis (set REDIS_URL)")


def _missing(what):
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {what} is not available")
    pytest.skip(f"needs {what}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped under REQUIRE_SERVICES=1: {report.longrepr}"


# ---------------------------------------------------------------------------------------------
# A small tree with one user per role


class Tree:
    """District → streets A and B → one community each → grid → building → household."""


@pytest.fixture
def tree(db):
    from tests.factories import node

    t = Tree()
    t.district = node(None, "示范区")
    t.street = node(t.district, "东城街道")
    t.other_street = node(t.district, "西城街道")
    t.committee = node(t.street, "幸福社区大党委")
    t.other_committee = node(t.other_street, "和平社区大党委")
    t.grid = node(t.committee, "第一网格")
    t.other_grid = node(t.other_committee, "和平第一网格")
    t.building = node(t.grid, "1号楼")
    t.other_building = node(t.other_grid, "和平1号楼")
    t.household = node(t.building, "1号楼101党员中心户")
    return t


@pytest.fixture
def role_user(tree):
    """role_user(role, node, unit=None) -> a user holding that role on that node."""
    from organizations import actions
    from tests.factories import UserFactory

    def make(role, node, unit=None):
        user = UserFactory()
        actions.role_grant(actor=None, user=user, node=node, role=role, unit=unit)
        return user

    return make
