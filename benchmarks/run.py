"""`make bench [SMOKE=1] [REUSE=1]`: every key page and job against the floor (docs/performance.md).

On PostgreSQL, in a database of its own (recreated each run unless REUSE=1): migrate, seed
(timed), serve with gunicorn as in production (DEBUG off, WhiteNoise, 2 workers, 127.0.0.1 on
a free port), log each role in with a real POST to the login page, load each page with wrk in
a separate process, count each page's SQL queries in-process with Django's test client, run
the job scripts, write bench/results.json and bench/results.md, print the table and exit 1 if
a budget of issue 7 that applies today is broken (2 when the benchmark itself failed).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench"
BIN = Path(sys.executable).parent
LUA = Path(__file__).with_name("wrk.lua")
SERVER = "postgres://postgres@127.0.0.1:5432/"
WORKERS = 2
CONNECTIONS = 2  # as many requests in flight as gunicorn has workers: latency, not queueing

# The budgets of issue 7 that can apply today.
RATIO_BUDGET = 3.0
QUERY_BUDGET = 12
SEED_BUDGET = 120.0
TALLY_BUDGET = 1.0


class BenchError(Exception):
    """The benchmark could not measure something: a page answered wrongly, a tool failed."""


@dataclass(frozen=True)
class Mode:
    name: str
    database: str
    seed_args: tuple[str, ...]
    max_requests: int  # per page and round, after the warm-up
    seconds: int  # per page and round, at most
    rounds: int  # every page, the floor first, this many times over: see combine()
    warmup: int  # requests at most, in `warmup_seconds`
    warmup_seconds: int
    scale_budgets: bool  # the latency and seed budgets hold "at district scale"


# wrk always runs for its whole duration; the request count only caps what is sent in it.
DISTRICT = Mode("district", "dajiwei_bench", ("--scale", "district"), 3000, 7, 3, 100, 2, True)
SMOKE = Mode("smoke", "dajiwei_bench_smoke", (), 300, 1, 1, 20, 1, False)


# ---------------------------------------------------------------------------------------------
# What is measured


def _none(t):
    return [{}]


def _pk(attr: str) -> Callable:
    return lambda t: [{"pk": getattr(t, attr).pk}]


def _round(t):
    """The newest election round, the secretary's community's first (logins.counted_round)."""
    from django.apps import apps

    try:
        model = apps.get_model("elections", "Round")
    except LookupError:
        return []
    rounds = model.objects.order_by("-pk")
    found = rounds.filter(election__committee=t.committee).first() or rounds.first()
    return [{"pk": found.pk}] if found else []


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    url_name: str
    role: str | None  # a key of logins.Targets.usernames; None: anonymous
    kwargs: Callable = _none  # targets → candidate URL kwargs, the first that reverses wins


@dataclass(frozen=True)
class Job:
    key: str
    label: str
    module: str | None  # benchmarks.<module>, run as a script; None: not built yet
    budget: float | None
    memory_budget_mb: float | None = None  # on the script's "peak_rss_mb"


def pages() -> list[Page]:
    from django.utils.translation import gettext as _

    return [
        Page("floor", _("Floor: middleware, session, base layout, 1 query"), "floor", "secretary"),
        Page(
            "district_dashboard",
            _("District dashboard"),
            "oversight:dashboard",
            "district",
            lambda t: [{"pk": t.district.pk}, {}],
        ),
        Page(
            "street_dashboard",
            _("Street dashboard"),
            "oversight:dashboard",
            "street",
            lambda t: [{"pk": t.street.pk}, {}],
        ),
        Page(
            "committee",
            _("Community committee page"),
            "organizations:node",
            "secretary",
            _pk("committee"),
        ),
        Page(
            "roster",
            _("Member roster page"),
            "organizations:member_list",
            "secretary",
            _pk("committee"),
        ),
        Page(
            "compliance",
            _("Compliance board"),
            "meetings:board",
            "district",
            lambda t: [{"pk": t.district.pk}, {}],
        ),
        Page("tally", _("Election tally page"), "elections:round_tally", "secretary", _round),
        Page(
            "inbox",
            _("Filings inbox"),
            "elections:inbox",
            "street",
            lambda t: [{}, {"pk": t.street.pk}],
        ),
        Page("navigator", _("Navigator"), "organizations:navigator", "district"),
        Page(
            "public_grid",
            _("Public grid contact card"),
            "organizations:public_grid",
            None,
            lambda t: [{"public_id": t.grid.public_id}],
        ),
    ]


def jobs(mode: Mode) -> list[Job]:
    from django.utils.translation import gettext as _

    seed = _("District-scale seed") if mode.scale_budgets else _("Demo seed (small)")
    return [
        Job("seed", seed, None, SEED_BUDGET if mode.scale_budgets else None),
        Job("tally", _("Tally of 10,000 ballots"), "tally", TALLY_BUDGET),
        Job("ballots_pdf", _("Ballots PDF for 500 voters"), "ballots_pdf", None),
        Job("annual_report", _("One committee's annual report PDF"), "annual_report", 5.0, 500.0),
        Job("contact_cards", _("Contact cards for a 300-household grid"), "contact_cards", 30.0),
        Job("import", _("50,000-row import"), "import_rows", 60.0),
    ]


@dataclass
class Result:
    """One page's or job's figures; `status` is measured, not built yet, failed, ..."""

    key: str
    label: str
    status: str
    role: str | None = None
    url: str | None = None
    figures: dict = field(default_factory=dict)
    broken: list[str] = field(default_factory=list)  # budgets it breaks


# ---------------------------------------------------------------------------------------------
# Database, seed, server


def database_url(mode: Mode) -> str:
    return os.environ.get("BENCH_DATABASE_URL") or SERVER + mode.database


def prepare_database(url: str, reuse: bool) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reuse:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        if not exists or not reuse:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def bench_env(url: str, static_root: str, mode: Mode) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-secret",
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        BENCH_STATIC_ROOT=static_root,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        BENCH_SCALE=mode.name,
    )
    env.pop("BEHIND_PROXY", None)
    env.pop("SECURE_COOKIES", None)
    if mode is SMOKE:
        env["BENCH_SMOKE"] = "1"
    return env


def manage(env, *args, timeout=900) -> float:
    """Run a manage.py command; returns its wall time in seconds."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return time.monotonic() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env, port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "dajiwei.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "60",
            "--error-logfile",
            str(log),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with {server.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise BenchError(f"gunicorn did not answer within 30 s; see {log}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# ---------------------------------------------------------------------------------------------
# HTTP: a real login, a check, and wrk


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def log_in(base: str, username: str, password: str) -> str:
    """POST the login form like a browser; returns the Cookie header of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    login = f"{base}/accounts/login/"
    form = opener.open(login, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    if token is None:
        raise BenchError("the login page has no CSRF token")
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    try:
        opener.open(urllib.request.Request(login, data, headers={"Referer": login}), timeout=10)
        raise BenchError(f"logging in as {username} did not redirect (wrong password?)")
    except urllib.error.HTTPError as answer:
        if answer.code != 302:
            raise BenchError(f"logging in as {username} answered {answer.code}") from answer
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise BenchError(f"logging in as {username} set no session cookie")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def check(url: str, cookie: str | None) -> None:
    """One GET, no redirects followed: the page must answer 200 to this visitor."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as answer:
        status = answer.code
    if status != 200:
        raise BenchError(f"GET {url} answered {status}, not 200")


def wrk(url: str, cookie: str | None, requests: int, seconds: int) -> dict:
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(CONNECTIONS),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        str(LUA),
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    command += [url, "--", str(requests)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if done.returncode or line is None:
        raise BenchError(f"wrk failed on {url}:\n{done.stdout}{done.stderr}")
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    if figures["non_200"] or figures["socket_errors"]:
        raise BenchError(f"wrk on {url}: {figures}")
    return figures


def combine(rounds: list[dict], max_requests: int) -> dict:
    """One page's figures from its rounds: the median of the rounds' medians and p95s.

    The machine's load drifts over a run of several minutes (wrk, gunicorn and PostgreSQL share
    its cores), so each page is loaded in several short rounds spread over the run, the floor
    first in each, rather than once; see ratios()."""
    requests = sum(r["requests"] for r in rounds)
    seconds = sum(r["seconds"] for r in rounds)
    return {
        "median_ms": round(statistics.median(r["median_ms"] for r in rounds), 2),
        "p95_ms": round(statistics.median(r["p95_ms"] for r in rounds), 2),
        "rps": round(requests / seconds, 1),
        "requests": requests,
        "seconds": round(seconds, 2),
        # the cap was reached before the time was up: req/s is then a lower bound
        "capped": any(r["requests"] >= max_requests for r in rounds),
        "rounds": [{k: round(v, 2) for k, v in r.items()} for r in rounds],
    }


def ratios(rounds: list[dict], floor_rounds: list[dict]) -> list[float]:
    """The page's median over the floor's, round by round: each compared with the floor
    measured minutes, not a quarter of an hour, from it. The budget is judged on their median."""
    return [
        round(page["median_ms"] / floor["median_ms"], 2)
        for page, floor in zip(rounds, floor_rounds, strict=True)
    ]


# ---------------------------------------------------------------------------------------------
# In-process: URLs and query counts


def url_name_exists(name: str) -> bool:
    from django.urls import get_resolver

    resolver = get_resolver()
    *namespaces, short = name.split(":")
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[namespace][1]
    return short in resolver.reverse_dict


def page_path(page: Page, targets) -> str | None:
    from django.urls import NoReverseMatch, reverse

    for kwargs in page.kwargs(targets):
        try:
            return reverse(page.url_name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def count_queries(path: str, user) -> int:
    """SQL queries of one GET of `path` by `user` (None: anonymous), after a warm-up GET."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    client = Client()
    if user is not None:
        client.force_login(user)
    # The pages' LocaleMiddleware activates their language in this thread; the report's stays.
    with translation.override(translation.get_language()):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
    if response.status_code != 200:
        raise BenchError(f"GET {path} in-process answered {response.status_code}")
    return len(captured)


# ---------------------------------------------------------------------------------------------
# Jobs written by others: benchmarks/<module>.py, run as `python -m benchmarks.<module>`


def run_job(job: Job, env, mode: Mode) -> Result:
    """Run benchmarks/<module>.py; the figure is its last stdout line's JSON "seconds", else
    its wall time. A script that exits non-zero with that JSON is over its own budget (still
    measured); without it, it failed. At smoke scale only scripts that read BENCH_SMOKE run."""
    from django.utils.translation import gettext as _

    script = ROOT / "benchmarks" / f"{job.module}.py" if job.module else None
    if script is None or not script.exists():
        return Result(job.key, job.label, _("not built yet"))
    if mode is SMOKE and "BENCH_SMOKE" not in script.read_text():
        return Result(job.key, job.label, _("skipped at smoke scale (reads no BENCH_SMOKE)"))
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{job.module}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    wall = time.monotonic() - started
    figures = {"wall_s": round(wall, 2)}
    last = done.stdout.strip().splitlines()[-1:] or [""]
    try:
        reported = json.loads(last[0])
    except ValueError:
        reported = None
    if not isinstance(reported, dict):
        if done.returncode:
            tail = (done.stdout + done.stderr)[-2000:]
            result = Result(job.key, job.label, _("failed"), figures={**figures, "output": tail})
            result.broken.append(f"{job.key}: the script failed")
            return result
        reported = {"seconds": wall}
    figures.update(reported)
    figures["seconds"] = round(float(figures["seconds"]), 3)
    status = _("measured") if not done.returncode else _("measured; over the script's own budget")
    result = Result(job.key, job.label, status, figures=figures)
    if job.budget is not None and mode.scale_budgets and figures["seconds"] > job.budget:
        result.broken.append(f"{job.key} {figures['seconds']:.2f} s > {job.budget:g} s")
    peak, limit = figures.get("peak_rss_mb"), job.memory_budget_mb
    if peak is not None and limit is not None and mode.scale_budgets and peak > limit:
        result.broken.append(f"{job.key} peak {peak:.0f} MB > {limit:g} MB")
    return result


# ---------------------------------------------------------------------------------------------
# The run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small scale, fewer requests")
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    args = parser.parse_args(argv)
    mode = SMOKE if args.smoke else DISTRICT
    if shutil.which("wrk") is None:
        print("wrk is missing: `make bench` installs it (Debian package wrk)", file=sys.stderr)
        return 2
    started = time.monotonic()
    static_root = tempfile.mkdtemp(prefix="dajiwei-bench-static-")
    try:
        report = Bench(mode, args.reuse, static_root).run()
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    report["total_seconds"] = round(time.monotonic() - started, 1)
    OUT.mkdir(exist_ok=True)
    table = markdown(report)
    (OUT / "results.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    (OUT / "results.md").write_text(table)
    print(table)
    broken = [b for item in report["pages"] + report["jobs"] for b in item["broken"]]
    if broken:
        print("Budgets broken: " + "; ".join(broken), file=sys.stderr)
    if report.get("page_failed"):
        return 2
    if broken:
        return 1
    return 0


class Bench:
    def __init__(self, mode: Mode, reuse: bool, static_root: str):
        self.mode, self.reuse = mode, reuse
        self.url = database_url(mode)
        self.page_failed = False  # a page did not answer 200 (the others are still measured)
        self.env = bench_env(self.url, static_root, mode)

    def run(self) -> dict:
        prepare_database(self.url, self.reuse)
        os.environ.update(self.env)  # this process reads the same database (query counts)
        import django

        django.setup()
        from django.db import connection
        from django.utils import translation
        from django.utils.translation import gettext as _

        # The report is for developers, in English like docs/performance.md: its strings are
        # not in the catalogue (`make messages` skips benchmarks/), and a label sharing a msgid
        # with the interface ("status", "job") would otherwise print in Chinese.
        translation.activate("en")

        self.say(_("Migrating %(db)s") % {"db": self.url.rsplit("/", 1)[-1]})
        migrate = manage(self.env, "migrate", "--noinput")
        seed = self.seed()
        from benchmarks import logins

        targets = logins.targets(self.mode.name)
        self.say(_("Counting queries in-process"))
        measured, later = self.resolve(targets)
        for page, path in measured:
            page_result = self.results[page.key]
            page_result.figures["queries"] = count_queries(path, targets.user(page.role))
        connection.close()
        manage(self.env, "collectstatic", "--noinput", "--verbosity", "0")
        self.load(measured, targets)
        job_results = [seed] + [run_job(job, self.env, self.mode) for job in jobs(self.mode)[1:]]
        self.judge()
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            postgres = cursor.fetchone()[0]
        return {
            "mode": self.mode.name,
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
                "postgresql": postgres,
                "cache": "redis" if self.env.get("REDIS_URL") else "local memory",
            },
            "server": {"gunicorn_workers": WORKERS, "debug": False, "static": "whitenoise"},
            "load": {
                "tool": "wrk",
                "connections": CONNECTIONS,
                "max_requests": self.mode.max_requests,
                "max_seconds": self.mode.seconds,
                "rounds": self.mode.rounds,
                "warmup_requests": self.mode.warmup,
            },
            "migrate_seconds": round(migrate, 1),
            "pages": [vars(self.results[p.key]) for p in pages()],
            "jobs": [vars(j) for j in job_results],
            "not_built_yet": later,
            "page_failed": self.page_failed,
        }

    def say(self, text: str) -> None:
        print(f"bench: {text}", file=sys.stderr, flush=True)

    def seed(self) -> Result:
        from django.db import connection
        from django.utils.translation import gettext as _

        from organizations.demo import scale, small

        job = jobs(self.mode)[0]
        found = scale.find() if self.mode is DISTRICT else small.find()
        if found is not None:
            return Result(job.key, job.label, _("reused, not timed (run without REUSE=1)"))
        self.say(_("Seeding: %(label)s") % {"label": job.label})
        seconds = manage(self.env, "seed_demo", *self.mode.seed_args)
        # Production's autovacuum analyses a bulk load within a minute; do it now, so the
        # planner sees the steady state rather than the empty tables' estimates.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        result = Result(job.key, job.label, _("measured"), figures={"seconds": round(seconds, 2)})
        if job.budget is not None and seconds > job.budget:
            result.broken.append(f"seed {seconds:.1f} s > {job.budget:g} s")
        return result

    def resolve(self, targets) -> tuple[list[tuple[Page, str]], list[str]]:
        """The pages whose URL resolves today, with their paths; the names of the others."""
        from django.utils.translation import gettext as _

        self.results: dict[str, Result] = {}
        measured, later = [], []
        for page in pages():
            result = Result(page.key, page.label, _("not built yet"), role=page.role)
            self.results[page.key] = result
            if not url_name_exists(page.url_name):
                later.append(page.url_name)
                continue
            path = page_path(page, targets)
            if path is None:
                result.status = _("built; the bench has no data for its URL yet")
                continue
            result.url = path
            result.status = _("measured")
            measured.append((page, path))
        return measured, later

    def load(self, measured, targets) -> None:
        from django.utils.translation import gettext as _

        from benchmarks import logins

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        OUT.mkdir(exist_ok=True)
        server = start_gunicorn(self.env, port, OUT / "gunicorn.log")
        try:
            cookies = {
                role: log_in(base, username, logins.PASSWORD)
                for role, username in targets.usernames.items()
            }
            loading = []
            for page, path in measured:
                url, cookie = base + path, cookies.get(page.role)
                try:
                    check(url, cookie)
                except BenchError as error:
                    # Measure the other pages; the run still ends with status 2.
                    self.say(str(error))
                    self.results[page.key].status = _("failed")
                    self.results[page.key].broken.append(f"{page.key}: {error}")
                    self.page_failed = True
                    continue
                wrk(url, cookie, self.mode.warmup, self.mode.warmup_seconds)
                loading.append((page, url, cookie))
            rounds: dict[str, list[dict]] = {page.key: [] for page, _url, _cookie in loading}
            for number in range(1, self.mode.rounds + 1):
                for page, url, cookie in loading:
                    self.say(
                        _("Loading %(page)s (round %(n)s of %(rounds)s)")
                        % {"page": page.label, "n": number, "rounds": self.mode.rounds}
                    )
                    figures = wrk(url, cookie, self.mode.max_requests, self.mode.seconds)
                    rounds[page.key].append(
                        {
                            "median_ms": figures["p50_us"] / 1000,
                            "p95_ms": figures["p95_us"] / 1000,
                            "requests": figures["requests"],
                            "seconds": figures["duration_us"] / 1e6,
                        }
                    )
            for key, measured_rounds in rounds.items():
                self.results[key].figures.update(combine(measured_rounds, self.mode.max_requests))
        finally:
            stop(server)

    def judge(self) -> None:
        """Each page's ratio to the floor, and the page budgets it breaks."""
        floor = self.results["floor"].figures.get("rounds")
        for result in self.results.values():
            figures = result.figures
            if "median_ms" not in figures or floor is None:
                continue
            figures["ratios"] = ratios(figures["rounds"], floor)
            figures["ratio"] = round(statistics.median(figures["ratios"]), 2)
            if figures["queries"] > QUERY_BUDGET:
                result.broken.append(f"{result.key}: {figures['queries']} queries > 12")
            if self.mode.scale_budgets and figures["ratio"] > RATIO_BUDGET:
                result.broken.append(f"{result.key}: median {figures['ratio']:.2f} × floor > 3")


# ---------------------------------------------------------------------------------------------
# The table


def ratio_cell(figures: dict) -> str:
    """The ratio judged, then each round's when there were several: `2.1 (2 / 2.1 / 2.3)`."""
    if "ratio" not in figures:
        return "—"
    rounds = figures.get("ratios", [])
    if len(rounds) < 2:
        return f"{figures['ratio']:g}"
    return f"{figures['ratio']:g} ({' / '.join(f'{r:g}' for r in rounds)})"


def markdown(report: dict) -> str:
    from django.utils.translation import gettext as _

    def cell(figures, key, fmt="{:g}"):
        return fmt.format(figures[key]) if key in figures else "—"

    lines = [
        _(
            "### Pages (%(mode)s scale, %(cpus)s cores, gunicorn %(workers)s workers, wrk %(c)s "
            "connections)"
        )
        % {
            "mode": report["mode"],
            "cpus": report["machine"]["cpus"],
            "workers": report["server"]["gunicorn_workers"],
            "c": report["load"]["connections"],
        },
        "",
        "| {} | {} | {} | {} | {} | {} | {} | {} |".format(
            _("page"),
            _("as"),
            _("median ms"),
            _("p95 ms"),
            _("req/s"),
            _("SQL queries"),
            _("× floor"),
            _("status"),
        ),
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in report["pages"]:
        f = page["figures"]
        status = "; ".join(page["broken"]) or page["status"]
        lines.append(
            f"| {page['label']} | {page['role'] or _('anonymous')} | {cell(f, 'median_ms')} "
            f"| {cell(f, 'p95_ms')} | {cell(f, 'rps')} | {cell(f, 'queries')} "
            f"| {ratio_cell(f)} | {status} |"
        )
    lines += [
        "",
        _("### Jobs"),
        "",
        "| {} | {} | {} | {} | {} | {} |".format(
            _("job"), _("seconds"), _("budget s"), _("peak MB"), _("budget MB"), _("status")
        ),
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    budgets = {job.key: job for job in jobs(SMOKE if report["mode"] == "smoke" else DISTRICT)}
    for job in report["jobs"]:
        spec = budgets.get(job["key"])
        budget = spec.budget if spec else None
        memory = spec.memory_budget_mb if spec else None
        status = "; ".join(job["broken"]) or job["status"]
        lines.append(
            f"| {job['label']} | {cell(job['figures'], 'seconds')} "
            f"| {'—' if budget is None else f'{budget:g}'} "
            f"| {cell(job['figures'], 'peak_rss_mb')} "
            f"| {'—' if memory is None else f'{memory:g}'} | {status} |"
        )
    lines += [
        "",
        _(
            "Total %(seconds)s s; migrate %(migrate)s s. Budgets: median ≤ 3 × floor and seed ≤ "
            "120 s at district scale, ≤ 12 queries per page always."
        )
        % {"seconds": report.get("total_seconds", "?"), "migrate": report["migrate_seconds"]},
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
