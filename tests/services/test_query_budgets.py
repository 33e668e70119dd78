"""Query budgets of the services lists: the same for 10 and 1,000 rows, at most 12 queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import MemberUnit, PartyMember, UnitKind, UnitLink
from services.models import (
    Agreement,
    AgreementProject,
    Commitment,
    DualRegistration,
    Fund,
    FundSpend,
    ServiceOpening,
    ServiceRecord,
    Signup,
    UnitRegistration,
)
from tests.organizations.test_query_budgets import add_members

pytestmark = pytest.mark.django_db
SIZES = (10, 1000)
YEAR = 2026
DAY = datetime.date(YEAR, 3, 1)


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def grow(tree, start, count):
    committee = tree.committee
    add_members(tree, start, count)
    PartyMember.objects.filter(name__gte=f"党员{start:04d}").update(category="in_service")
    new_members = list(PartyMember.objects.filter(dual_registrations__isnull=True))
    DualRegistration.objects.bulk_create(
        DualRegistration(member=m, committee=committee, basis="home", registered_on=DAY)
        for m in new_members
    )
    openings = ServiceOpening.objects.bulk_create(
        ServiceOpening(committee=committee, kind="post", title=f"岗位{i}") for i in range(count)
    )
    Signup.objects.bulk_create(
        Signup(opening=o, member=m, mode="directed")
        for o, m in zip(openings, new_members, strict=True)
    )
    ServiceRecord.objects.bulk_create(
        ServiceRecord(
            member=m, node=tree.grid, served_on=DAY, hours=2, description="服务", opening=o
        )
        for o, m in zip(openings, new_members, strict=True)
    )
    units = MemberUnit.objects.bulk_create(
        MemberUnit(name=f"单位{i:05d}", kind=UnitKind.STATE_ENTERPRISE, superior="区国资委")
        for i in range(start, start + count)
    )
    UnitLink.objects.bulk_create(
        UnitLink(unit=u, committee=committee, started_on=DAY) for u in units
    )
    UnitRegistration.objects.bulk_create(
        UnitRegistration(unit=u, committee=committee, registered_on=DAY) for u in units
    )
    Commitment.objects.bulk_create(
        Commitment(
            committee=committee,
            unit=u,
            year=YEAR,
            direction="from_unit",
            kind="venue",
            description="开放活动室",
            evidence="services/evidence/x.pdf",
        )
        for u in units
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(committee=committee, unit=u, year=YEAR, goals="共建", signed_on=DAY)
        for u in units
    )
    AgreementProject.objects.bulk_create(
        AgreementProject(agreement=a, title="项目", owner="王强", deadline=DAY) for a in agreements
    )
    fund, _created = Fund.objects.get_or_create(
        committee=committee, year=YEAR, defaults={"budget_fen": 10**12}
    )
    FundSpend.objects.bulk_create(
        FundSpend(fund=fund, amount_fen=100, purpose="支出", spent_on=DAY, receipt="r.pdf")
        for _ in range(count)
    )


def test_lists_cost_the_same_for_10_and_1000_rows(tree, secretary, login, client):
    committee = tree.committee
    staff = login(secretary)
    pages = {
        "overview": reverse("services:overview", args=[committee.pk]),
        "commitments": reverse("services:commitment_list", args=[committee.pk]) + f"?year={YEAR}",
        "agreements": reverse("services:agreement_list", args=[committee.pk]),
        "dual": reverse("services:dual_coverage", args=[committee.pk]),
        "openings": reverse("services:opening_list", args=[committee.pk]),
        "records": reverse("services:record_list", args=[tree.grid.pk]) + f"?year={YEAR}",
        "assessment": reverse("services:assessment", args=[committee.pk]) + f"?year={YEAR}",
        "funds": reverse("services:funds", args=[committee.pk]) + f"?year={YEAR}",
    }
    public = reverse("services:public_agreements", args=[committee.public_id])
    counts = {}
    start = 0
    for n in SIZES:
        grow(tree, start, n - start)
        start = n
        counts[n] = {name: queries(staff, url) for name, url in pages.items()}
        counts[n]["public"] = queries(client, public)
    assert counts[10] == counts[1000]
    assert max(counts[1000].values()) <= 12, counts
