"""Backup and restore as docs/operations.md §8 does it, tried from a fresh database: pg_dump of
the data, pg_restore into a new database, rsync of the media; then the application reads the
restored copy, the tree checks out, and the audit log is append-only again."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from organizations import actions
from organizations.models import AuditEvent, OrgNode, PartyMember
from tests.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("pg_dump", "pg_restore", "createdb", "dropdb", "rsync")
# Run by `manage.py shell` against the restored copy.
READ_BACK = """
import os
from django.db import connection
from organizations.models import AuditEvent, OrgNode, PartyMember
grid = OrgNode.objects.get(pk=int(os.environ["GRID"]))
print(OrgNode.objects.count(), PartyMember.objects.count(), AuditEvent.objects.count())
print(grid.map_image.open("rb").read())
try:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM organizations_auditevent")
except Exception as error:
    print("refused", "append-only" in str(error))
"""


def _url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"


def _run(*args, env=None) -> str:
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restore"
    yield name
    subprocess.run(
        ["dropdb", "--if-exists", "--force", f"--maintenance-db={_url('postgres')}", name]
    )


def test_a_backup_restores_into_a_fresh_database(tree, settings, tmp_path, restored_name):
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert missing == [], f"install {missing} (postgresql-client, rsync)"
    settings.MEDIA_ROOT = tmp_path / "media"
    MemberFactory.create_batch(7, node=tree.building)
    tree.grid.map_image.save("map.png", ContentFile(b"\x89PNG map"), save=True)
    actions.audit(actor=None, action="test.before_backup", node=tree.grid)
    expected = (OrgNode.objects.count(), PartyMember.objects.count(), AuditEvent.objects.count())

    dump = tmp_path / "backup.dump"
    _run("pg_dump", "--format=custom", f"--file={dump}", _url(connection.settings_dict["NAME"]))
    _run("rsync", "-a", f"{settings.MEDIA_ROOT}/", f"{tmp_path / 'backup-media'}/")
    _run("createdb", f"--maintenance-db={_url('postgres')}", restored_name)
    _run("pg_restore", "--no-owner", f"--dbname={_url(restored_name)}", str(dump))

    env = {
        **os.environ,
        "DATABASE_URL": _url(restored_name),
        "MEDIA_ROOT": str(tmp_path / "backup-media"),
        "SECRET_KEY": "x",
    }
    env.pop("DEBUG", None)
    env["GRID"] = str(tree.grid.pk)
    _run(sys.executable, "manage.py", "check_tree", env=env)
    read_back = _run(sys.executable, "manage.py", "shell", "-c", READ_BACK, env=env)
    counts, image, refused = read_back.strip().splitlines()[-3:]
    assert tuple(map(int, counts.split())) == expected
    assert image == repr(b"\x89PNG map")
    assert refused == "refused True"
