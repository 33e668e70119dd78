"""Time one committee's annual 述职评议 report PDF, and its peak memory (issue 7: ≤ 5 s, ≤ 500 MB).

    python -m benchmarks.annual_report        (run by `make bench` against its seeded database)

In the benchmark's database (DATABASE_URL), on the community committee the page benchmarks
use (`benchmarks.logins.targets`), it sets up a closed annual representatives' meeting through
meetings.annual's actions: the committee's officers in post, representatives invited from its
members (200 at district scale), every one of them having rated every officer, and the longest
work report and duty reports the PDF prints (3,000 characters each). That is not timed. Then
it times what the job does (`meetings.tasks.refresh_annual_report`: the report's context,
its fingerprint, WeasyPrint, storing the file and the audit event) and reads the process's
peak resident memory. Everything is written in one transaction that is rolled back, and the
file goes to a temporary MEDIA_ROOT, so the seeded database stays as it was. BENCH_SMOKE=1
shrinks it (20 representatives, short texts). The last line is JSON for benchmarks/run.py;
the exit status is 1 when a budget is broken.
"""

from __future__ import annotations

import datetime
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMOKE = bool(os.environ.get("BENCH_SMOKE"))
REPRESENTATIVES = 20 if SMOKE else 200
TEXT_CHARS = 300 if SMOKE else 3_000  # the template prints at most 3,000 of each text
BUDGET_S = 5.0
BUDGET_MB = 500.0
PARAGRAPH = (
    "一年来，社区大党委坚持以习近平新时代中国特色社会主义思想为指导，深入落实街道党工委部署，"
    "围绕党建引领基层治理，推动共驻共建单位资源下沉网格，组织在职党员到社区报到服务，"
    "办理居民急难愁盼事项，完善网格议事协商机制。\n"
)


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dajiwei.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def _text(chars: int) -> str:
    return (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _meeting(committee):
    """A closed annual meeting of `committee` with every representative's ratings."""
    from meetings import annual, rules, selectors
    from meetings.models import AnnualMeeting, Rating, RatingCast

    taken = set(AnnualMeeting.objects.filter(committee=committee).values_list("year", flat=True))
    year = next(y for y in range(datetime.date.today().year - 1, 1990, -1) if y not in taken)
    meeting = annual.annual_meeting_schedule(
        actor=None,
        committee=committee,
        year=year,
        date=datetime.date(year, 12, 20),
        start_time=datetime.time(14, 30),
        place="社区党群服务中心二楼会议室",
    )
    annual.annual_meeting_update(actor=None, meeting=meeting, work_report=_text(TEXT_CHARS))
    members = list(selectors.community_members(committee).order_by("pk")[:REPRESENTATIVES])
    annual.representatives_set(actor=None, meeting=meeting, members=members)
    officers = list(meeting.officers.all())
    for officer in officers:
        annual.officer_report_update(actor=None, officer=officer, report=_text(TEXT_CHARS))
    meeting = annual.rating_open(actor=None, meeting=meeting)
    # Every representative's ballot, as annual.rate writes it (a cast, then one rating per
    # officer); rate() itself needs each representative logged in.
    RatingCast.objects.bulk_create(RatingCast(meeting=meeting, representative=m) for m in members)
    Rating.objects.bulk_create(
        Rating(meeting=meeting, officer=officer, grade=rules.GRADES[(n + i) % 3])
        for n, _member in enumerate(members)
        for i, officer in enumerate(officers)
    )
    return annual.rating_close(actor=None, meeting=meeting), len(members), len(officers)


def main() -> int:
    _setup()
    from django.db import transaction
    from django.test import override_settings

    from benchmarks import logins
    from meetings.models import AnnualMeeting
    from meetings.tasks import refresh_annual_report

    targets = logins.targets(os.environ.get("BENCH_SCALE", "smoke" if SMOKE else "district"))
    committee = targets.committee
    media = tempfile.TemporaryDirectory()
    with media, override_settings(MEDIA_ROOT=media.name), transaction.atomic():
        meeting, representatives, officers = _meeting(committee)
        before_mb = _peak_mb()
        started = time.perf_counter()
        refresh_annual_report(meeting)
        seconds = time.perf_counter() - started
        peak_mb = _peak_mb()
        size_kib = AnnualMeeting.objects.get(pk=meeting.pk).report_pdf.size / 1024
        # Again in the same process, as a worker's next report (fonts and templates loaded):
        # shown for comparison; the budget is judged on the first, cold run above.
        AnnualMeeting.objects.filter(pk=meeting.pk).update(report_fingerprint="")
        meeting.refresh_from_db()
        started = time.perf_counter()
        refresh_annual_report(meeting)
        warm = time.perf_counter() - started
        peak_mb = max(peak_mb, _peak_mb())
        transaction.set_rollback(True)  # leave the seeded database as it was
    print(
        f"{committee.name} {meeting.year}: {officers} officers, {representatives} "
        f"representatives; PDF {size_kib:.0f} KiB in {seconds:.2f} s (budget {BUDGET_S:g} s; "
        f"{warm:.2f} s for a second one in the same process); "
        f"peak memory {peak_mb:.0f} MB, {before_mb:.0f} MB before the job (budget {BUDGET_MB:g})"
    )
    within = seconds <= BUDGET_S and peak_mb <= BUDGET_MB
    print("OK" if within else "OVER BUDGET")
    print(
        json.dumps(
            {
                "seconds": round(seconds, 3),
                "warm_seconds": round(warm, 3),
                "peak_rss_mb": round(peak_mb, 1),
                "rss_before_mb": round(before_mb, 1),
                "pdf_kib": round(size_kib, 1),
                "officers": officers,
                "representatives": representatives,
                "budget": BUDGET_S,
                "budget_mb": BUDGET_MB,
            }
        )
    )
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
