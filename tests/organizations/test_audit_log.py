"""The audit log is append-only: no ORM path changes or deletes a row; PostgreSQL refuses too."""

import pytest
from django.db import connection, transaction

from organizations import actions
from organizations.models import AuditEvent


@pytest.fixture
def event(db):
    return actions.audit(actor=None, action="test.event", data={"n": 1})


def test_saving_again_is_refused(event):
    event.action = "changed"
    with pytest.raises(PermissionError):
        event.save()


def test_deleting_is_refused(event):
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_queryset_update_is_refused(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_update([event], ["action"])
    event.refresh_from_db()
    assert event.action == "test.event"


@pytest.mark.postgres
def test_postgresql_refuses_raw_updates_and_deletes(event):
    for sql in (
        "UPDATE organizations_auditevent SET action = 'x'",
        "DELETE FROM organizations_auditevent",
    ):
        with (
            pytest.raises(Exception, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"
