"""`manage.py prune_audit [--dry-run]`: delete audit events older than the retention setting
(DAJIWEI_SECURITY["audit_retention_months"], at least 6 months), and log that it did.

The ORM refuses every delete of an audit event, so this is the one path that deletes, in SQL;
on PostgreSQL the trigger still refuses any row younger than six months.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import actions, rules
from organizations.models import AuditEvent


class Command(BaseCommand):
    help = "Delete audit events older than the retention setting (at least 6 months)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count only, delete nothing.")

    def handle(self, *args, dry_run, **options):
        months = settings.DAJIWEI_SECURITY["audit_retention_months"]
        problem = rules.audit_retention_problem(months)
        if problem:
            raise CommandError(problem)
        cutoff = rules.audit_cutoff(timezone.now(), months)
        old = AuditEvent.objects.filter(created_at__lt=cutoff)
        if dry_run:
            count = old.count()
        else:
            with transaction.atomic():
                sql, params = old.values("pk").query.sql_with_params()
                table = AuditEvent._meta.db_table
                with connection.cursor() as cursor:
                    cursor.execute(f"DELETE FROM {table} WHERE id IN ({sql})", params)
                    count = cursor.rowcount
                actions.audit(
                    actor=None,
                    action="audit.prune",
                    data={"before": cutoff.isoformat(), "deleted": count, "months": months},
                )
        said = {"count": count, "date": f"{cutoff:%Y-%m-%d}"}
        if dry_run:
            message = _("%(count)d audit events older than %(date)s would be deleted.")
        else:
            message = _("%(count)d audit events older than %(date)s deleted.")
        self.stdout.write(message % said)
