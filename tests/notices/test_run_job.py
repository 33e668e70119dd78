"""`manage.py run_job`: lists the schedule, runs one entry once by name."""

import io

import pytest
from django.core.management import CommandError, call_command

from notices.models import Notification, Outbox
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("run_job", *args, stdout=out)
    return out.getvalue()


def test_lists_the_schedule(settings):
    assert "notices-sweep-outbox\tnotices.sweep_outbox" in run()


def test_runs_an_entry_by_name_synchronously(settings):
    user = UserFactory()
    settings.CELERY_BEAT_SCHEDULE = {
        **settings.CELERY_BEAT_SCHEDULE,
        "test-greet": {
            "task": "tests.notices.greet",
            "schedule": 60.0,
            "kwargs": {"user_id": user.pk, "notice_key": "scheduled"},
        },
    }
    assert run("test-greet").endswith("→ True\n")
    assert run("test-greet").endswith("→ False\n")  # idempotent: the second run stores nothing
    assert Notification.objects.filter(user=user, key="scheduled").count() == 1


def test_runs_the_sweep(eager):
    user = UserFactory()
    Outbox.objects.create(
        task_name="tests.notices.greet", kwargs={"user_id": user.pk, "notice_key": "swept"}
    )
    assert run("notices-sweep-outbox").endswith("→ 1\n")
    assert Notification.objects.filter(user=user, key="swept").exists()
    assert run("notices-sweep-outbox").endswith("→ 0\n")


def test_unknown_name_fails_with_the_known_ones():
    with pytest.raises(CommandError, match="notices-sweep-outbox"):
        run("no-such-job")
