"""On PostgreSQL the database itself refuses to change or delete audit rows.

The ORM already refuses (AuditEventQuerySet, AuditEvent.save/delete); this guards against
raw SQL and other clients too. SQLite, the embedded default, relies on the ORM guard.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION organizations_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER organizations_auditevent_append_only
    BEFORE UPDATE OR DELETE ON organizations_auditevent
    FOR EACH ROW EXECUTE FUNCTION organizations_auditevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS organizations_auditevent_append_only ON organizations_auditevent;
DROP FUNCTION IF EXISTS organizations_auditevent_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
