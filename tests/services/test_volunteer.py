"""S5 双服务/双选择: openings, sign-ups, hours confirmed by the grid secretary, the summary."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from organizations import actions as org_actions
from organizations.models import AuditEvent, MemberCategory, Role
from services import actions, documents, rules, selectors
from services.models import RecordState, Signup
from tests.elections.test_documents import assert_cjk_font_embedded, pdf_text
from tests.factories import MemberFactory
from tests.organizations.web import text
from tests.services import builders

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 9)


@pytest.fixture
def volunteer(scene):
    member = MemberFactory(
        node=scene.tree.building,
        category=MemberCategory.IN_SERVICE,
        workplace=builders.unit(scene.tree.other_committee, "区税务局党支部"),
        name="周志愿",
    )
    org_actions.member_login_create(
        actor=None, member=member, username="volunteer", password="pw-12345-xyz"
    )
    member.refresh_from_db()
    return member


@pytest.fixture
def opening(scene):
    return actions.opening_create(
        actor=None,
        committee=scene.tree.committee,
        kind="post",
        title="=楼道清洁岗",
        place="1号楼",
        schedule="每周六上午",
    )


def test_hours_rule_edges():
    today = datetime.date(2026, 5, 10)
    assert rules.hours_problem(Decimal("0.5"), today, today) is None
    assert rules.hours_problem(Decimal("12"), today, today) is None
    assert "12" in rules.hours_problem(Decimal("12.5"), today, today)
    assert rules.hours_problem(Decimal("0"), today, today) is not None
    assert rules.hours_problem(Decimal("1"), today + datetime.timedelta(days=1), today)
    assert rules.confirm_problem(confirmer_is_member=True, state="recorded")
    assert rules.confirm_problem(confirmer_is_member=False, state="confirmed")


def test_a_member_signs_up_alone_or_with_a_group(scene, volunteer, opening, login):
    client = login(volunteer.user)
    listing = text(client.get(reverse("services:opening_list", args=[scene.tree.committee.pk])))
    assert "楼道清洁岗" in listing
    url = reverse("services:opening_signup", args=[opening.pk])
    response = client.post(url, {"mode": "self_chosen", "group_name": "税务局志愿服务队"})
    assert response.status_code == 302
    signup = Signup.objects.get()
    assert signup.member == volunteer and signup.group_name == "税务局志愿服务队"
    again = client.post(url, {"mode": "directed"})
    assert again.status_code == 200 and Signup.objects.count() == 1
    assert AuditEvent.objects.filter(action="services.signup").count() == 1


def test_hours_are_confirmed_by_the_grid_secretary_not_by_oneself(
    scene, volunteer, opening, role_user, login
):
    client = login(volunteer.user)
    response = client.post(
        reverse("services:my_service"),
        {
            "node": scene.tree.grid.pk,
            "served_on": DAY.isoformat(),
            "hours": "2.5",
            "description": "清理楼道杂物",
        },
    )
    assert response.status_code == 302
    record = volunteer.service_records.get()
    assert record.state == RecordState.RECORDED
    elsewhere = client.post(
        reverse("services:my_service"),
        {
            "node": scene.tree.other_grid.pk,
            "served_on": DAY.isoformat(),
            "hours": "1",
            "description": "x",
        },
    )
    assert elsewhere.status_code == 200  # not a place of theirs
    with pytest.raises(ValidationError):
        actions.record_confirm(actor=volunteer.user, record=record, confirm=True)
    grid_secretary = login(role_user(Role.GRID_SECRETARY, scene.tree.grid))
    page = text(grid_secretary.get(reverse("services:record_list", args=[scene.tree.grid.pk])))
    assert "清理楼道杂物" in page
    confirm = reverse("services:record_confirm", args=[record.pk])
    assert grid_secretary.post(confirm, {"confirm": "1"}).status_code == 302
    record.refresh_from_db()
    assert record.state == RecordState.CONFIRMED
    assert grid_secretary.get(confirm).status_code == 404
    member_only = login(role_user(Role.PARTY_MEMBER, scene.tree.committee))
    assert (
        member_only.get(reverse("services:record_list", args=[scene.tree.grid.pk])).status_code
        == 403
    )


def confirmed_hours(scene, member, opening, hours="3.0", day=DAY):
    record = actions.record_create(
        actor=None,
        member=member,
        node=scene.tree.grid,
        served_on=day,
        hours=Decimal(hours),
        description="+陪伴独居老人",
        opening=opening,
    )
    return actions.record_confirm(actor=None, record=record, confirm=True)


def test_the_annual_summary_as_excel(scene, volunteer, opening, login):
    confirmed_hours(scene, volunteer, opening, "3.0")
    confirmed_hours(scene, volunteer, opening, "1.5")
    confirmed_hours(scene, volunteer, opening, "2", day=datetime.date(2025, 5, 1))
    actions.record_create(  # awaiting confirmation: not counted
        actor=None,
        member=volunteer,
        node=scene.tree.grid,
        served_on=DAY,
        hours=Decimal("8"),
        description="未确认",
    )
    client = login(volunteer.user)
    response = client.get(reverse("services:my_summary_xlsx") + "?year=2026")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(rows) == 4  # header, two records, total
    assert rows[1][2] == "'=楼道清洁岗" and rows[1][3] == "'+陪伴独居老人"
    assert rows[-1][-1] == 4.5


def test_the_annual_summary_pdf(scene, volunteer, opening, tmp_path):
    confirmed_hours(scene, volunteer, opening)
    content = documents.summary_pdf(selectors.member_summary(volunteer, 2026))
    words = pdf_text(content, tmp_path).replace(" ", "")
    assert "周志愿" in words and "3.0" in words
    assert_cjk_font_embedded(content, tmp_path)
