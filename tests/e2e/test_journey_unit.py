"""Journey 6: a unit's party-organisation contact registers the unit with the community (单位报到),
records the unit's commitments (双向承诺) and reads the unit's co-building agreement (共驻共建协议).

Preconditions: the demo's `unit` login's unit has registered already, so a unit that has not gets
a contact of its own (granted the way the roles page does); the agreement is drafted, given a
project and signed by the community office (services.actions). Must not happen: the contact
opens another unit's agreement.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organizations import actions as org_actions
from organizations.demo import logins
from organizations.models import OrgNode, Role
from services import actions, selectors
from services.models import Agreement, Commitment, UnitRegistration

from .support import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)

COMMITTEE = "幸福社区大党委"
VENUE = "周末向居民开放单位篮球场和职工书屋"
SERVICE = "每月组织在职党员到社区开展一次志愿服务"


def test_a_unit_contact_registers_records_commitments_and_reads_the_agreement(demo, page, shot):
    committee = OrgNode.objects.get(name=COMMITTEE)
    unit = selectors.units_of(committee).exclude(registrations__committee=committee).first()
    assert unit is not None, "the demo has a linked unit that has not registered"
    contact = logins.staff_user("unit3", unit.contact_name or "单位联络人")
    org_actions.role_grant(
        actor=None, user=contact, node=committee, role=Role.UNIT_CONTACT, unit=unit
    )
    other = Agreement.objects.filter(committee=committee).exclude(unit=unit).first()
    assert other is not None, "the demo has another unit's agreement"
    today = timezone.localdate()

    # The contact finds the unit among the committee's member units.
    log_in(page, "unit3")
    page.get_by_role("link", name=COMMITTEE).first.click()
    page.get_by_role("link", name=unit.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(unit.name)
    expect(page.get_by_text("尚未报到")).to_be_visible()
    shot(page, "unit-01-unit-page")

    # Registration (报到).
    page.get_by_role("link", name="到社区报到").click()
    expect(page.get_by_role("heading", name="辖区单位到社区报到")).to_be_visible()
    page.get_by_label("社区“大党委”").select_option(label=COMMITTEE)
    page.get_by_label("报到日期").fill(today.isoformat())
    assert_accessible(page)
    shot(page, "unit-02-register")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("单位报到已登记")).to_be_visible()
    registration = UnitRegistration.objects.get(unit=unit, committee=committee)
    assert registration.registered_on == today and registration.recorded_by == contact
    expect(page.get_by_text(f"已于{today:%Y-%m-%d}到{COMMITTEE}报到")).to_be_visible()

    # Two commitments: what the unit offers, what the community offers the unit.
    for direction, kind, description, hours in (
        ("单位向社区承诺", "场地", VENUE, "每周六、日 9:00-17:00"),
        ("社区向单位承诺", "服务", SERVICE, ""),
    ):
        page.get_by_role("link", name="登记单位承诺").click()
        expect(page.get_by_role("heading", name="登记单位承诺")).to_be_visible()
        page.get_by_label("社区“大党委”").select_option(label=COMMITTEE)
        page.get_by_label("承诺方向").select_option(label=direction)
        page.get_by_label("类别").select_option(label=kind)
        page.get_by_label("承诺内容").fill(description)
        if hours:
            page.get_by_label("开放时间（场地）").fill(hours)
            assert_accessible(page)
            shot(page, "unit-03-commitment")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_text("承诺已登记")).to_be_visible()
    rows = Commitment.objects.filter(unit=unit, committee=committee, year=today.year)
    assert sorted(rows.values_list("direction", "kind", "description", "opening_hours")) == [
        ("from_unit", "venue", VENUE, "每周六、日 9:00-17:00"),
        ("to_unit", "service", SERVICE, ""),
    ]
    expect(page.get_by_role("cell", name=VENUE, exact=False)).to_be_visible()
    expect(page.get_by_role("cell", name=SERVICE)).to_be_visible()
    expect(page.get_by_text("暂无共建协议")).to_be_visible()

    # Precondition: the community office drafts the agreement, adds a project and signs it.
    agreement = actions.agreement_create(
        actor=None,
        committee=committee,
        unit=unit,
        year=today.year,
        goals="资源共享、共驻共建\n全年联合开展主题党日活动不少于2次",
        community_tasks="为单位职工子女提供暑期托管",
        unit_tasks="开放篮球场和职工书屋",
    )
    actions.project_add(
        actor=None,
        agreement=agreement,
        title="职工书屋向居民开放",
        owner=unit.contact_name or "单位联络人",
        deadline=datetime.date(today.year, 12, 31),
    )
    actions.agreement_sign(actor=None, agreement=agreement, signed_on=today)

    # The contact reads the agreement from the unit's page.
    page.reload()
    assert_accessible(page)
    shot(page, "unit-04-commitments")
    page.get_by_role("link", name=f"与{COMMITTEE}的{today.year}年度共建协议").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{today.year}年共建协议：{unit.name}"
    )
    expect(page.get_by_role("cell", name="职工书屋向居民开放")).to_be_visible()
    expect(page.get_by_text("开放篮球场和职工书屋")).to_be_visible()
    expect(page.get_by_role("link", name="登记签署")).to_have_count(0)  # the office's
    assert_accessible(page)
    shot(page, "unit-05-agreement")
    pdf = page.request.get(f"/agreements/{agreement.pk}/pdf/")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    # Not another unit's agreement: not by its address, not listed on that unit's page.
    for url in (f"/agreements/{other.pk}/", f"/agreements/{other.pk}/pdf/"):
        response = page.goto(url)
        assert response.status == 403, f"{url}: {response.status}"
        assert other.goals.splitlines()[0] not in page.content()
    page.goto(other.unit.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(other.unit.name)
    expect(page.get_by_text("暂无共建协议")).to_be_visible()
    expect(page.get_by_role("link", name="登记单位承诺")).to_have_count(0)
