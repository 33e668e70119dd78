"""The audit log stays append-only on PostgreSQL, except that a row older than six months may
be deleted (`manage.py prune_audit`, with the retention setting): the floor of issue 8 is kept
by the database itself, whatever the settings say. UPDATE is still always refused."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION organizations_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.created_at < now() - interval '6 months' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
"""

RESTORE = """
CREATE OR REPLACE FUNCTION organizations_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESTORE)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0005_work_permissions")]
    operations = [migrations.RunPython(forwards, backwards)]
