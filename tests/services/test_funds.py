"""F1: budget, subsidies, spends with approval, the balance, the ledger as Excel and PDF."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from organizations.models import AuditEvent
from services import actions, documents
from services.models import Fund, FundSpend, SpendState
from tests.elections.test_documents import assert_cjk_font_embedded, pdf_text
from tests.organizations.web import text
from tests.services import builders
from tests.services.builders import DAY, YEAR

pytestmark = pytest.mark.django_db


def balance(committee):
    return actions.fund_balance(Fund.objects.get(committee=committee, year=YEAR))


def test_budget_from_the_setting_plus_subsidies(scene, settings):
    settings.DAJIWEI_SERVICES = {**settings.DAJIWEI_SERVICES, "yearly_funds_yuan": 1000}
    committee = scene.tree.committee
    actions.income_add(
        actor=None, committee=committee, amount_fen=20000, source="党费补助", received_on=DAY
    )
    assert balance(committee) == 1000_00 + 200_00
    assert AuditEvent.objects.filter(action="services.income_add").count() == 1


def test_a_spend_over_the_balance_is_refused_with_the_numbers(scene, settings):
    settings.DAJIWEI_SERVICES = {**settings.DAJIWEI_SERVICES, "yearly_funds_yuan": 1200}
    committee = scene.tree.committee
    with pytest.raises(ValidationError) as refused:
        builders.spend(committee, amount_fen=1500_00)
    message = refused.value.message_dict["amount"][0]
    assert "1,200.00" in message and "1,500.00" in message
    builders.spend(committee, amount_fen=1200_00)
    assert balance(committee) == 0


def test_approval_by_the_secretary_and_a_rejection_frees_the_amount(
    scene, settings, office, secretary, login
):
    settings.DAJIWEI_SERVICES = {**settings.DAJIWEI_SERVICES, "yearly_funds_yuan": 1000}
    committee = scene.tree.committee
    office_client = login(office)
    response = office_client.post(
        reverse("services:spend_add", args=[committee.pk]),
        {
            "amount": "800.00",
            "purpose": "慰问困难党员",
            "spent_on": "2026-03-05",
            "activity": "三月主题党日",
            "receipt": builders.pdf_upload("receipt.pdf"),
        },
    )
    assert response.status_code == 302
    spend = FundSpend.objects.get()
    assert spend.amount_fen == 800_00 and spend.state == SpendState.RECORDED
    over = office_client.post(
        reverse("services:spend_add", args=[committee.pk]),
        {"amount": "300", "purpose": "x", "spent_on": "2026-03-06"},
    )
    assert over.status_code == 200 and "amount" in over.context["form"].errors
    decide = reverse("services:spend_decide", args=[spend.pk])
    assert office_client.get(decide).status_code == 403  # the office records, not approves
    secretary_client = login(secretary)
    assert secretary_client.post(decide, {"approve": "0"}).status_code == 302
    spend.refresh_from_db()
    assert spend.state == SpendState.REJECTED
    assert balance(committee) == 1000_00
    assert secretary_client.get(decide).status_code == 404  # already decided
    second = builders.spend(committee, amount_fen=300_00)
    actions.spend_decide(actor=None, spend=second, approve=True)
    assert balance(committee) == 700_00
    page = text(secretary_client.get(reverse("services:funds", args=[committee.pk])))
    assert "700.00" in page and "慰问困难党员" in page
    receipt = secretary_client.get(reverse("services:spend_receipt", args=[spend.pk]))
    assert b"".join(receipt.streaming_content) == builders.PDF
    assert AuditEvent.objects.filter(action="services.spend_reject").count() == 1


def test_a_spend_dated_in_another_year_goes_to_that_years_funds(scene):
    committee = scene.tree.committee
    actions.spend_record(
        actor=None,
        committee=committee,
        amount_fen=100,
        purpose="x",
        spent_on=datetime.date(2025, 12, 31),
    )
    assert Fund.objects.get(committee=committee, year=2025).spends.count() == 1


def test_the_ledger_as_excel_reads_back_with_neutralised_cells(scene, secretary, login):
    committee = scene.tree.committee
    actions.spend_record(
        actor=None,
        committee=committee,
        amount_fen=12345,
        purpose='=HYPERLINK("http://x")',
        spent_on=DAY,
        activity="@cmd",
    )
    client = login(secretary)
    response = client.get(reverse("services:ledger_xlsx", args=[committee.pk]) + f"?year={YEAR}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(rows) == 3  # header, budget, spend
    assert rows[2][2] == '\'=HYPERLINK("http://x")' and rows[2][3] == "'@cmd"
    assert rows[2][5] == "123.45" and rows[2][7] == "19,876.55"


def test_the_ledger_pdf(scene, tmp_path):
    builders.spend(scene.tree.committee)
    content = documents.ledger_pdf(Fund.objects.get())
    assert "主题党日活动物资" in pdf_text(content, tmp_path).replace(" ", "")
    assert_cjk_font_embedded(content, tmp_path)
