"""The audit log is kept at least 6 months (issue 8): the setting, the prune command, and on
PostgreSQL the trigger that refuses to delete a younger row whatever the command is told."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from organizations import checks, rules
from organizations.models import AuditEvent


def _event(created_at) -> AuditEvent:
    field = AuditEvent._meta.get_field("created_at")
    with mock.patch.object(field, "auto_now_add", False):
        return AuditEvent.objects.create(action="test.old", created_at=created_at)


@pytest.mark.parametrize(("months", "refused"), [(5, True), (6, False), (36, False)])
def test_the_retention_is_at_least_six_months(months, refused):
    problem = rules.audit_retention_problem(months)
    assert (problem is not None) == refused
    if refused:
        assert "6" in problem and "5" in problem


def test_a_retention_under_six_months_fails_the_system_check(settings):
    settings.DAJIWEI_SECURITY = {**settings.DAJIWEI_SECURITY, "audit_retention_months": 3}
    (error,) = checks.audit_retention(None)
    assert error.id == "dajiwei.E001"


@pytest.mark.parametrize(
    ("now", "months", "cutoff"),
    [
        (datetime.datetime(2026, 11, 27, 9), 6, datetime.datetime(2026, 5, 27, 9)),
        (datetime.datetime(2026, 8, 31, 9), 6, datetime.datetime(2026, 2, 28, 9)),
        (datetime.datetime(2026, 3, 15), 15, datetime.datetime(2024, 12, 15)),
    ],
)
def test_the_cutoff_counts_calendar_months(now, months, cutoff):
    assert rules.audit_cutoff(now, months) == cutoff


def test_prune_deletes_only_what_is_older_than_the_retention(db, settings):
    settings.DAJIWEI_SECURITY = {**settings.DAJIWEI_SECURITY, "audit_retention_months": 12}
    now = timezone.now()
    old = _event(now - datetime.timedelta(days=400))
    kept = _event(now - datetime.timedelta(days=300))
    call_command("prune_audit", "--dry-run")
    assert AuditEvent.objects.filter(pk=old.pk).exists()
    call_command("prune_audit")
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    (logged,) = AuditEvent.objects.filter(action="audit.prune")
    assert logged.data["deleted"] == 1 and logged.data["months"] == 12


def test_prune_refuses_a_retention_under_six_months(db, settings):
    settings.DAJIWEI_SECURITY = {**settings.DAJIWEI_SECURITY, "audit_retention_months": 5}
    _event(timezone.now() - datetime.timedelta(days=200))
    with pytest.raises(CommandError, match="6"):
        call_command("prune_audit")
    assert AuditEvent.objects.filter(action="test.old").exists()


@pytest.mark.postgres
def test_postgresql_refuses_to_delete_a_row_younger_than_six_months(db):
    now = timezone.now()
    young = _event(now - datetime.timedelta(days=170))
    old = _event(now - datetime.timedelta(days=190))
    table = AuditEvent._meta.db_table
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [young.pk])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [old.pk])
    assert AuditEvent.objects.filter(pk=young.pk).exists()
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
