"""Time the printed contact cards of a grid with 300 households. A script, not a test.

    .venv/bin/python benchmarks/contact_cards.py        (or: python -m benchmarks.contact_cards)

No database: the cards are rendered from plain values through the same renderer the job uses
(residents.documents.cards_pdf): one card per household, four to an A4 sheet, each with the
grid's QR code and its serial number. Prints the timing; the last line is JSON for
benchmarks/run.py.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLDS = 300
BUDGET_S = 30.0  # docs/performance.md §2
PEOPLE = [
    ("王芳", "网格支部书记", "13800000001", "统筹网格党建和服务"),
    ("李强", "网格长", "13800000002", "矛盾调解、安全巡查"),
    ("张伟", "网格支部委员", "13800000003", "联系特殊群体、走访慰问"),
    ("刘洋", "网格支部委员", "13800000004", "环境整治、志愿服务"),
]


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dajiwei.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def main() -> int:
    _setup()
    from residents.documents import cards_pdf

    def render(copies: int) -> bytes:
        return cards_pdf(
            grid_name="幸福第1网格",
            community="幸福社区大党委",
            people=PEOPLE,
            hours="周一至周五 8:30-17:30，周六上午",
            url="https://dajiwei.example/public/grid/00000000-0000-0000-0000-000000000000/",
            copies=copies,
        )

    render(1)  # warm up: templates and fonts load once
    started = time.perf_counter()
    pdf = render(HOUSEHOLDS)
    seconds = time.perf_counter() - started
    print(
        f"{HOUSEHOLDS} contact cards: {seconds:.2f} s, {len(pdf) / 1024:.0f} KiB "
        f"(budget {BUDGET_S:g} s)"
    )
    print("OK" if seconds < BUDGET_S else "OVER BUDGET")
    print(json.dumps({"seconds": round(seconds, 3), "households": HOUSEHOLDS, "budget": BUDGET_S}))
    return 0 if seconds < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
