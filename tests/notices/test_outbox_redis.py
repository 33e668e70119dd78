"""Against the real services: Redis down then back, two sweeps at once, a real worker."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from notices import api, outbox
from notices.models import JobRun, Notification, Outbox
from notices.testing import CLOSED_PORT, broker_at
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _start_worker(media_root, **extra_env) -> subprocess.Popen:
    """`celery -A dajiwei worker` against Redis and the test database, one process (solo)."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "REDIS_URL": os.environ["REDIS_URL"],
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "SECRET_KEY": "x",
        "MEDIA_ROOT": str(media_root),
        **extra_env,
    }
    if db.get("PASSWORD"):
        env["DATABASE_URL"] = env["DATABASE_URL"].replace("@", f":{db['PASSWORD']}@", 1)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "dajiwei",
            "worker",
            "--include",
            "tests.notices.worker_tasks",
            "--pool",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()


@pytest.mark.redis
@pytest.mark.django_db
def test_redis_down_then_back_each_entry_sent_once(redis_queue, django_capture_on_commit_callbacks):
    with broker_at(CLOSED_PORT):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            for i in range(3):
                api.enqueue("tests.notices.greet", user_id=i + 1, notice_key=f"k{i}")
        assert time.monotonic() - started < 2
    assert Outbox.objects.filter(sent_at__isnull=True).count() == 3
    assert redis_queue.llen("celery") == 0

    # the broker is back (redis_queue's): the sweep hands each entry over once
    assert outbox.sweep() == 3
    assert outbox.sweep() == 0
    assert redis_queue.llen("celery") == 3
    assert not Outbox.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_never_send_twice(redis_queue):
    Outbox.objects.bulk_create(
        Outbox(task_name="tests.notices.greet", kwargs={"user_id": i}) for i in range(40)
    )
    counts = []

    def sweep():
        try:
            counts.append(outbox.sweep())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(counts) == 40
    assert redis_queue.llen("celery") == 40
    assert not Outbox.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_job(redis_queue, tmp_path):
    """`celery -A dajiwei worker` against Redis and the test database runs a job to its end,
    and what waited in the outbox while Redis was down runs once the sweep sends it."""
    worker = _start_worker(tmp_path)
    try:
        user = UserFactory()
        with broker_at(CLOSED_PORT):
            api.enqueue("tests.notices.greet", user_id=user.pk, notice_key="while-down")
        assert Outbox.objects.filter(sent_at__isnull=True).count() == 1
        assert outbox.sweep() == 1  # Redis is back
        job = api.start_job(actor=user, kind="report", task_name="tests.notices.finish_job")
        api.enqueue("tests.notices.greet", user_id=user.pk, notice_key="from-worker")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            done = Notification.objects.filter(key__in=["from-worker", "while-down"]).count()
            if job.finished and done == 2:
                break
            assert worker.poll() is None, worker.stdout.read().decode()
            time.sleep(0.3)
        assert job.status == JobRun.Status.DONE, job.status
        assert job.done == job.total == 3
        assert job.result.name.endswith("report.pdf")
        assert Notification.objects.filter(user=user, key="from-worker").exists()
        assert Notification.objects.filter(user=user, key="while-down").count() == 1
        assert Outbox.objects.filter(sent_at__isnull=True).count() == 0
    finally:
        _stop(worker)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_leaves_it_to_another_that_finishes_it_once(redis_queue, tmp_path):
    """The task is acknowledged only when it ends (CELERY_TASK_ACKS_LATE): a worker killed with
    SIGKILL mid-job leaves the message unacknowledged; once the visibility timeout passes, the
    next worker gets it again, starts the job over, and finishes it once."""
    quick = {"CELERY_VISIBILITY_TIMEOUT": "3"}
    first = _start_worker(tmp_path, **quick)
    second = None
    try:
        user = UserFactory()
        job = api.start_job(
            actor=user, kind="report", task_name="tests.notices.slow_job", parts=6, pause=0.5
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.done >= 2:
                break
            assert first.poll() is None, first.stdout.read().decode()
            time.sleep(0.1)
        assert job.status == JobRun.Status.RUNNING and 2 <= job.done < 6
        first.kill()  # SIGKILL: no chance to acknowledge or to finish
        first.wait(timeout=15)
        time.sleep(3.5)  # the visibility timeout
        second = _start_worker(tmp_path, **quick)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            # The task tells its starter after it finishes the job: wait for both.
            told = Notification.objects.filter(user=user, key=f"slow-job:{job.pk}").exists()
            if job.finished and told:
                break
            assert second.poll() is None, second.stdout.read().decode()
            time.sleep(0.2)
        assert job.status == JobRun.Status.DONE, job.status
        assert job.done == job.total == 6  # started over, not counted on from where it died
        assert len(list((tmp_path / "jobs").rglob("*.pdf"))) == 1
        assert Notification.objects.filter(user=user, key=f"slow-job:{job.pk}").count() == 1
    finally:
        _stop(first)
        if second is not None:
            _stop(second)
