"""Progress of long jobs: what a task calls through JobRun.advance()/finish()/fail()."""

from __future__ import annotations

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import JobRun


def claim(job_id: int) -> JobRun | None:
    """The job to work on, marked running; None if it finished already (a task run twice)."""
    job = JobRun.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return None
    # A job claimed while running was delivered again after its worker died midway: the work
    # starts over, so its progress does too (or it would count past its total).
    JobRun.objects.filter(pk=job.pk).update(
        status=JobRun.Status.RUNNING, started_at=Coalesce(F("started_at"), timezone.now()), done=0
    )
    job.refresh_from_db()
    return job


def advance(job: JobRun, *, step: int = 1, done: int | None = None, total: int | None = None):
    changes = {"status": JobRun.Status.RUNNING}
    changes["done"] = done if done is not None else F("done") + step
    if total is not None:
        changes["total"] = total
    JobRun.objects.filter(pk=job.pk).exclude(
        status__in=[JobRun.Status.DONE, JobRun.Status.FAILED]
    ).update(started_at=Coalesce(F("started_at"), timezone.now()), **changes)
    job.refresh_from_db(fields=["status", "done", "total", "started_at"])


@transaction.atomic
def finish(job: JobRun, *, result_file=None, filename: str = "result", url: str = ""):
    job = JobRun.objects.select_for_update().get(pk=job.pk) if job.pk else job
    if result_file is not None:
        if isinstance(result_file, bytes):
            result_file = ContentFile(result_file)
        elif not isinstance(result_file, File):
            result_file = File(result_file)
        job.result.save(filename, result_file, save=False)
    job.result_url = url
    job.status = JobRun.Status.DONE
    if job.total:
        job.done = job.total
    job.finished_at = timezone.now()
    job.save()
    return job


def fail(job: JobRun, *, message: str = ""):
    JobRun.objects.filter(pk=job.pk).update(
        status=JobRun.Status.FAILED, message=message[:2000], finished_at=timezone.now()
    )
    job.refresh_from_db(fields=["status", "message", "finished_at"])
