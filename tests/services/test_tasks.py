"""S1 deadline reminders: who is told, when, and only once per project and deadline."""

import datetime
import sys
import types

import pytest

from organizations.models import Role
from services import actions, tasks
from tests.services import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """Record notify() calls, idempotent per user and key like notices.api.notify."""
    calls = {}

    def notify(*, user, key, subject, body="", url="", node=None, email=False):
        calls.setdefault((user.pk, key), (subject, body, url))

    try:
        import notices.api

        monkeypatch.setattr(notices.api, "notify", notify)
    except ImportError:
        module = types.ModuleType("notices.api")
        module.notify = notify
        monkeypatch.setitem(sys.modules, "notices", types.ModuleType("notices"))
        monkeypatch.setitem(sys.modules, "notices.api", module)
    return calls


def test_unfinished_projects_due_soon_remind_the_office_and_the_unit_contact(
    scene, role_user, office, sent
):
    contact = role_user(Role.UNIT_CONTACT, scene.tree.committee, unit=scene.unit)
    outsider = role_user(Role.COMMUNITY_OFFICE, scene.tree.other_committee)
    agreement = builders.agreement(scene.tree.committee, scene.unit, projects=2)
    first, second = agreement.projects.order_by("pk")
    actions.project_progress(actor=None, project=second, progress=100)
    tasks.remind_project_deadlines("2026-11-23")  # 8 days ahead of 12-01: nothing yet
    assert sent == {}
    assert tasks.remind_project_deadlines("2026-11-24") == 2
    assert {user for user, _key in sent} == {office.pk, contact.pk}
    assert outsider.pk not in {user for user, _key in sent}
    subject, body, url = next(iter(sent.values()))
    assert "共建项目1" in subject and "2026-12-01" in subject and "王强" in body
    assert url == f"/agreements/{agreement.pk}/"
    tasks.remind_project_deadlines("2026-11-25")
    assert len(sent) == 2  # the same key: told once
    tasks.remind_project_deadlines("2026-12-02")  # overdue: a second, different reminder
    assert len(sent) == 4


def test_the_job_is_scheduled(settings):
    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "services.remind_project_deadlines" in entries
    assert tasks.projects_to_remind(datetime.date(2026, 1, 1)) == []
