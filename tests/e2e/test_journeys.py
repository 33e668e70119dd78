"""Journeys a person makes in the browser, on the demo district."""

import re

import pytest
from playwright.sync_api import expect

from organizations.models import AuditEvent, OrgNode, PartyMember
from tests.factories import resident_id

from .support import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_secretary_registers_a_member_after_a_checksum_error(demo, page):
    log_in(page, "secretary")
    expect(page.get_by_role("heading", name="您的组织")).to_be_visible()
    page.get_by_role("link", name="幸福社区大党委").first.click()
    expect(page.get_by_text("委员10名，在9～11名之间")).to_be_visible()

    page.get_by_role("link", name="幸福第1网格").click()
    building = page.locator("table a").first
    building_name = building.inner_text()
    building.click()
    page.get_by_role("link", name="登记党员").click()

    good_id = resident_id(901, birth="19850312")
    bad_id = good_id[:-1] + ("0" if good_id[-1] != "0" else "1")
    page.get_by_label("姓名").fill("浏览器测试党员")
    page.get_by_label("性别").select_option("F")
    page.get_by_label("出生日期").fill("1985-03-12")
    page.get_by_label("联系电话").fill("13900001111")
    page.get_by_label("身份证号码").fill(bad_id)
    page.get_by_label("党籍状态").select_option("full")
    page.get_by_label("入党时间").fill("2010-07-01")
    page.get_by_label("党员类别").select_option("in_service")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_text(re.compile("最后一位应为"))).to_be_visible()
    assert not PartyMember.objects.filter(name="浏览器测试党员").exists()
    expect(page.get_by_label("姓名")).to_have_value(
        "浏览器测试党员"
    )  # nothing the user typed is lost

    page.get_by_label("身份证号码").fill(good_id)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("党员已登记")).to_be_visible()
    member = PartyMember.objects.get(name="浏览器测试党员")
    assert member.node.name == building_name
    expect(page.get_by_text(good_id)).to_have_count(0)  # masked on the page


def test_a_resident_sees_the_grid_card_without_logging_in(demo, page):
    grid = OrgNode.objects.get(name="幸福第1网格")
    page.goto(f"/public/grid/{grid.public_id}/")
    expect(page.get_by_role("heading", name=re.compile("幸福第1网格"))).to_be_visible()
    expect(page.get_by_text("网格支部书记").first).to_be_visible()
    assert "/accounts/login/" not in page.url


def test_showing_a_full_id_is_logged(demo, page):
    log_in(page, "secretary")
    member = PartyMember.objects.filter(node__name__startswith="幸福").first()
    page.goto(f"/members/{member.pk}/")
    expect(page.get_by_text(member.resident_id)).to_have_count(0)
    page.get_by_role("button", name="显示完整信息").click()
    expect(page.get_by_text(member.resident_id)).to_be_visible()
    assert AuditEvent.objects.filter(action="member.reveal", object_id=str(member.pk)).count() == 1
