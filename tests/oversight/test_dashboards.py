"""The dashboards: every number against a count made independently here."""

from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import load_workbook

from elections.models import Election, Stage
from meetings import actions as meeting_actions
from meetings.models import ThemeDay
from organizations.composition import verdicts
from organizations.models import MemberCategory, Role
from residents.models import Matter
from services import selectors as service_selectors
from services.models import Agreement, DualRegistration, Fund, FundIncome, ServiceRecord
from tests.factories import MemberFactory, UnitFactory
from tests.organizations.web import log_in
from tests.oversight.builders import community, matter, populate, this_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(tree):
    """Street A: tree.committee and one more; street B: tree.other_committee. Data on each."""
    extra, extra_grid, extra_building = community(tree.street, "光明社区大党委")
    places = [
        (tree.committee, tree.grid, tree.building),
        (extra, extra_grid, extra_building),
        (tree.other_committee, tree.other_grid, tree.other_building),
    ]
    for i, place in enumerate(places):
        populate(*place, i)
    MemberFactory(node=tree.household, category=MemberCategory.IN_SERVICE)  # level 6
    tree.extra = extra
    return tree


def expected(committees) -> dict:
    """The dashboard's figures for these committees, counted another way."""
    year, today = this_year(), timezone.localdate()
    held_months = {
        c.pk: {
            d.month
            for d in ThemeDay.objects.filter(
                committee=c, date__year=year, state__in=["held", "closed"]
            ).values_list("date", flat=True)
            if d.month <= today.month
        }
        for c in committees
    }
    coverage = [service_selectors.dual_coverage(c) for c in committees]
    funds = [
        service_selectors.fund_summary(Fund.objects.get(committee=c, year=year)) for c in committees
    ]
    matters = [
        m
        for m in Matter.objects.filter(grid__parent__in=committees, status="closed")
        if timezone.localtime(m.closed_at).year == year
    ]
    return {
        "committees": len(committees),
        "breaking": sum(any(v.failing for v in verdicts(c)) for c in committees),
        "held_this_month": sum(today.month in held_months[c.pk] for c in committees),
        "months_held": sum(len(m) for m in held_months.values()),
        "months_due": today.month * len(committees),
        "agreements": Agreement.objects.filter(committee__in=committees, year=year).count(),
        "signed": Agreement.objects.filter(
            committee__in=committees, year=year, signed_on__isnull=False
        ).count(),
        "in_service": sum(c["in_service"] for c in coverage),
        "registered": sum(c["registered"] for c in coverage),
        "hours": sum(
            (
                r.hours
                for r in ServiceRecord.objects.filter(node__parent__in=committees)
                if r.state == "confirmed" and r.served_on.year == year
            ),
            Decimal("0"),
        ),
        "budget": sum(f["budget"] for f in funds),
        "incomes": sum(f["incomes"] for f in funds),
        "spent": sum(f["approved"] for f in funds),
        "pending": sum(f["pending"] for f in funds),
        "closed": len(matters),
        "within": sum(not m.left_grid for m in matters),
        "stages": Counter(
            Election.objects.filter(committee__in=committees).values_list("stage", flat=True)
        ),
    }


def pct(part, whole):
    return None if not whole else round(100 * part / whole)


def yuan(fen):
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def rows_of(tables, key, with_total=True):
    table = next(t for t in tables if t.key == key)
    return {row[0]: row[1:] for row in (table.export_rows() if with_total else table.rows)}


def assert_figures(tables, name, e):
    """Every table's row `name` shows the figures `e`."""
    assert rows_of(tables, "composition")[name][:2] == [e["committees"], e["breaking"]]
    assert rows_of(tables, "theme_days")[name] == [
        e["committees"],
        e["held_this_month"],
        e["months_held"],
        e["months_due"],
        pct(e["months_held"], e["months_due"]),
    ]
    assert rows_of(tables, "agreements")[name] == [e["agreements"], e["signed"]]
    assert rows_of(tables, "dual")[name] == [
        e["in_service"],
        e["registered"],
        pct(e["registered"], e["in_service"]),
    ]
    assert rows_of(tables, "hours")[name] == [e["hours"]]
    assert rows_of(tables, "funds")[name] == [
        yuan(e["budget"]),
        yuan(e["incomes"]),
        yuan(e["spent"]),
        yuan(e["pending"]),
        pct(e["spent"], e["budget"] + e["incomes"]),
    ]
    assert rows_of(tables, "matters")[name] == [
        e["closed"],
        e["within"],
        pct(e["within"], e["closed"]),
    ]


def cell(value):
    """A cell as compared: empty cells come back from the workbook as None, numbers as
    int or float."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    return str(value)


def get(client, user, name, node, **extra):
    log_in(client, user)
    return client.get(reverse(name, args=[node.pk]), extra)


def test_district_dashboard_rolls_communities_up_to_streets(district, role_user, client):
    tree = district
    staff = role_user(Role.DISTRICT_STAFF, tree.district)
    response = get(client, staff, "oversight:dashboard", tree.district)
    assert response.status_code == 200
    tables = response.context["tables"]
    assert_figures(tables, tree.street.name, expected([tree.committee, tree.extra]))
    assert_figures(tables, tree.other_street.name, expected([tree.other_committee]))
    everything = expected([tree.committee, tree.extra, tree.other_committee])
    assert_figures(tables, gettext("Total"), everything)
    stages = rows_of(tables, "elections")
    for value, label in Stage.choices:
        assert stages[str(label)] == [everything["stages"][value]]
    assert stages[gettext("Total")] == [4]
    # The data were chosen so no figure is trivially zero.
    assert everything["held_this_month"] == 2 and everything["hours"] == Decimal("10.5")
    assert everything["registered"] == 6 and everything["in_service"] == 10
    assert everything["closed"] == 12 and everything["within"] == 9


def test_street_dashboard_shows_its_communities_and_links_down(district, role_user, client):
    tree = district
    staff = role_user(Role.STREET_STAFF, tree.street)
    response = get(client, staff, "oversight:dashboard", tree.street)
    tables = response.context["tables"]
    for committee in (tree.committee, tree.extra):
        assert_figures(tables, committee.name, expected([committee]))
    assert tree.other_committee.name not in rows_of(tables, "composition")
    page = response.content.decode()
    assert reverse("oversight:community", args=[tree.extra.pk]) in page
    failing = [v.rule for v in verdicts(tree.committee) if v.failing]
    assert rows_of(tables, "composition")[tree.committee.name][2] == " ".join(failing)


def test_community_dashboard_for_its_secretary_office_and_street(district, role_user, client):
    tree = district
    for role, where in (
        (Role.COMMUNITY_SECRETARY, tree.committee),
        (Role.COMMUNITY_OFFICE, tree.committee),
        (Role.STREET_STAFF, tree.street),
    ):
        response = get(client, role_user(role, where), "oversight:community", tree.committee)
        assert response.status_code == 200
        tables = response.context["tables"]
        assert_figures(tables, tree.committee.name, expected([tree.committee]))
        messages = [v.message for v in verdicts(tree.committee) if v.failing]
        assert [v.message for v in response.context["verdicts"]] == messages
    member = role_user(Role.PARTY_MEMBER, tree.committee)
    assert get(client, member, "oversight:community", tree.committee).status_code == 403
    grid_secretary = role_user(Role.GRID_SECRETARY, tree.grid)  # the committee is above them
    assert get(client, grid_secretary, "oversight:community", tree.committee).status_code == 404


def test_charts_are_inline_svg_without_style_or_script(district, role_user, client):
    staff = role_user(Role.DISTRICT_STAFF, district.district)
    page = get(client, staff, "oversight:dashboard", district.district).content.decode()
    charts = [part.split("</svg>")[0] for part in page.split("<svg")[1:]]
    assert len(charts) == 8
    for chart in charts:
        assert "style" not in chart and "script" not in chart
        assert 'fill="#c62828"' in chart
    assert "<style" not in page and "<script>" not in page


def test_each_table_exports_as_xlsx_with_the_same_rows(district, role_user, client):
    tree = district
    staff = role_user(Role.STREET_STAFF, tree.street)
    tables = get(client, staff, "oversight:dashboard", tree.street).context["tables"]
    for table in tables:
        url = reverse("oversight:export", args=[tree.street.pk, table.key])
        response = client.get(url)
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert rows[0] == [str(h) for h in table.header]
        assert len(rows) == len(table.export_rows()) + 1
        for got, want in zip(rows[1:], table.export_rows(), strict=True):
            assert [cell(v) for v in got] == [cell(v) for v in want]
    assert client.get(reverse("oversight:export", args=[tree.street.pk, "nope"])).status_code == 404


def test_a_name_that_looks_like_a_formula_is_exported_as_text(tree, role_user, client):
    from organizations import actions

    committee = actions.node_update(actor=None, node=tree.committee, name="=1+1社区")
    staff = role_user(Role.STREET_STAFF, tree.street)
    log_in(client, staff)
    response = client.get(reverse("oversight:export", args=[tree.street.pk, "hours"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s" and cell.value.startswith("'=")
    assert committee.name == "=1+1社区"


def test_home_leads_each_to_their_own_dashboard(district, role_user, client):
    tree = district
    cases = (
        (role_user(Role.DISTRICT_STAFF, tree.district), "oversight:dashboard", tree.district),
        (role_user(Role.STREET_STAFF, tree.street), "oversight:dashboard", tree.street),
        (
            role_user(Role.COMMUNITY_SECRETARY, tree.committee),
            "oversight:community",
            tree.committee,
        ),
    )
    for user, name, node in cases:
        log_in(client, user)
        response = client.get(reverse("oversight:home"))
        assert response.url == reverse(name, args=[node.pk])


def test_navigation_shows_the_link_to_street_staff_only(tree, role_user, client):
    link = reverse("oversight:home")
    log_in(client, role_user(Role.STREET_STAFF, tree.street))
    assert link in client.get(reverse("organizations:navigator")).content.decode()
    log_in(client, role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    assert link not in client.get(reverse("organizations:navigator")).content.decode()


def _district_queries(tree, role_user, client) -> int:
    staff = role_user(Role.DISTRICT_STAFF, tree.district)
    log_in(client, staff)
    url = reverse("oversight:dashboard", args=[tree.district.pk])
    client.get(url)  # warm-up: content types, the counts cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_district_dashboard_queries_do_not_grow_with_communities(tree, role_user, client):
    populate(tree.committee, tree.grid, tree.building, 0)
    populate(tree.other_committee, tree.other_grid, tree.other_building, 1)
    with_two = _district_queries(tree, role_user, client)
    for i in range(4):
        street = tree.street if i % 2 else tree.other_street
        populate(*community(street, f"新社区{i}"), i + 2)
    with_six = _district_queries(tree, role_user, client)
    assert with_six == with_two
    assert with_six <= 12


def _writes(tree):
    """One write per kind of row a figure is computed from, each changing the first
    community's figures, made as the apps' actions make them (save, create, delete)."""
    today, year = timezone.localdate(), this_year()
    member = MemberFactory(node=tree.building, category=MemberCategory.IN_SERVICE)
    fund = Fund.objects.get(committee=tree.committee, year=year)

    def sign():
        agreement = Agreement.objects.filter(committee=tree.committee, year=year).last()
        agreement.signed_on = None if agreement.signed_on else today
        agreement.save()

    def approve():
        spend = fund.spends.get(state="recorded")
        spend.state = "approved"
        spend.save()

    def budget():
        fund.budget_fen += 100_000
        fund.save()

    def found():
        election = Election.objects.filter(committee=tree.committee, stage="nomination").get()
        election.stage = "founded"
        election.save()

    def held():
        day = ThemeDay.objects.get(committee=tree.committee, state="scheduled")
        meeting_actions.theme_day_mark_held(actor=None, theme_day=day)

    return [
        lambda: MemberFactory(node=tree.building, category=MemberCategory.IN_SERVICE),
        lambda: DualRegistration.objects.create(
            member=member, committee=tree.committee, basis="home", registered_on=today
        ),
        lambda: ServiceRecord.objects.create(
            member=member,
            node=tree.grid,
            served_on=today,
            hours=Decimal("1.5"),
            description="巡逻",
            state="confirmed",
        ),
        lambda: ServiceRecord.objects.get(node=tree.grid, hours=Decimal("1.5")).delete(),
        lambda: matter(tree.grid),
        lambda: Agreement.objects.create(
            committee=tree.committee, unit=UnitFactory(), year=year, goals="共建"
        ),
        sign,
        approve,
        lambda: FundIncome.objects.create(
            fund=fund, amount_fen=1_000, source="党费补助", received_on=today
        ),
        budget,
        found,
        held,
    ]


def test_cached_figures_follow_every_kind_of_write(district, role_user, client):
    """The tables are cached (ADR 0007): a second view reads none of the figures' tables, and
    after each write that changes a figure the page shows the new figure."""
    tree = district
    staff = role_user(Role.STREET_STAFF, tree.street)
    get(client, staff, "oversight:dashboard", tree.street)
    with CaptureQueriesContext(connection) as queries:
        get(client, staff, "oversight:dashboard", tree.street)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ("fundspend", "matter", "themeday", "post"):
        assert f'_{table}"' not in read
    for write in _writes(tree):
        before = expected([tree.committee])
        write()
        after = expected([tree.committee])
        assert after != before  # the write changes a figure the page shows
        response = get(client, staff, "oversight:dashboard", tree.street)
        tables = response.context["tables"]
        assert_figures(tables, tree.committee.name, after)
        page = response.content.decode()  # the markup is cached apart from the tables
        for key in ("composition", "dual", "matters", "agreements", "theme_days"):
            cells = rows_of(tables, key)[tree.committee.name]
            assert "".join(f"<td>{'—' if c is None else c}</td>" for c in cells) in page
        stages = expected([tree.committee, tree.extra])["stages"]
        for value, label in Stage.choices:
            assert rows_of(tables, "elections")[str(label)] == [stages[value]]
    # A renamed community shows under its new name; a new year or day is another entry.
    tree.committee.name = "新名社区大党委"
    tree.committee.save()
    tables = get(client, staff, "oversight:dashboard", tree.street).context["tables"]
    assert tree.committee.name in rows_of(tables, "hours")
