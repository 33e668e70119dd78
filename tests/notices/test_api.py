"""notify(), enqueue() and start_job(): idempotence, after-commit, the outbox."""

import time

import pytest
from django.core import mail
from django.db import transaction

from notices import api
from notices.models import JobRun, Notification, Outbox
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_is_idempotent_per_user_and_key():
    user, other = UserFactory(), UserFactory()
    first = api.notify(user=user, key="m1:2026-11", subject="请召开主题党日")
    assert first is not None
    assert api.notify(user=user, key="m1:2026-11", subject="again") is None
    assert api.notify(user=other, key="m1:2026-11", subject="请召开主题党日") is not None
    assert Notification.objects.filter(user=user).count() == 1
    assert Notification.objects.get(user=user).subject == "请召开主题党日"


def test_notify_emails_once(eager, django_capture_on_commit_callbacks):
    user = UserFactory(email="wang@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        api.notify(user=user, key="k", subject="会议提醒", body="明天9点", email=True)
        api.notify(user=user, key="k", subject="会议提醒", body="明天9点", email=True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wang@example.org"]
    assert Notification.objects.get(user=user).emailed_at is not None


def test_notify_without_address_sends_no_email(eager, django_capture_on_commit_callbacks):
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        api.notify(user=user, key="k", subject="s", email=True)
    assert mail.outbox == []
    assert Outbox.objects.count() == 0


def test_enqueue_refuses_model_instances():
    with pytest.raises(TypeError):
        api.enqueue("tests.notices.greet", user=UserFactory(), key2="x")


def test_enqueue_runs_after_commit_in_eager_mode(eager, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        api.enqueue("tests.notices.greet", user_id=user.pk, notice_key="after-commit")
        assert not Notification.objects.filter(user=user).exists()  # not yet
    assert Notification.objects.filter(user=user, key="after-commit").exists()
    assert Outbox.objects.get().sent_at is not None


def test_enqueue_rolled_back_sends_nothing(eager, django_capture_on_commit_callbacks):
    user = UserFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        api.enqueue("tests.notices.greet", user_id=user.pk, key="rolled-back")
        raise RuntimeError
    assert callbacks == []
    assert not Outbox.objects.exists()
    assert not Notification.objects.filter(user=user).exists()


def test_enqueue_key_is_pending_once(broker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        api.enqueue("tests.notices.greet", key="once", user_id=1)
        api.enqueue("tests.notices.greet", key="once", user_id=1)
    assert Outbox.objects.filter(key="once", sent_at__isnull=True).count() == 1


def test_broker_down_enqueue_returns_quickly_and_waits_in_outbox(
    broker_down, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        api.enqueue("tests.notices.greet", user_id=1, key="down")
    assert time.monotonic() - started < 2
    entry = Outbox.objects.get()
    assert entry.sent_at is None
    assert entry.attempts == 1
    assert entry.last_error


def test_start_job_runs_its_task_with_progress(eager, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        job = api.start_job(actor=user, kind="report", task_name="tests.notices.finish_job")
    job.refresh_from_db()
    assert job.status == JobRun.Status.DONE
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.result.read() == b"%PDF-1.4 fake"
    # delivered twice: the second run does nothing
    assert api.claim_job(job.pk) is None


def test_job_fail_records_the_message():
    job = JobRun.objects.create(actor=UserFactory(), kind="k", task_name="t")
    job.advance(total=10, step=4)
    assert job.percent == 40
    job.fail("字体缺失")
    job.refresh_from_db()
    assert job.status == JobRun.Status.FAILED
    assert job.message == "字体缺失"
    job.advance()  # a late report does not revive it
    assert job.status == JobRun.Status.FAILED
