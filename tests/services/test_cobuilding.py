"""S1–S3: registration, commitments, agreements — actions, pages, the public notice, the PDF."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organizations.models import AuditEvent, Role
from services import actions, documents
from services.models import Agreement, Fulfilment, UnitRegistration
from tests.elections.test_documents import assert_cjk_font_embedded, pdf_text
from tests.meetings.helpers import resolution
from tests.organizations.web import text
from tests.services import builders
from tests.services.builders import DAY, YEAR

pytestmark = pytest.mark.django_db


def test_a_unit_registers_once_per_committee_and_the_unit_page_shows_it(scene, office, login):
    committee, unit = scene.tree.committee, scene.unit
    client = login(office)
    page = text(client.get(reverse("organizations:unit", args=[unit.pk])))
    assert reverse("services:unit_register", args=[unit.pk]) in page
    response = client.post(
        reverse("services:unit_register", args=[unit.pk]),
        {"committee": committee.pk, "registered_on": "2026-03-02"},
    )
    assert response.status_code == 302
    registration = UnitRegistration.objects.get(unit=unit, committee=committee)
    assert registration.registered_on == datetime.date(2026, 3, 2)
    assert AuditEvent.objects.filter(action="services.unit_register", node=committee).exists()
    page = text(client.get(reverse("organizations:unit", args=[unit.pk])))
    assert "2026-03-02" in page
    assert reverse("services:unit_register", args=[unit.pk]) not in page
    with pytest.raises(ValidationError):
        actions.unit_register(actor=None, unit=unit, committee=committee, registered_on=DAY)


def test_the_units_own_contact_registers_it(scene, role_user, login):
    contact = role_user(Role.UNIT_CONTACT, scene.tree.committee, unit=scene.unit)
    client = login(contact)
    url = reverse("services:unit_register", args=[scene.unit.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"committee": scene.tree.committee.pk, "registered_on": "2026-03-02"})
    assert UnitRegistration.objects.filter(unit=scene.unit).exists()


def test_the_units_contact_records_commitments_and_reads_only_its_own_agreement(
    scene, role_user, login
):
    committee = scene.tree.committee
    contact = login(role_user(Role.UNIT_CONTACT, committee, unit=scene.unit))
    url = reverse("services:unit_commitment_create", args=[scene.unit.pk])
    response = contact.post(
        url,
        {
            "committee": committee.pk,
            "year": YEAR,
            "direction": "from_unit",
            "kind": "venue",
            "description": "开放职工活动室",
            "opening_hours": "每周六",
        },
    )
    assert response.status_code == 302
    commitment = scene.unit.commitments.get()
    assert (commitment.committee, commitment.opening_hours) == (committee, "每周六")
    own = builders.agreement(committee, scene.unit)
    neighbour = builders.unit(committee, "区水务集团党委")
    other = builders.agreement(committee, neighbour)
    page = text(contact.get(reverse("organizations:unit", args=[scene.unit.pk])))
    assert "开放职工活动室" in page and reverse("services:agreement", args=[own.pk]) in page
    assert contact.get(reverse("services:agreement", args=[own.pk])).status_code == 200
    assert contact.get(reverse("services:agreement_pdf", args=[own.pk])).status_code == 200
    for name in ("services:agreement", "services:agreement_pdf"):
        assert contact.get(reverse(name, args=[other.pk])).status_code == 403
    page = text(contact.get(reverse("organizations:unit", args=[neighbour.pk])))
    assert reverse("services:agreement", args=[other.pk]) not in page
    neighbours_form = reverse("services:unit_commitment_create", args=[neighbour.pk])
    assert contact.get(neighbours_form).status_code == 403


def test_a_unit_cannot_register_with_a_committee_it_is_not_linked_to(scene):
    with pytest.raises(ValidationError):
        actions.unit_register(
            actor=None, unit=scene.unit, committee=scene.tree.other_committee, registered_on=DAY
        )


def test_commitment_with_evidence_served_through_the_gate(scene, office, login, role_user):
    committee = scene.tree.committee
    client = login(office)
    response = client.post(
        reverse("services:commitment_create", args=[committee.pk]),
        {
            "unit": scene.unit.pk,
            "year": YEAR,
            "direction": "from_unit",
            "kind": "money",
            "description": "资助社区活动",
            "amount": "5000.00",
        },
    )
    assert response.status_code == 302
    commitment = scene.unit.commitments.get()
    assert commitment.amount_fen == 500000
    url = reverse("services:commitment_fulfil", args=[commitment.pk])
    bad = client.post(url, {"status": "fulfilled", "evidence": builders.pdf_upload("x.exe")})
    assert bad.status_code == 200 and "evidence" in bad.context["form"].errors
    client.post(url, {"status": "fulfilled", "evidence": builders.pdf_upload()})
    commitment.refresh_from_db()
    assert commitment.status == Fulfilment.FULFILLED and commitment.evidence
    evidence = reverse("services:commitment_evidence", args=[commitment.pk])
    assert b"".join(client.get(evidence).streaming_content) == builders.PDF
    member = login(role_user(Role.PARTY_MEMBER, committee))
    assert member.get(evidence).status_code == 403
    listing = text(client.get(reverse("services:commitment_list", args=[committee.pk])))
    assert "资助社区活动" in listing


def test_one_agreement_per_unit_and_year(scene):
    builders.agreement(scene.tree.committee, scene.unit)
    with pytest.raises(ValidationError, match=str(YEAR)):
        builders.agreement(scene.tree.committee, scene.unit)
    assert Agreement.objects.count() == 1


def test_progress_per_project_is_recorded_and_audited(scene, office, login):
    agreement = builders.agreement(scene.tree.committee, scene.unit, signed=False)
    project = agreement.projects.get()
    client = login(office)
    url = reverse("services:project_progress", args=[project.pk])
    assert client.post(url, {"progress": 101}).status_code == 200
    client.post(url, {"progress": 60, "progress_note": "已完成场地改造"})
    project.refresh_from_db()
    assert project.progress == 60
    event = AuditEvent.objects.get(action="services.project_progress")
    assert event.data == {"from": 0, "to": 60}
    page = text(client.get(reverse("services:agreement", args=[agreement.pk])))
    assert "60%" in page and "已完成场地改造" in page


def test_the_public_notice_page_shows_signed_agreements_and_nothing_personal(scene, client):
    scene.unit.contact_name, scene.unit.contact_phone = "赵联络", "13900001111"
    scene.unit.secretary_name = "钱书记"
    scene.unit.save()
    builders.agreement(scene.tree.committee, scene.unit)
    draft_unit = builders.unit(scene.tree.committee, "未签约单位党支部")
    builders.agreement(scene.tree.committee, draft_unit, signed=False)
    url = reverse("services:public_agreements", args=[scene.tree.committee.public_id])
    page = text(client.get(url))
    assert "区供电公司党委" in page and "共建项目1" in page and "资源共享" in page
    assert "未签约单位党支部" not in page  # not signed, not published
    for private in ("王强", "赵联络", "13900001111", "钱书记", "signed.pdf", "/media/"):
        assert private not in page
    grid_url = reverse("services:public_agreements", args=[scene.tree.grid.public_id])
    assert client.get(grid_url).status_code == 404


def test_the_agreement_pdf_is_in_chinese_with_an_embedded_cjk_font(scene, tmp_path):
    agreement = builders.agreement(scene.tree.committee, scene.unit)
    content = documents.agreement_pdf(agreement)
    flat = pdf_text(content, tmp_path).replace(" ", "").replace("\n", "")
    assert f"{YEAR}年度共驻共建协议书" in flat
    assert "甲方：幸福社区大党委" in flat and "区供电公司党委" in flat
    assert "共建项目1" in flat and "一式两份" in flat
    assert_cjk_font_embedded(content, tmp_path)


def test_an_agreement_cites_the_resolution_that_approved_it(scene, office, login):
    committee = scene.tree.committee
    rejected = resolution(committee, adopted=False, number="2026-4")
    with pytest.raises(ValidationError, match="未通过"):
        actions.agreement_create(
            actor=None,
            committee=committee,
            unit=scene.unit,
            year=YEAR,
            goals="共建",
            resolution=rejected,
        )
    adopted = resolution(committee, number="2026-3")
    agreement = actions.agreement_create(
        actor=None,
        committee=committee,
        unit=scene.unit,
        year=YEAR,
        goals="共建",
        resolution=adopted,
    )
    assert agreement.resolution == adopted
    page = text(login(office).get(reverse("services:agreement", args=[agreement.pk])))
    assert "2026-3" in page and "关于同意兼职委员退出的决议" in page
    form = login(office).get(reverse("services:agreement_create", args=[committee.pk]))
    assert list(form.context["form"].fields["resolution"].queryset) == [adopted]
