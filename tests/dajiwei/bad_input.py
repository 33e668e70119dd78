"""Shared helpers of the bad-input tests (docs/security.md, "Bad input").

A form is posted as the user the permission matrix allows on its URL; whether the request wrote
is read from a digest of every table before and after, so "nothing written" means nothing, not
only the table a test thought of.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager

from django import forms
from django.db import connection, transaction
from django.test import Client

from meetings import annual
from organizations import actions as org_actions
from organizations.models import Role
from tests.elections.builders import build_scene, to_nomination, to_publicity
from tests.factories import UserFactory
from tests.organizations.test_permission_matrix import visitor
from tests.organizations.web import log_in

# A session's expiry and the login throttle's bookkeeping are not the form's doing.
NOT_THE_FORMS = ("django_session", "axes_accessattempt", "axes_accessfailurelog")


def snapshot() -> str:
    """A digest of every row of every table of the project (sessions and login throttling
    aside): two equal readings mean nothing was inserted, updated or deleted in between.

    PostgreSQL's own counters (pg_stat_xact_user_tables) would be cheaper but count the rows
    an action wrote and then rolled back as it refused.
    """
    assert connection.vendor == "postgresql", "the snapshot uses PostgreSQL's string_agg"
    tables = sorted(set(connection.introspection.table_names()) - set(NOT_THE_FORMS))
    quote = connection.ops.quote_name
    parts = " UNION ALL ".join(
        f"SELECT {i} AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS d"
        f" FROM {quote(table)} t"
        for i, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT md5(string_agg(d, '' ORDER BY n)) FROM ({parts}) s")
        return cursor.fetchone()[0]


def bound_forms(response) -> list[forms.BaseForm]:
    """The bound forms a rendered response carries in its context."""
    found = []
    contexts = response.context
    if not isinstance(contexts, list):  # one template rendered: a Context, not a ContextList
        contexts = [contexts] if contexts is not None else []
    for context in contexts:
        for value in context.flatten().values():
            if isinstance(value, forms.BaseForm) and value.is_bound and value not in found:
                found.append(value)
    return found


def field_errors(response, field: str) -> list[str] | None:
    """The errors of `field` on the page's bound form that has it; None if no form has it."""
    for form in bound_forms(response):
        if field in form.fields:
            return list(form.errors.get(field, ()))
    return None


@contextmanager
def undone(scene):
    """Run one row in a savepoint that is rolled back after it, and forget what the row's
    builders kept on the scene (the matrix's election meeting is built once and kept there):
    the next row builds afresh instead of pointing at rolled-back rows."""
    kept = dict(vars(scene))
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        vars(scene).clear()
        vars(scene).update(kept)


class Clients:
    """One logged-in client per role and node: making a user with a role costs more than a post.

    Made before the loop, outside the savepoints each row is undone in.
    """

    def __init__(self, scene, role_user, rows=(), actor="allowed"):
        self.scene, self.role_user, self.made = scene, role_user, {}
        for row in rows:
            self(row, actor)

    def __call__(self, row=None, actor="allowed", user=None):
        if user is not None:
            return log_in(Client(), user)
        key = (actor, row.allowed_role) if actor == "allowed" else (actor,)
        if key not in self.made:
            self.made[key] = log_in(Client(), visitor(actor, row, self.scene, self.role_user))
        return self.made[key]


# ---------------------------------------------------------------------------------------------
# Builders shared by the tables

# A theme party day as the schedule form takes it (both tables post it).
THEME_DAY = {
    "topic": "学习",
    "form": "lecture",
    "date": "2026-11-20",
    "start_time": "09:00",
    "end_time": "10:00",
    "place": "会议室",
}
COMMITMENT = {"year": 2026, "direction": "from_unit", "kind": "money", "description": "资助"}


def nomination_of(tree):
    """An election of `tree`'s community in publicity, and one of its candidates."""
    scene = to_publicity(build_scene(tree))
    return scene.election, scene.candidates[0]


def election_at_nomination(tree):
    """An election of `tree`'s community open for nominations."""
    return to_nomination(build_scene(tree)).election


def annual_meeting_of(committee):
    return annual.annual_meeting_schedule(
        actor=None,
        committee=committee,
        year=2026,
        date=datetime.date(2026, 12, 20),
        start_time=datetime.time(9),
        place="党群服务中心",
    )


def linked_member(s):
    """This community's member `s.member`, with a login holding the party member's role: the
    user of the member's own pages."""
    user = UserFactory()
    s.member.user = user
    s.member.save(update_fields=["user"])
    org_actions.role_grant(actor=None, user=user, node=s.tree.committee, role=Role.PARTY_MEMBER)
    return user
