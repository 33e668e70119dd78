"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

Fixtures: `browser` (one Chromium for the session), `page` (a desktop window), `phone` (375 px
wide, touch), `demo` (the demo district), `shot` (a screenshot for the user guide). Helpers for
the steps themselves are in tests/e2e/support.py.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from .support import Screenshots

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; the live server's database
# access from the test body is still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The machine has no network: keep Chromium from trying to reach its services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--font-render-hinting=none",
    "--lang=zh-CN",
]

DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 375, "height": 740}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each journey starts with an empty cache: the public pages' limiters count per client
    address, and every browser here is 127.0.0.1 (with Redis the counts outlive the run)."""
    cache.clear()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        from tests.conftest import _missing

        _missing("Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _context(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser, live_server):
    context = _context(browser, live_server, viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized screen: 375 px wide, touch, a phone's user agent."""
    context = _context(
        browser,
        live_server,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """More windows, for journeys with two people at once (a second member, a resident)."""
    contexts = []

    def make(*, mobile=False):
        options = (
            {"viewport": PHONE, "is_mobile": True, "has_touch": True}
            if mobile
            else {"viewport": DESKTOP}
        )
        contexts.append(_context(browser, live_server, **options))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


class _DemoSnapshot:
    """The seeded demo district, copied out of PostgreSQL table by table after the first seed.

    Every journey starts from the demo, and each test's flush empties the database; seeding
    again costs 10–40 s a test, copying the rows back in under a second."""

    def __init__(self):
        self.tables: dict[str, bytes] | None = None

    def load(self):
        if connection.vendor != "postgresql":
            call_command("seed_demo", stdout=io.StringIO())
        elif self.tables is None:
            call_command("seed_demo", stdout=io.StringIO())
            self.tables = self._copy_out()
        else:
            self._copy_in()

    def _copy_out(self) -> dict[str, bytes]:
        tables = {}
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                with cursor.connection.cursor().copy(f'COPY "{table}" TO STDOUT') as copy:
                    tables[table] = b"".join(bytes(chunk) for chunk in copy)
        return tables

    def _copy_in(self):
        models = apps.get_models(include_auto_created=True)
        with transaction.atomic(), connection.cursor() as cursor:
            # Rows go in table by table: foreign keys (and triggers) wait until all are in.
            cursor.execute("SET LOCAL session_replication_role = replica")
            # The flush's post_migrate signal has already put content types and permissions
            # back, under other ids: the snapshot's rows replace them.
            cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in self.tables))
            for table, rows in self.tables.items():
                if rows:
                    with cursor.connection.cursor().copy(f'COPY "{table}" FROM STDIN') as copy:
                        copy.write(rows)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        ContentType.objects.clear_cache()


_demo_snapshot = _DemoSnapshot()


@pytest.fixture
def demo(transactional_db):
    """The demo district (seed_demo), with its logins; see organizations/demo/."""
    _demo_snapshot.load()


@pytest.fixture
def shot(request, tmp_path):
    """shot(page, "election-01-seats") saves a screenshot for the user guide.

    `make screenshots` sets SCREENSHOTS_DIR=docs/user-guide/img; otherwise the pictures go to
    the test's temporary folder, so the code that takes them runs in every test run."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    return Screenshots(folder)
