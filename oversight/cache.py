"""The dashboards' tables, cached per scope, year, day and language (ADR 0007).

A dashboard's figures are the same for everyone who may open it (the page's gate implies
seeing the whole scope), and change only when one of the rows they are computed from is
written. So the page's tables (and their rendered markup) are kept in the Django cache under a
*generation* token: every save or delete of a model the figures read (`WATCHED`), and every
django-mptt move, replaces the token, immediately and again when the transaction commits (a
read racing the write cannot keep a stale entry; dajiwei/generations.py). The key also
holds the subtree counts' generation (`organizations.counts.generation`), so the writers that
send no signals and call `counts.invalidate()` (bulk tree creation, imports, the seed,
`manage.py refresh_counts`) invalidate the dashboards as well. The day is part of the key:
"this month" and the months due move with it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import translation

from dajiwei.generations import Generation
from organizations import counts

TIMEOUT = 24 * 3600  # a day; the day in the key and any write replace it sooner

# "app_label.Model" of every model whose rows a dashboard figure reads (oversight.selectors and
# what it calls: the meetings board, the composition rules).
WATCHED = (
    "organizations.OrgNode",
    "organizations.PartyMember",
    "organizations.Post",
    "meetings.ThemeDay",
    "elections.Election",
    "services.Agreement",
    "services.DualRegistration",
    "services.ServiceRecord",
    "services.Fund",
    "services.FundIncome",
    "services.FundSpend",
    "residents.Matter",
)


GENERATION = Generation("dashboards")


def generation() -> str:
    return GENERATION.current()


def invalidate(**_ignored) -> None:
    """Forget every cached dashboard, now and again when the current transaction commits."""
    GENERATION.renew()


def key(*parts) -> str:
    """The cache key of `parts` (scope, year, day, ...) under the current generations."""
    language = translation.get_language() or ""
    what = ":".join(str(p) for p in parts)
    return f"{GENERATION.prefix()}:{generation()}:{counts.generation()}:{language}:{what}"


def get_or_build(name: str, build: Callable[[], object]):
    """The cached value under `name` (from key()), or `build()`'s, stored for the next reader."""
    return GENERATION.get_or_build(name, build, TIMEOUT)


def connect() -> None:
    """Renew the generation on every write of a watched model (from AppConfig.ready)."""
    GENERATION.renew_on_writes(WATCHED)
