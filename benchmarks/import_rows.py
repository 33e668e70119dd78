"""Time importing 50,000 party members from one workbook. A script, not a test.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/import_rows.py

It creates a throw-away database (test_<DATABASE_URL's name>_import, dropped at the end), builds
a community with 20 buildings and a secretary, writes a workbook of valid rows (not timed), then
times organizations.imports.roster_import: reading, checking every row, the bulk write and the
audit event, as the job does. BENCH_SMOKE=1 shrinks it to 2,000 rows. The last line is JSON for
benchmarks/run.py.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = 2_000 if os.environ.get("BENCH_SMOKE") else 50_000
BUDGET_S = 60.0
BUILDINGS = 20


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dajiwei.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def _resident_id(n: int) -> str:
    from organizations import rules

    birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=n // 1000)
    first17 = f"330102{birth:%Y%m%d}{n % 1000:03d}"
    return first17 + rules.resident_id_check_char(first17)


def _workbook(buildings: list[str]) -> bytes:
    from openpyxl import Workbook

    from organizations import imports

    book = Workbook(write_only=True)
    sheet = book.create_sheet(imports.MEMBERS.sheet)
    sheet.append([c.header for c in imports.MEMBERS.columns])
    for n in range(ROWS):
        sheet.append(
            [
                f"党员{n}",
                "",
                None,
                f"139{n:08d}",
                _resident_id(n),
                "正式党员",
                datetime.date(2010, 7, 1),
                "居住地党员",
                buildings[n % len(buildings)],
                "",
                "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _scene():
    from django.contrib.auth import get_user_model

    from organizations import actions, rules
    from organizations.models import Role

    def node(parent, kind, name):
        return actions.node_create(actor=None, parent=parent, kind=kind, name=name)

    district = node(None, rules.DISTRICT, "基准区")
    street = node(district, rules.STREET, "基准街道")
    committee = node(street, rules.COMMITTEE, "基准社区大党委")
    grid = node(committee, rules.GRID, "基准网格")
    names = [node(grid, rules.BUILDING, f"{i}号楼").name for i in range(1, BUILDINGS + 1)]
    user = get_user_model().objects.create_user(username="bench_importer")
    actions.role_grant(actor=None, user=user, node=committee, role=Role.COMMUNITY_SECRETARY)
    return user, committee, names


def main() -> int:
    _setup()
    from django.db import connection

    from organizations import imports
    from organizations.models import PartyMember

    # Its own database, apart from the one a test run of the same DATABASE_URL uses.
    connection.settings_dict["TEST"]["NAME"] = f"test_{connection.settings_dict['NAME']}_import"
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        user, committee, buildings = _scene()
        data = _workbook(buildings)
        started = time.perf_counter()
        outcome = imports.roster_import(
            actor=user, node=committee, roster=imports.MEMBERS, data=data, filename="bench.xlsx"
        )
        seconds = time.perf_counter() - started
        stored = PartyMember.objects.count()
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)
    for error in outcome.errors[:3]:
        print(f"row {error.row}, {error.column}: {error.reason}")
    ok = not outcome.errors and stored == ROWS and seconds < BUDGET_S
    print(
        f"{ROWS} member rows ({len(data) / 1024:.0f} KiB): {seconds:.2f} s, "
        f"{stored} stored, {len(outcome.errors)} problems (budget {BUDGET_S:g} s)"
    )
    print("OK" if ok else "OVER BUDGET OR FAILED")
    print(json.dumps({"seconds": round(seconds, 3), "rows": ROWS, "budget": BUDGET_S}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
