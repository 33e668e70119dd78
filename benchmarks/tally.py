"""Time the tally of 10,000 ballots in two categories (issue 3: under 1 s). A script, not a test.

    .venv/bin/python benchmarks/tally.py        (or: python -m benchmarks.tally)

No database: elections.tally.tally is a pure function of (ballots, candidates, seats, due,
issued), the same call count_round makes with the stored ballots. Two categories as a meeting
votes them: part-time deputies (4 candidates for 2 seats) and members (12 candidates for 6
seats, with write-ins and some invalid ballots), 10,000 ballots each. Prints the timings; the
last line is JSON for benchmarks/run.py.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BALLOTS = 10_000
BUDGET_S = 1.0


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dajiwei.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def _ballots(rng: random.Random, candidates: list[str], seats: int) -> list[frozenset]:
    from elections.tally import write_in

    ballots = []
    for _ in range(BALLOTS):
        # The first `seats` candidates are favoured, so the count elects someone (B4, B5).
        marks = [c for i, c in enumerate(candidates) if rng.random() < (0.8 if i < seats else 0.2)]
        marks = marks[:seats]
        if rng.random() < 0.02:
            marks.append(write_in(rng.choice(["张三", "李四"])))
        if rng.random() < 0.01:  # more marks than seats: invalid (B2)
            marks = candidates[: seats + 1]
        ballots.append(frozenset(marks))
    return ballots


def main() -> int:
    _setup()
    from elections.tally import tally

    rng = random.Random(2026)
    categories = {
        "parttime_deputy": ([str(n) for n in range(1, 5)], 2),
        "member": ([str(n) for n in range(10, 22)], 6),
    }
    prepared = {
        c: (_ballots(rng, cands, seats), cands, seats) for c, (cands, seats) in categories.items()
    }
    started = time.perf_counter()
    results = {
        category: tally(ballots, cands, seats, BALLOTS, BALLOTS)
        for category, (ballots, cands, seats) in prepared.items()
    }
    seconds = time.perf_counter() - started
    for category, result in results.items():
        print(
            f"{category}: {BALLOTS} ballots, valid {result.valid}, invalid {result.invalid}, "
            f"elected {len(result.elected)}"
        )
    print(
        f"tally of {BALLOTS} ballots in 2 categories: {seconds * 1000:.1f} ms "
        f"(budget {BUDGET_S:g} s)"
    )
    print("OK" if seconds < BUDGET_S else "OVER BUDGET")
    print(json.dumps({"seconds": round(seconds, 4), "ballots": BALLOTS * 2, "budget": BUDGET_S}))
    return 0 if seconds < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
