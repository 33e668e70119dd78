"""The reminder on the 20th: idempotent, one notification per person."""

import datetime

import pytest
from django.utils import timezone

from meetings.tasks import remind_missing_theme_days
from notices.models import Notification
from organizations import actions as org_actions
from organizations.models import PostKind, PostSource, Role
from tests.factories import MemberFactory, UserFactory
from tests.meetings.helpers import theme_day

pytestmark = pytest.mark.django_db


def test_reminder_twice_is_one_notification_per_person(scene, monkeypatch):
    tree = scene.tree
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 11, 20))
    secretary = MemberFactory(node=tree.building, name="王书记")
    org_actions.member_login_create(
        actor=None, member=secretary, username="wang", password="pw-For-tests-1"
    )
    org_actions.post_start(
        actor=None,
        node=tree.committee,
        person=secretary,
        kind=PostKind.SECRETARY,
        source=PostSource.ELECTED,
        started_on=datetime.date(2024, 1, 1),
        override_reason="试点",
    )
    street_staff = UserFactory()
    org_actions.role_grant(actor=None, user=street_staff, node=tree.street, role=Role.STREET_STAFF)
    # The other community has one scheduled this month: no reminder there.
    theme_day(tree.other_committee, datetime.date(2026, 11, 30))
    remind_missing_theme_days()
    remind_missing_theme_days()
    notices = Notification.objects.all()
    assert sorted(n.key for n in notices) == [
        f"theme-day-missing-street:{tree.street.pk}:2026-11",
        f"theme-day-missing:{tree.committee.pk}:2026-11",
    ]
    assert {n.user_id for n in notices} == {secretary.user_id, street_staff.pk}
    street_notice = notices.get(user=street_staff)
    assert "幸福社区大党委" in street_notice.body


def test_a_cancelled_theme_day_does_not_stop_the_reminder(scene, monkeypatch):
    from meetings import actions
    from meetings.selectors import missing_committees

    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 11, 20))
    record = theme_day(scene.tree.committee, datetime.date(2026, 11, 25))
    assert scene.tree.committee not in missing_committees(datetime.date(2026, 11, 20))
    actions.theme_day_cancel(actor=None, theme_day=record, reason="雨")
    assert scene.tree.committee in missing_committees(datetime.date(2026, 11, 20))
