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
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction

TIMEOUT = 24 * 3600  # a day; a write replaces the generation, and the entries expire unread


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

    def renew_on_writes(self, labels) -> None:
        """Renew on every save or delete of these models ("app_label.Model") and on every
        django-mptt move of an organisation; called from an AppConfig.ready(). A bulk write or
        QuerySet.update() sends no signal: its caller renews."""
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save
        from mptt.signals import node_moved

        for label in labels:
            model, uid = apps.get_model(label), f"{self.name}-{label}"
            post_save.connect(self.renew, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(self.renew, sender=model, dispatch_uid=f"{uid}-delete")
        node_moved.connect(
            self.renew,
            sender=apps.get_model("organizations.OrgNode"),
            dispatch_uid=f"{self.name}-move",
        )

    def get_or_build(self, key: str, build: Callable[[], object], timeout: int = TIMEOUT):
        """The value cached under `key` (which holds current()), or `build()`'s, stored."""
        found = cache.get(key)
        if found is None:
            found = build()
            cache.set(key, found, timeout)
        return found
