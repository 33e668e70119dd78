"""Journeys of review (issue 9): the street decides filed results, the district oversees.

The preconditions are elections run through elections.actions to the end of the count (and,
for the district, past the street's approval) on the demo district's own communities and party
members; everything the journeys are about happens in the browser.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from elections import actions
from elections.demo import counted_election
from elections.models import (
    Filing,
    FilingKind,
    FilingState,
    Stage,
)
from organizations import actions as org_actions
from organizations import rules as org_rules
from organizations.demo.logins import PASSWORD
from organizations.models import (
    AuditEvent,
    OrgNode,
    Role,
)

from .support import assert_accessible, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)

TERM = "2026—2031"
RETURN_REASON = "选举结果报告缺少监票人签字页，请补充后重新报送"


def filed_result(committee_name: str) -> Filing:
    """An election of the demo community, counted (elections.demo) and filed with the street."""
    election = counted_election(OrgNode.objects.get(name=committee_name), term=TERM)
    return actions.result_file(actor=None, election=election)


def open_row(page, text: str) -> None:
    page.get_by_role("row", name=re.compile(text)).get_by_role("link", name="打开").click()


def test_the_street_approves_one_filing_and_returns_another_with_a_reason(demo, page, shot):
    heping = filed_result("和平社区大党委")
    xingfu = filed_result("幸福社区大党委")
    street = OrgNode.objects.get(name="东湖街道")
    staff = get_user_model().objects.get(username="street")

    # The inbox: from the street's page, both results wait, the oldest first.
    log_in(page, "street")
    page.get_by_role("link", name="东湖街道").first.click()
    page.get_by_role("link", name="待办文件").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("待办文件 · 东湖街道")
    expect(page.get_by_role("heading", name="待处理 (2)")).to_be_visible()
    rows = page.locator("table").first.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("和平社区大党委")
    expect(rows.nth(1)).to_contain_text("幸福社区大党委")
    shot(page, "review-01-inbox")
    assert_accessible(page)

    # One result is approved: it goes on to the district for the record.
    open_row(page, "和平社区大党委")
    expect(page.get_by_role("heading", level=1)).to_have_text("选举结果")
    expect(page.get_by_text(heping.final_hash)).to_be_visible()
    expect(page.get_by_role("link", name="选举结果报告（PDF）")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("批准").check()
    shot(page, "review-02-filing")
    page.get_by_role("button", name="记录决定").click()
    expect(page.get_by_text("决定已记录")).to_be_visible()
    heping.refresh_from_db()
    assert heping.state == FilingState.APPROVED and heping.decided_at is not None
    assert heping.election.stage == Stage.APPROVED
    roster = Filing.objects.get(election=heping.election, kind=FilingKind.ROSTER)
    assert roster.addressee.kind == org_rules.DISTRICT
    assert roster.state == FilingState.WAITING

    # The other is returned; without a reason the page says what is missing, nothing is saved.
    open_row(page, "幸福社区大党委")
    page.get_by_label("退回并说明理由").check()
    page.get_by_role("button", name="记录决定").click()
    expect(page.get_by_text("请您填写退回理由")).to_be_visible()
    xingfu.refresh_from_db()
    assert xingfu.state == FilingState.WAITING
    assert_accessible(page)
    page.get_by_label("理由", exact=True).fill(RETURN_REASON)
    shot(page, "review-03-return")
    page.get_by_role("button", name="记录决定").click()
    expect(page.get_by_text("决定已记录")).to_be_visible()
    expect(page.get_by_text("暂无待处理文件")).to_be_visible()
    decided = page.locator("table").first.locator("tbody tr")
    expect(decided).to_have_count(2)
    expect(page.get_by_role("row", name=re.compile("幸福社区大党委"))).to_contain_text("已退回")
    expect(page.get_by_role("row", name=re.compile("和平社区大党委"))).to_contain_text("已批准")
    expect(page.get_by_role("cell", name=RETURN_REASON)).to_be_visible()
    shot(page, "review-04-decided")

    xingfu.refresh_from_db()
    assert (xingfu.state, xingfu.reason) == (FilingState.RETURNED, RETURN_REASON)
    assert xingfu.election.stage == Stage.COUNTED  # to be corrected and filed again
    assert not Filing.objects.filter(election=xingfu.election, kind=FilingKind.ROSTER).exists()
    decisions = AuditEvent.objects.filter(action="election.filing.decide", actor=staff)
    assert sorted(e.data["filing"] for e in decisions) == sorted([heping.pk, xingfu.pk])
    assert street.inbox.filter(state=FilingState.WAITING).count() == 0

    # The community sees the return and its reason on its election, and may file again.
    log_out(page)
    log_in(page, "secretary")
    page.get_by_role("link", name="幸福社区大党委").first.click()
    page.get_by_role("link", name="选举", exact=True).click()
    page.get_by_role("link", name=TERM).click()
    section = page.locator("section.election-filing")
    expect(section.get_by_role("row", name=re.compile("东湖街道"))).to_contain_text("已退回")
    expect(section.get_by_role("cell", name=RETURN_REASON)).to_be_visible()
    expect(section.get_by_role("link", name="向镇(街道)党委报送结果")).to_be_visible()
    section.scroll_into_view_if_needed()
    shot(page, "review-05-community-sees-return")


def test_the_district_sees_the_filing_and_drills_down_and_another_street_is_kept_out(
    demo, page, shot
):
    street_staff = get_user_model().objects.get(username="street")
    approved = filed_result("幸福社区大党委")
    actions.filing_decide(actor=street_staff, filing=approved, approve=True)
    roster = Filing.objects.get(election=approved.election, kind=FilingKind.ROSTER)
    waiting = filed_result("和平社区大党委")  # still in 东湖街道's inbox

    # The district's dashboard: the compliance tables, and the roster waiting in its inbox.
    log_in(page, "district")
    page.get_by_role("link", name="统计看板", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("示范区委组织部")
    expect(page.get_by_role("heading", name="组成不符合规则的社区“大党委”")).to_be_visible()
    expect(page.get_by_role("heading", name="主题党日完成情况")).to_be_visible()
    elections = page.locator("section#elections")
    expect(elections.get_by_role("row", name=re.compile("镇\\(街道\\)党委已审批"))).to_contain_text(
        "1"
    )
    shot(page, "district-01-dashboard", full_page=False)
    assert_accessible(page)

    page.get_by_role("link", name="待办文件：1件待处理").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("待办文件 · 示范区委组织部")
    open_row(page, "幸福社区大党委")
    expect(page.get_by_role("heading", level=1)).to_have_text("成员名册")
    expect(page.get_by_text(roster.final_hash)).to_be_visible()
    expect(page.get_by_role("button", name="记录决定")).to_be_visible()
    shot(page, "district-02-roster")
    assert_accessible(page)
    roster.refresh_from_db()
    assert roster.state == FilingState.WAITING  # looking decides nothing

    # Down the tree: district → 东湖街道 → 幸福社区大党委.
    page.get_by_role("link", name="统计看板", exact=True).first.click()
    page.locator("section#composition").get_by_role("link", name="东湖街道").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("东湖街道")
    expect(page.get_by_role("link", name="待办文件：1件待处理")).to_be_visible()
    shot(page, "district-03-street", full_page=False)
    assert_accessible(page)
    page.locator("section#composition").get_by_role("link", name="幸福社区大党委").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("幸福社区大党委")
    elections = page.locator("section#elections")
    expect(elections.get_by_role("row", name=re.compile("镇\\(街道\\)党委已审批"))).to_contain_text(
        "1"
    )
    shot(page, "district-04-community", full_page=False)
    assert_accessible(page)

    # Staff of the other street: 东湖街道's inbox and filings are not there for them.
    other = get_user_model().objects.create_user(username="xixi", password=PASSWORD)
    org_actions.role_grant(
        actor=None, user=other, node=OrgNode.objects.get(name="西溪街道"), role=Role.STREET_STAFF
    )
    log_out(page)
    log_in(page, "xixi")
    street = OrgNode.objects.get(name="东湖街道")
    for url in (
        f"/inbox/{street.pk}/",
        f"/filings/{waiting.pk}/",
        f"/filings/{approved.pk}/",
        f"/filings/{roster.pk}/",
        f"/filings/{waiting.pk}/report.pdf",
        f"/dashboards/{street.pk}/",
        f"/dashboards/community/{approved.election.committee_id}/",
    ):
        assert page.goto(url).status == 404, url
    expect(page.get_by_role("heading", name="页面不存在")).to_be_visible()
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(
        f"/filings/{waiting.pk}/",
        form={"csrfmiddlewaretoken": token, "decision": "approve", "reason": ""},
    )
    assert answer.status == 404  # past the CSRF check (that would be 403): refused by scope
    waiting.refresh_from_db()
    assert waiting.state == FilingState.WAITING and waiting.decided_at is None
    assert waiting.election.stage == Stage.FILED
    assert not AuditEvent.objects.filter(actor=other).exists()
    page.get_by_role("link", name="统计看板", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("西溪街道")
    expect(page.get_by_text("幸福社区大党委")).to_have_count(0)
