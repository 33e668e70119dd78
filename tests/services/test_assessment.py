"""A1: a unit's yearly score from its parts, the breakdown page, the report, commendations."""

from decimal import Decimal

import pytest
from django.urls import reverse

from organizations.models import AuditEvent, MemberCategory
from services import actions, rules, selectors
from services.models import Commendation, ServiceRecord
from tests.factories import MemberFactory
from tests.organizations.web import text
from tests.services import builders
from tests.services.builders import DAY, YEAR

pytestmark = pytest.mark.django_db


def test_the_score_from_its_parts():
    full = rules.unit_score(
        registered=True,
        agreement_signed=True,
        agreement_progress=100,
        commitments=2,
        fulfilled=2,
        service_hours=Decimal("96"),
        members=12,
    )
    assert full["total"] == 90 and full["out_of"] == 90  # joint meetings not recorded
    half = rules.unit_score(
        registered=False,
        agreement_signed=True,
        agreement_progress=50,
        commitments=2,
        fulfilled=1,
        service_hours=Decimal("48"),
        members=12,
        meeting_rate=0.5,
    )
    assert half["parts"]["registration"] == (0, 20)
    assert half["parts"]["agreement"] == (15, 30)
    assert half["parts"]["commitments"] == (10, 20)
    assert half["parts"]["service"] == (10, 20)
    assert half["total"] == 40 and half["out_of"] == 100
    unsigned = rules.unit_score(
        registered=True,
        agreement_signed=False,
        agreement_progress=80,
        commitments=0,
        fulfilled=0,
        service_hours=Decimal("500"),
        members=0,
    )
    assert unsigned["parts"]["agreement"][0] == 0 and "service" not in unsigned["parts"]


def test_the_breakdown_page_and_the_report(scene, secretary, office, login):
    committee, unit = scene.tree.committee, scene.unit
    unit.member_count = 1
    unit.save()
    actions.unit_register(actor=None, unit=unit, committee=committee, registered_on=DAY)
    agreement = builders.agreement(committee, unit, projects=2)
    project = agreement.projects.first()
    actions.project_progress(actor=None, project=project, progress=100)
    builders.commitment(committee, unit)  # fulfilled
    member = MemberFactory(
        node=scene.tree.building, category=MemberCategory.IN_SERVICE, workplace=unit
    )
    ServiceRecord.objects.create(
        member=member,
        node=scene.tree.grid,
        served_on=DAY,
        hours=4,
        description="服务",
        state="confirmed",
    )
    (row,) = selectors.assessment(committee, YEAR)
    parts = row["score"]["parts"]
    assert parts["registration"] == (20, 20)
    assert parts["agreement"] == (15, 30)  # projects at 100% and 0%
    assert parts["commitments"] == (20, 20)
    assert parts["service"] == (10, 20)  # 4 of 8 hours for one member
    office_client = login(office)
    office_client.post(
        reverse("services:commendation_create", args=[committee.pk]),
        {"unit": unit.pk, "year": YEAR, "title": "共驻共建先进单位", "decided_on": "2026-12-20"},
    )
    assert Commendation.objects.get().title == "共驻共建先进单位"
    assert AuditEvent.objects.filter(action="services.commendation_create").exists()
    client = login(secretary)
    page = text(client.get(reverse("services:assessment", args=[committee.pk]) + "?year=2026"))
    assert "65.0" in page and "共驻共建先进单位" in page
    report = client.get(
        reverse("services:unit_report_pdf", args=[committee.pk, unit.pk]) + "?year=2026"
    )
    assert report.status_code == 200 and report.content.startswith(b"%PDF")
    other = builders.unit(scene.tree.other_committee, "他社区单位")
    missing = reverse("services:unit_report_pdf", args=[committee.pk, other.pk])
    assert client.get(missing).status_code == 404
