"""The permission matrix's vocabulary: a row per URL name says what four visitors get.

Each area lists its rows in its own module (tests/<app>/matrix_rows*.py, a ROWS dict);
tests/organizations/test_permission_matrix.py gathers them and fails on a URL without a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from organizations.models import Role

LOGIN = "login redirect"
REDIRECT = "redirect"
ACTORS = ("anonymous", "outsider", "lacking", "allowed")


@dataclass(frozen=True)
class Row:
    """`kwargs(scene)` builds the URL's kwargs; the rest are the expected outcomes."""

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


EVERYONE = {"anonymous": 200, "outsider": 200, "lacking": 200, "allowed": 200}
NOT_SCOPED = {"outsider": 200, "lacking": 200}  # pages of the user's own account or scope
