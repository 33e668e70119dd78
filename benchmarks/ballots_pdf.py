"""Time the paper ballots PDF for 500 voters (issue 3: under 10 s). A script, not a test.

    .venv/bin/python benchmarks/ballots_pdf.py        (or: python -m benchmarks.ballots_pdf)

No database: the ballots are rendered from unsaved objects through the same renderer the
download view uses (elections.documents.ballots_pdf), for the larger category (members: 11
candidates for 5 seats), one ballot per page and two per A4. Prints the timings; the last
line is JSON for benchmarks/run.py.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOTERS = 500
BUDGET_S = 10.0
NAMES = ["王芳", "李强", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴敏", "欧阳晓"]


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dajiwei.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def _objects():
    from elections.models import Category, Nomination, Round
    from organizations.models import OrgNode, PartyMember

    committee = OrgNode(name="幸福社区大党委", kind=3)
    round_ = Round(category=Category.MEMBER, number=1, seats=5, due=VOTERS)
    candidates = [Nomination(nominee=PartyMember(name=name)) for name in NAMES]
    return committee, round_, candidates


def main() -> int:
    _setup()
    from elections.documents import ballots_pdf

    committee, round_, candidates = _objects()
    ballots_pdf(committee, round_, candidates, 1, 1)  # warm up: templates and fonts load once
    timings = {}
    for per_page in (1, 2):
        started = time.perf_counter()
        pdf = ballots_pdf(committee, round_, candidates, VOTERS, per_page)
        seconds = time.perf_counter() - started
        timings[per_page] = seconds
        print(
            f"{VOTERS} ballots, {per_page} per A4: {seconds:.2f} s, "
            f"{len(pdf) / 1024:.0f} KiB (budget {BUDGET_S:g} s)"
        )
    worst = max(timings.values())
    print("OK" if worst < BUDGET_S else "OVER BUDGET")
    print(json.dumps({"seconds": round(worst, 3), "voters": VOTERS, "budget": BUDGET_S}))
    return 0 if worst < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
