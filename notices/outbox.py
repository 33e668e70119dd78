"""Handing task calls to the broker: after commit, through an outbox row.

Every enqueue() writes an Outbox row in the caller's transaction; once it commits, the row is
locked, the call handed to the broker and the row marked sent. If the broker cannot be reached
the row stays pending and `sweep()` (a periodic task) sends it later. The row lock (skip
locked) means the after-commit send and any number of sweeps never send one row twice.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Outbox

log = logging.getLogger(__name__)

PLAIN = (str, int, float, bool, type(None))


def check_plain(value, path="kwargs"):
    """Tasks take primary keys and plain values: refuse model instances and other objects."""
    if isinstance(value, PLAIN):
        return
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_plain(item, f"{path}[{i}]")
        return
    if isinstance(value, dict):
        for k, item in value.items():
            if not isinstance(k, str):
                raise TypeError(f"{path}: keys must be strings")
            check_plain(item, f"{path}[{k!r}]")
        return
    raise TypeError(f"{path} is a {type(value).__name__}: pass primary keys and plain values")


def celery_app():
    from dajiwei.celery import app

    return app


def _eager() -> bool:
    return bool(celery_app().conf.task_always_eager)


def store(task_name: str, kwargs: dict, key: str | None) -> Outbox | None:
    """Write the pending row (None when `key` is already pending) and send it after commit."""
    check_plain(kwargs)
    if key is not None and Outbox.objects.filter(key=key, sent_at__isnull=True).exists():
        return None
    try:
        with transaction.atomic():
            entry = Outbox.objects.create(task_name=task_name, kwargs=kwargs, key=key)
    except IntegrityError:  # the same key, enqueued at the same moment elsewhere
        return None
    transaction.on_commit(lambda: dispatch(entry.pk))
    return entry


def publish(task_name: str, kwargs: dict) -> None:
    """Hand one call to the broker without retrying: a broker that is down fails fast."""
    celery_app().send_task(task_name, kwargs=kwargs, retry=False, ignore_result=True)


def run_eagerly(task_name: str, kwargs: dict) -> None:
    app = celery_app()
    if task_name not in app.tasks:
        app.loader.import_default_modules()
    app.tasks[task_name].apply(kwargs=kwargs, throw=True)


def dispatch(pk: int) -> bool:
    """Send the pending row `pk` once; True if this call sent it."""
    eager = _eager()
    with transaction.atomic():
        entry = (
            Outbox.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, sent_at__isnull=True)
            .first()
        )
        if entry is None:
            return False
        entry.attempts += 1
        if not eager:
            try:
                publish(entry.task_name, entry.kwargs)
            except Exception as exc:  # noqa: BLE001 - any broker failure leaves the row pending
                entry.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                entry.save(update_fields=["attempts", "last_error"])
                log.warning("outbox %s: broker unreachable, left pending: %s", pk, exc)
                return False
        entry.sent_at = timezone.now()
        entry.last_error = ""
        entry.save(update_fields=["attempts", "sent_at", "last_error"])
    if eager:
        # In-process: marked sent first, then run outside the lock (at most once).
        run_eagerly(entry.task_name, entry.kwargs)
    return True


def sweep(limit: int = 500) -> int:
    """Send what is pending, oldest first; returns how many were sent."""
    pks = list(
        Outbox.objects.filter(sent_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in pks:
        if dispatch(pk):
            sent += 1
    return sent
