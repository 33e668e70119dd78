"""Journey: a community secretary forms the committee through the election pages (issue 9).

The demo's 幸福社区大党委 elects one part-time deputy secretary and one member, the fewest seats
the policy allows: the seats, nominations by the three routes, the review and its 2:1 block
(R1), the representatives and their 20 % / 10 in-service block (R2, R3), check-in, printed
ballots, paper ballots entered twice by two tellers with one mismatch, the chief scrutineer's
sign-off and the filing with the street. Then a secretary of another street tries the election
and is turned away with nothing written.

Eleven are due (the secretary, who enters directly, and ten representatives, the fewest R3
allows), so nine make the quorum (B1) and six votes elect (B4): six sheets per category.
"""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from elections.models import (
    Basis,
    ChainEvent,
    Election,
    Filing,
    Nomination,
    PaperEntry,
    Review,
    RoundState,
    Stage,
)
from organizations import actions as org_actions
from organizations.demo.logins import PASSWORD
from organizations.models import AuditEvent, MemberCategory, OrgNode, PartyMember, PostKind

from .support import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)

COMMUNITY = "幸福社区大党委"
TERM = "2026—2031"
SHEETS = 6  # votes > half of the 11 due elect (B4)


@dataclass
class Cast:
    """The demo's people in their parts: every one a party member of the community."""

    committee: OrgNode
    secretary: PartyMember
    chief: PartyMember  # 总监票人: logs in as "grid"
    counter: PartyMember  # 计票人: logs in as "member"
    deputies: list[PartyMember]  # the serving part-time deputies stand again
    members: list[PartyMember]  # and two serving part-time members
    signers: list[PartyMember]
    representatives: list[PartyMember]
    unit_name: str


def cast_of_the_demo() -> Cast:
    committee = OrgNode.objects.get(name=COMMUNITY)
    people = PartyMember.objects.filter(
        node__tree_id=committee.tree_id, node__lft__gt=committee.lft, node__rght__lt=committee.rght
    ).order_by("pk")
    serving = {k: list(people.filter(posts__node=committee, posts__kind=k)) for k in PostKind}
    deputies = serving[PostKind.PARTTIME_DEPUTY][:2]
    members = serving[PostKind.PARTTIME_MEMBER][:2]
    secretary = people.get(user__username="secretary")
    candidates = {*deputies, *members}
    in_service = [
        p for p in people if p.category == MemberCategory.IN_SERVICE and p not in candidates
    ]
    assert len(in_service) >= 10, "the demo community has ten in-service members to represent"
    return Cast(
        committee=committee,
        secretary=secretary,
        chief=people.get(user__username="grid"),
        counter=people.get(user__username="member"),
        deputies=deputies,
        members=members,
        signers=[p for p in people if p not in candidates and p != secretary][:5],
        representatives=in_service[:10],
        unit_name=committee.unit_links.select_related("unit").first().unit.name,
    )


# ---------------------------------------------------------------------------------------------
# Small steps


def named(name: str) -> re.Pattern:
    """An option of a person or unit: the name alone, or "name · home"."""
    return re.compile(f"^{re.escape(name)}( ·|$)")


def choose(select, name: str) -> None:
    option = select.locator("option").filter(has_text=named(name))
    select.select_option(option.get_attribute("value"))


def message(page: Page, text) -> None:
    expect(page.get_by_text(text).first).to_be_visible()


def step(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()


def back_to_election(page: Page) -> None:
    page.get_by_role("link", name=f"{COMMUNITY} {TERM}").click()


def open_election(page: Page) -> None:
    """From the home page to the election, the way every user gets there."""
    page.goto("/")
    page.get_by_role("link", name=COMMUNITY).first.click()
    page.get_by_role("link", name="选举", exact=True).click()
    page.get_by_role("link", name=TERM).click()
    expect(page.get_by_role("heading", name=f"{TERM}届推选")).to_be_visible()


def fill_nomination(page: Page, category: str, nominee: str, *, unit="", co_signers=()) -> None:
    page.get_by_label("推选类别").select_option(label=category)
    choose(page.get_by_label("推荐人选"), nominee)
    page.get_by_label("人选来源").select_option(label="辖区单位党组织负责人")
    if co_signers:
        signers = page.get_by_label("联名党员")
        options = signers.locator("option")
        picked = [options.filter(has_text=named(name)) for name in co_signers]
        signers.select_option([option.get_attribute("value") for option in picked])
    if unit:
        choose(page.get_by_label("推荐组织"), unit)
        page.get_by_label("推荐理由").fill("在社区共建项目中表现突出")


def save_nomination(page: Page) -> None:
    page.get_by_role("button", name="保存").click()
    message(page, "推荐提名已登记")


def close_nominations(page: Page) -> None:
    step(page, "结束推荐提名")
    page.get_by_role("button", name="结束推荐提名").click()
    message(page, "推荐提名已结束")


def enter_sheet(page: Page, sheet: int, slot: str, marked: str) -> None:
    page.get_by_label("选票编号").fill(str(sheet))
    page.get_by_label(slot).check()
    page.get_by_label(marked, exact=True).check()
    page.get_by_role("button", name="录入", exact=True).click()
    message(page, f"第{sheet}张选票已录入")


def open_round(page: Page, label: str, link: str) -> None:
    """From the election page, a teller's link to a round's paper entry or tally sheet."""
    page.get_by_role("listitem").filter(has_text=label).get_by_role("link", name=link).click()


# ---------------------------------------------------------------------------------------------
# The journey


def test_a_secretary_forms_the_committee_through_the_election_pages(demo, page, new_page, shot):
    cast = cast_of_the_demo()
    log_in(page, "secretary")
    election = seats_and_nominations(page, shot, cast)
    review_with_the_r1_block(page, shot, cast, election)
    the_meeting_roll(page, shot, cast, election)
    rounds = open_the_meeting(page, shot, election)
    tellers = {username: new_page() for username in ("member", "grid")}
    for username, teller in tellers.items():
        log_in(teller, username)
        open_election(teller)
    paper_ballots_entered_twice(page, tellers["member"], tellers["grid"], shot, cast, rounds)
    signed_off_and_filed(page, tellers["grid"], shot, cast, election, rounds)
    another_street_is_turned_away(new_page(), election, rounds)


def seats_and_nominations(page: Page, shot, cast: Cast) -> Election:
    page.get_by_role("link", name=COMMUNITY).first.click()
    page.get_by_role("link", name="选举", exact=True).click()
    page.get_by_role("link", name="发起推选").click()
    page.get_by_label("届次").fill(TERM)
    page.get_by_role("button", name="保存").click()
    message(page, "推选已发起")
    election = Election.objects.get(committee=cast.committee, term=TERM)

    # 1. The direct entrant: the elected secretary of the community party organisation
    step(page, "添加直接进入人员")
    choose(page.get_by_label("人员"), cast.secretary.name)
    page.get_by_label("社区党组织职务").fill("社区党委书记")
    page.get_by_label("社区“大党委”职务").select_option(label="书记")
    page.get_by_role("button", name="保存").click()
    message(page, "已列入直接进入名单")
    step(page, "确认直接进入名单")
    page.get_by_role("button", name="确认直接进入名单").click()
    message(page, "直接进入名单已确认")

    # 2. The seats: one of each category, the fewest the policy allows
    step(page, "公布职数")
    page.get_by_label("兼职副书记").fill("1")
    page.get_by_label("委员").fill("1")
    assert_accessible(page)
    shot(page, "election-01-seats")
    page.get_by_role("button", name="保存").click()
    message(page, "职数已公布")
    assert {s.category: s.count for s in election.seats.all()} == {
        "parttime_deputy": 1,
        "member": 1,
    }

    # 3. Nominations by the three routes
    deputy_a, deputy_b = cast.deputies
    step(page, "个人自荐")
    fill_nomination(page, "兼职副书记", deputy_a.name)
    save_nomination(page)
    step(page, "党员联名举荐")
    fill_nomination(page, "兼职副书记", deputy_b.name, co_signers=[p.name for p in cast.signers])
    assert_accessible(page)
    save_nomination(page)
    step(page, "组织推荐")
    fill_nomination(page, "委员", cast.members[0].name, unit=cast.unit_name)
    shot(page, "election-02-nomination")
    save_nomination(page)
    routes = dict(election.nominations.values_list("nominee", "route"))
    assert routes == {deputy_a.pk: "self", deputy_b.pk: "joint", cast.members[0].pk: "organisation"}
    joint = Nomination.objects.get(election=election, nominee=deputy_b)
    assert set(joint.co_signers.all()) == set(cast.signers)
    return election


def review_with_the_r1_block(page: Page, shot, cast: Cast, election: Election) -> None:
    # 4. All three are qualified, but 委员 has one for its seat: R1 stops the review
    close_nominations(page)
    step(page, "资格审查")
    for _ in range(3):
        page.get_by_role("button", name="合格", exact=True).first.click()
        message(page, "审查意见已记录")
    back_to_election(page)
    step(page, "结束资格审查")
    page.get_by_role("button", name="结束资格审查").click()
    message(page, "委员类别需至少2名合格人选，目前1名")
    shot(page, "election-03-r1-block")
    election.refresh_from_db()
    assert election.stage == Stage.REVIEW

    # Cleared: the nominations reopen for a second 委员 nominee, reviewed on its own page
    page.get_by_role("link", name="取消").click()
    step(page, "重新接受推荐提名")
    page.get_by_role("button", name="重新接受推荐提名").click()
    message(page, "已重新接受推荐提名")
    step(page, "组织推荐")
    fill_nomination(page, "委员", cast.members[1].name, unit=cast.unit_name)
    save_nomination(page)
    close_nominations(page)
    step(page, "资格审查")
    row = page.get_by_role("row", name=re.compile(cast.members[1].name))
    row.get_by_role("link", name="审查…").click()
    page.get_by_label("合格", exact=True).check()
    page.get_by_role("button", name="保存").click()
    message(page, "审查意见已记录")
    back_to_election(page)
    step(page, "结束资格审查")
    page.get_by_role("button", name="结束资格审查").click()
    message(page, "资格审查已结束")
    assert_accessible(page)  # the election page, with its timeline and counts
    election.refresh_from_db()
    assert election.stage == Stage.PUBLICITY
    assert election.nominations.filter(review=Review.ACCEPTED).count() == 4


def the_meeting_roll(page: Page, shot, cast: Cast, election: Election) -> None:
    # 5. The publicity ended yesterday; the meeting is today
    today = timezone.localdate()
    step(page, "公示与大会预告")
    page.get_by_label("公示开始").fill(str(today - datetime.timedelta(days=7)))
    page.get_by_label("公示结束").fill(str(today - datetime.timedelta(days=1)))
    page.get_by_label("大会时间").fill(f"{today}T09:00")
    page.get_by_label("大会地点").fill("幸福社区党群服务中心")
    page.get_by_role("button", name="保存").click()
    message(page, "公示和大会预告已发布")

    # 6. Representatives: five are short of R2 (20 % of 30 is 6) and R3 (10 in service)
    step(page, "推荐党员代表")
    for person in cast.representatives[:5]:
        page.get_by_label(person.name, exact=True).check()
    expect(page.locator("#rep-counts")).to_contain_text("其中在职党员5名")
    page.get_by_role("button", name="保存党员代表").click()
    message(page, "党员代表不少于本社区党员总数30名的20%，即6名，目前5名")
    message(page, "党员代表中在职党员不少于10名，目前5名")
    shot(page, "election-04-r2-r3-block")
    assert not election.roll.filter(basis=Basis.REPRESENTATIVE).exists()
    for person in cast.representatives[5:]:  # ticks are kept: five more clear both
        page.get_by_label(person.name, exact=True).check()
    page.get_by_role("button", name="保存党员代表").click()
    message(page, "党员代表已确定")
    assert election.roll.filter(basis=Basis.REPRESENTATIVE).count() == 10

    # 7. The tellers: the chief scrutineer and a counter, each entering with their own login
    step(page, "确定监票人和计票人")
    for row, (person, role) in enumerate([(cast.chief, "总监票人"), (cast.counter, "计票人")]):
        choose(page.get_by_label(f"第{row + 1}人：人员"), person.name)
        page.get_by_label(f"第{row + 1}人：角色").select_option(label=role)
    assert_accessible(page)
    page.get_by_role("button", name="保存监票人和计票人").click()
    message(page, "监票人和计票人已确定")

    # 8. Check-in: 9 of the 11 due make the quorum (B1)
    page.get_by_role("link", name="应到会名单").click()
    for person in [cast.secretary, *cast.representatives[:8]]:
        row = page.get_by_role("row", name=re.compile(person.name))
        row.get_by_role("button", name="签到").click()
        expect(page.get_by_role("row", name=re.compile(person.name))).to_contain_text("已签到")
    message(page, "应到会11人（另有0人因故除去），实到9人")
    assert_accessible(page)
    shot(page, "election-05-check-in")


def open_the_meeting(page: Page, shot, election: Election) -> dict:
    # 9. Open the vote, print each category's ballots, record the 9 handed out
    back_to_election(page)
    step(page, "大会控制台")
    page.get_by_role("button", name="开会并开始投票").click()
    message(page, "大会已开始")
    rounds = {r.category: r for r in election.rounds.all()}
    for category, label in [("parttime_deputy", "兼职副书记第1轮"), ("member", "委员第1轮")]:
        panel = page.locator(f"#round-{rounds[category].pk}")
        expect(panel).to_contain_text(label)
        href = panel.get_by_role("link", name="打印选票（PDF）").get_attribute("href")
        pdf = page.request.get(href)
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF")
        panel.get_by_label("发出的纸质选票").fill("9")
        panel.get_by_role("button", name="登记发出选票数").click()
        message(page, "发出选票数已记录")
    assert_accessible(page)
    shot(page, "election-06-console")
    return rounds


def paper_ballots_entered_twice(page: Page, first: Page, second: Page, shot, cast, rounds):
    # 10. The counter enters each sheet first, the chief scrutineer second; sheet 3 is misread
    deputy_a, deputy_b = cast.deputies
    for teller, slot in ((first, "第一次录入"), (second, "第二次录入")):
        open_round(teller, "兼职副书记第1轮", "纸质选票录入")
        for sheet in range(1, SHEETS + 1):
            misread = teller is second and sheet == 3
            enter_sheet(teller, sheet, slot, (deputy_b if misread else deputy_a).name)
    assert_accessible(second)

    page.reload()
    deputy_round = rounds["parttime_deputy"]
    page.locator(f"#round-{deputy_round.pk}").get_by_role("button", name="结束投票并计票").click()
    message(page, "第3张选票的两次录入不一致，请您先核对更正")
    shot(page, "election-07-close-refused")
    deputy_round.refresh_from_db()
    assert deputy_round.state == RoundState.OPEN

    second.reload()
    expect(second.get_by_role("alert")).to_contain_text("第3张选票")
    shot(second, "election-08-mismatch")
    second.get_by_role("link", name="更正我的录入").click()
    second.get_by_label(deputy_b.name, exact=True).uncheck()
    second.get_by_label(deputy_a.name, exact=True).check()
    second.get_by_role("button", name="保存更正").click()
    message(second, "第3张选票已录入")
    expect(second.get_by_text("两次录入不一致")).to_have_count(0)

    for teller, slot in ((first, "第一次录入"), (second, "第二次录入")):
        teller.get_by_role("link", name=f"{TERM}届推选").click()
        open_round(teller, "委员第1轮", "纸质选票录入")
        for sheet in range(1, SHEETS + 1):
            enter_sheet(teller, sheet, slot, cast.members[0].name)
    assert PaperEntry.objects.filter(round__in=rounds.values()).count() == 4 * SHEETS

    page.reload()
    for category in ("parttime_deputy", "member"):
        panel = page.locator(f"#round-{rounds[category].pk}")
        panel.get_by_role("button", name="结束投票并计票").click()
        message(page, "本轮投票已结束并完成计票")
    page.locator(f"#round-{rounds['member'].pk}").get_by_role("link", name="计票单").click()
    message(page, "总监票人签字确认前不显示计票结果")
    expect(page.get_by_text(cast.members[0].name)).to_have_count(0)  # hidden until signed off


def signed_off_and_filed(page: Page, chief: Page, shot, cast, election, rounds):
    # 11. The chief scrutineer signs each count off, from the tally sheets
    chief.get_by_role("link", name=f"{TERM}届推选").click()
    open_round(chief, "兼职副书记第1轮", "计票单")
    chief.get_by_role("button", name="总监票人签字确认").click()
    message(chief, "计票结果已签字确认并公布")
    chief.get_by_role("link", name="委员第1轮").click()
    chief.get_by_role("button", name="总监票人签字确认").click()
    message(chief, "计票结果已签字确认并公布")
    election.refresh_from_db()
    assert election.stage == Stage.COUNTED
    assert {r.state for r in election.rounds.all()} == {RoundState.SIGNED_OFF}

    page.reload()
    elected = page.get_by_role("row", name=re.compile(cast.members[0].name))
    expect(elected).to_contain_text("当选")
    expect(elected).to_contain_text(str(SHEETS))
    assert_accessible(page)
    shot(page, "election-09-result")
    sheet = page.request.get(page.get_by_role("link", name="计票单（PDF）").get_attribute("href"))
    assert sheet.status == 200 and sheet.body().startswith(b"%PDF")

    # 12. The result report goes to the street, carrying the last hash of the election's log
    page.get_by_role("link", name=f"{TERM}届推选").click()
    step(page, "报送、审批与成立")
    page.get_by_role("link", name="向镇(街道)党委报送结果").click()
    shot(page, "election-10-filing")
    page.get_by_role("button", name="报送").click()
    message(page, "选举结果报告已报送镇(街道)党委")
    filing = Filing.objects.get(election=election)
    assert filing.addressee == cast.committee.parent
    assert filing.final_hash == election.chain.order_by("-seq").first().hash
    election.refresh_from_db()
    assert election.stage == Stage.FILED


def another_street_is_turned_away(stranger: Page, election: Election, rounds) -> None:
    """The secretary of 阳光社区大党委 (西溪街道) gets a login, then tries this election."""
    other = OrgNode.objects.get(name="阳光社区大党委")
    assert other.parent_id != election.committee.parent_id
    their_secretary = PartyMember.objects.get(
        posts__node=other, posts__kind=PostKind.SECRETARY, posts__ended_on__isnull=True
    )
    org_actions.member_login_create(
        actor=None, member=their_secretary, username="yangguang", password=PASSWORD
    )
    log_in(stranger, "yangguang")
    written = (AuditEvent.objects.count(), ChainEvent.objects.count(), Filing.objects.count())
    for url in (
        f"/elections/{election.pk}/",
        f"/elections/{election.pk}/filing/",
        f"/rounds/{rounds['member'].pk}/tally/",
        f"/rounds/{rounds['member'].pk}/ballots.pdf",
    ):
        assert stranger.goto(url).status == 404, url
    token = next(c["value"] for c in stranger.context.cookies() if c["name"] == "csrftoken")
    for url in (
        f"/elections/{election.pk}/filing/send/",
        f"/rounds/{rounds['member'].pk}/sign-off/",
    ):
        answer = stranger.request.post(url, headers={"X-CSRFToken": token}, form={"x": "1"})
        assert answer.status == 404, url
    assert (AuditEvent.objects.count(), ChainEvent.objects.count(), Filing.objects.count()) == (
        written
    )
    assert Filing.objects.filter(election=election).count() == 1
