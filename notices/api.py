"""What other apps use: notify(), enqueue(), start_job() (docs/decisions/0004)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from . import jobs, outbox
from .models import JobRun, Notification

__all__ = ["notify", "enqueue", "start_job", "claim_job", "JobRun", "Notification"]


def notify(
    *, user, key: str, subject: str, body: str = "", url: str = "", node=None, email: bool = False
):
    """Store one in-app notification for `user`; idempotent per (user, key): a second call with
    the same key returns None and stores nothing. With email=True and an address on the user,
    also send an email (Django's email backend) once."""
    if Notification.objects.filter(user=user, key=key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                key=key[:200],
                subject=subject[:200],
                body=body,
                url=url[:500],
                node=node,
            )
    except IntegrityError:  # the same key, stored at the same moment elsewhere
        return None
    if email and getattr(user, "email", ""):
        enqueue(
            "notices.send_notification_email",
            key=f"notices.email:{notification.pk}",
            notification_id=notification.pk,
        )
    return notification


def enqueue(task_name: str, *, key: str | None = None, **kwargs) -> None:
    """Send the Celery task `task_name` with keyword arguments (primary keys and plain values
    only) after the current transaction commits. If the broker cannot be reached (Redis down)
    within a short timeout, the request does not fail: the call is stored in an outbox table and
    a periodic sweep sends it later. `key` makes enqueuing idempotent (the same key is sent at
    most once while pending).

    The task itself therefore never receives an argument named `key`. In tests (eager mode,
    `django_db`), run the callbacks with `django_capture_on_commit_callbacks(execute=True)`."""
    outbox.store(task_name, kwargs, key)


def start_job(*, actor, kind: str, task_name: str, node=None, **kwargs) -> JobRun:
    """Record a long job (e.g. a batch of PDFs) and enqueue its task; the task receives
    job_id=... and reports progress with JobRun.advance()/finish(result_file or url)/fail(message).
    The page that started it shows a progress partial polled with htmx:
    `{% include "notices/job_progress.html" with job=job %}`, served by a URL only the job's
    actor (or staff with VIEW on its node: VIEW_ROSTER, which party members lack) can read.
    `actor` may be None for a job started by the schedule. Like enqueue(), the task's keyword
    arguments cannot be named `key`."""
    with transaction.atomic():
        job = JobRun.objects.create(actor=actor, kind=kind, task_name=task_name, node=node)
        enqueue(task_name, key=f"notices.job:{job.pk}", job_id=job.pk, **kwargs)
    return job


def claim_job(job_id: int) -> JobRun | None:
    """In a job's task: the JobRun marked running, or None if it already finished (so a task
    delivered twice does its work once)."""
    return jobs.claim(job_id)
