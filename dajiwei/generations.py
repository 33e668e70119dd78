"""Generation tokens: how a cache of figures computed from many rows is invalidated.

A cache keyed by the rows' contents would have to know every row; instead each cached value's
key holds the current *generation* of its source, a random token kept in the Django cache.
Every write that can change the figures replaces the token (`renew()`), so the next read
computes afresh and the old entries expire unread. The token is replaced again when the
transaction commits: a read racing the write, between the first renewal and the commit, would
otherwise store figures from before the write under the new token.

Keys name the database, so two databases sharing one cache (tests, the benchmark) never mix.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import connection, transaction


class Generation:
    def __init__(self, name: str):
        self.name = name

    def prefix(self) -> str:
        return f"{self.name}:{connection.settings_dict['NAME']}"

    def current(self) -> str:
        key = f"{self.prefix()}:generation"
        token = cache.get(key)
        if token is None:
            cache.add(key, uuid.uuid4().hex, None)  # two first readers agree on one token
            token = cache.get(key)
        return token

    def renew(self, **_signal_arguments) -> None:
        """Forget every value cached under this generation, now and again on commit."""
        self._replace()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(self._replace)

    def _replace(self) -> None:
        cache.set(f"{self.prefix()}:generation", uuid.uuid4().hex, None)
