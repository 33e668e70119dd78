"""Tasks for the notices tests; a real worker loads them with `--include`."""

from celery import shared_task
from django.contrib.auth import get_user_model

from notices.api import claim_job, notify


@shared_task(name="tests.notices.finish_job")
def finish_job(*, job_id: int, parts: int = 3) -> str:
    job = claim_job(job_id)
    if job is None:
        return "skipped"
    job.advance(step=0, total=parts)
    for _ in range(parts):
        job.advance()
    job.finish(b"%PDF-1.4 fake", filename="report.pdf")
    return "done"


@shared_task(name="tests.notices.greet")
def greet(*, user_id: int, notice_key: str = "greet") -> bool:
    user = get_user_model().objects.get(pk=user_id)
    return notify(user=user, key=notice_key, subject="你好") is not None


@shared_task(name="tests.notices.slow_job")
def slow_job(*, job_id: int, parts: int = 6, pause: float = 0.5) -> str:
    """A job long enough to kill its worker midway; it tells its starter once when done."""
    import time

    job = claim_job(job_id)
    if job is None:
        return "skipped"
    job.advance(step=0, total=parts)
    for _ in range(parts):
        time.sleep(pause)
        job.advance()
    job.finish(b"%PDF-1.4 fake", filename="report.pdf")
    notify(user=job.actor, key=f"slow-job:{job.pk}", subject="报告已生成")
    return "done"
