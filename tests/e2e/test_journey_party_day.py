"""Journey 4 (issue 9): a theme party day from scheduling to the green cell on the board.

The community secretary schedules it, two party members check in on their phones through the
QR code's link, a member of another community cannot, the secretary records the minutes and a
photo and closes it, and the street's board shows the month as held.
"""

import datetime
import io
import re

import pytest
import segno
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from meetings import selectors
from meetings.models import Presence, State, ThemeDay
from organizations import actions as org_actions
from organizations import rules as org_rules
from organizations.demo.logins import PASSWORD
from organizations.models import OrgNode, PartyMember, Post, PostKind

from .support import assert_accessible, assert_fits, loaded_width, log_in

pytestmark = pytest.mark.django_db(transaction=True)

COMMUNITY = "幸福社区大党委"
TOPIC = "学习党章 重温入党誓词"


def next_month(today: datetime.date) -> datetime.date:
    """The 5th of next month: a month the demo has not scheduled yet."""
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return first.replace(day=5)


def member_with_login(queryset, username: str) -> PartyMember:
    """A precondition: a party member given a login, as the demo does for `member`."""
    member = queryset.filter(user__isnull=True).order_by("pk").first()
    org_actions.member_login_create(actor=None, member=member, username=username, password=PASSWORD)
    return member


def modules(svg: str) -> str:
    """The dark modules of a QR code drawn by segno: its one path, whatever the scale."""
    return re.search(r' d="([^"]+)"', svg).group(1)


def photo_png() -> dict:
    """A small real PNG: a meeting room drawn with a few shapes (a table, six people)."""
    image = Image.new("RGB", (320, 200), "#f3ead8")
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 20, 280, 70], fill="#b71c1c")  # the banner on the wall
    draw.rectangle([60, 120, 260, 160], fill="#8d6e63")  # the table
    for x in range(70, 260, 36):
        draw.ellipse([x, 84, x + 24, 108], fill="#455a64")  # heads
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return {"name": "活动照片.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def board_cell(page, month: int):
    row = page.locator("table.board tbody tr").filter(
        has=page.get_by_role("rowheader", name=re.compile(COMMUNITY))
    )
    return row.locator("td").nth(month - 1)


def phone_check_in(phone, url: str, username: str) -> None:
    """Follow the check-in link on a phone: the login page first, then back to check in."""
    phone.goto(url)
    phone.get_by_label("用户名").fill(username)
    phone.get_by_label("密码").fill(PASSWORD)
    phone.get_by_role("button", name="登录").click()
    expect(phone.get_by_role("heading", name="签到")).to_be_visible()


def test_a_theme_party_day_from_schedule_to_the_green_board(
    demo, page, phone, new_page, shot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    committee = OrgNode.objects.get(name=COMMUNITY, kind=org_rules.COMMITTEE)
    day = next_month(timezone.localdate())
    # Preconditions: a second member of this community (a part-time committee member, so
    # invited by default) and a member of another community, each with a login.
    part_timers = Post.objects.filter(
        node=committee, kind=PostKind.PARTTIME_MEMBER, ended_on__isnull=True
    ).values("person_id")
    second = member_with_login(PartyMember.objects.filter(pk__in=part_timers), "member2")
    other_committee = (
        OrgNode.objects.filter(kind=org_rules.COMMITTEE).exclude(pk=committee.pk).last()
    )
    stranger = member_with_login(selectors.community_members(other_committee), "othermember")
    first = PartyMember.objects.get(user__username="member")

    # The street's board before: nothing in that month for the community.
    board = new_page()
    log_in(board, "street")
    board.get_by_role("link", name="主题党日完成情况").click()
    board.get_by_label("年度").select_option(str(day.year))
    board.get_by_role("button", name="查看").click()
    before = board_cell(board, day.month)
    expect(before).to_have_class("cell-missing")
    expect(before.get_by_role("img", name=f"{day:%Y-%m} 未开展")).to_be_visible()

    # 1. The secretary schedules it.
    log_in(page, "secretary")
    page.get_by_role("link", name=COMMUNITY).first.click()
    page.get_by_role("link", name="主题党日", exact=True).click()
    page.get_by_role("link", name="安排主题党日").click()
    organiser = PartyMember.objects.get(user__username="secretary")
    page.get_by_label("主题").fill(TOPIC)
    page.get_by_label(re.compile("^形式")).select_option(label="党课教育")
    page.get_by_label("日期").fill(day.isoformat())
    page.get_by_label("开始时间").fill("09:00")
    page.get_by_label("结束时间").fill("11:00")
    page.get_by_label("地点").fill("社区党群服务中心三楼会议室")
    page.get_by_label("组织者").select_option(label=organiser.name)
    assert_accessible(page)
    shot(page, "partyday-01-schedule")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("主题党日已安排")).to_be_visible()
    record = ThemeDay.objects.get(committee=committee, topic=TOPIC)
    assert (record.date, record.state, record.organiser) == (day, State.SCHEDULED, organiser)

    # 2. The meeting page: the QR code and the link it carries.
    expect(page.get_by_role("heading", name=re.compile(TOPIC))).to_be_visible()
    link = page.locator(".qr-link a")
    checkin_url = link.get_attribute("href")
    assert checkin_url.endswith(f"/check-in/{record.checkin_token}/")
    qr_image = page.get_by_role("img", name="签到二维码")
    assert loaded_width(page, qr_image) > 0  # not a broken image
    served = page.request.get(qr_image.get_attribute("src")).text()
    assert modules(served) == modules(segno.make(checkin_url, error="m").svg_inline())
    assert_accessible(page)
    shot(page, "partyday-02-meeting")

    # 3. The first member follows the link on their phone, logs in and checks in.
    phone.goto(checkin_url)
    expect(phone.get_by_role("heading", name="登录")).to_be_visible()
    assert_fits(phone)
    shot(phone, "partyday-03-phone-login")
    phone.get_by_label("用户名").fill("member")
    phone.get_by_label("密码").fill(PASSWORD)
    phone.get_by_role("button", name="登录").click()
    expect(phone.get_by_role("heading", name="签到")).to_be_visible()
    expect(phone.get_by_text(TOPIC)).to_be_visible()
    assert_fits(phone)
    assert_accessible(phone)
    shot(phone, "partyday-04-phone-check-in")
    phone.get_by_role("button", name="确认签到").click()
    expect(phone.get_by_text("您已签到")).to_be_visible()
    expect(phone.get_by_role("row").filter(has_text=TOPIC)).to_contain_text("出席")
    assert_fits(phone)
    assert_accessible(phone)
    shot(phone, "partyday-05-phone-checked-in")
    phone.goto(checkin_url)  # scanning again shows the time, and no second button
    expect(phone.get_by_text(re.compile(f"{first.name}，您已于 .* 签到"))).to_be_visible()
    expect(phone.get_by_role("button", name="确认签到")).to_have_count(0)

    # The second member does the same on their own phone.
    second_phone = new_page(mobile=True)
    phone_check_in(second_phone, checkin_url, "member2")
    second_phone.get_by_role("button", name="确认签到").click()
    expect(second_phone.get_by_text("您已签到")).to_be_visible()

    # What must not happen: a member of another community cannot check in.
    stranger_phone = new_page(mobile=True)
    stranger_phone.goto(checkin_url)
    stranger_phone.get_by_label("用户名").fill("othermember")
    stranger_phone.get_by_label("密码").fill(PASSWORD)
    with stranger_phone.expect_response(lambda r: "/check-in/" in r.url) as refused:
        stranger_phone.get_by_role("button", name="登录").click()
    assert refused.value.status == 404
    expect(stranger_phone.get_by_role("heading", name="页面不存在")).to_be_visible()
    expect(stranger_phone.get_by_role("button", name="确认签到")).to_have_count(0)
    assert_fits(stranger_phone)
    shot(stranger_phone, "partyday-06-phone-other-community")

    rows = {row.member_id: row for row in record.attendance.all()}
    assert stranger.pk not in rows
    assert (rows[first.pk].presence, rows[first.pk].by_qr, rows[first.pk].invited) == (
        Presence.PRESENT,
        True,
        False,
    )
    assert (rows[second.pk].presence, rows[second.pk].by_qr, rows[second.pk].invited) == (
        Presence.PRESENT,
        True,
        True,
    )

    # 4. The secretary sees both on the attendance list, marks it held, records the minutes
    # and a photo, and closes it.
    page.reload()
    for member in (first, second):
        expect(
            page.get_by_role("row").filter(has_text=member.name).filter(has_text="扫码签到")
        ).to_have_count(1)
    shot(page, "partyday-07-attendance")
    page.get_by_role("button", name="标记为已开展").click()
    expect(page.get_by_text("主题党日已标记为已开展")).to_be_visible()

    page.get_by_role("link", name="会议记录").click()
    page.get_by_label("会议记录").fill(
        "书记讲授党课《学习党章 做合格党员》；全体党员重温入党誓词；三名党员交流了学习体会。"
    )
    assert_accessible(page)
    shot(page, "partyday-08-minutes")
    page.get_by_role("button", name="保存").click()

    page.get_by_role("link", name="添加照片").click()
    page.get_by_label("照片（JPEG 或 PNG）").set_input_files(photo_png())
    page.get_by_label("说明").fill("重温入党誓词")
    assert_accessible(page)
    shot(page, "partyday-09-photo")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("照片已添加")).to_be_visible()
    photo = page.get_by_role("img", name="重温入党誓词")
    expect(photo).to_be_visible()
    assert loaded_width(page, photo) == 320

    page.get_by_role("button", name="结束").click()
    expect(page.get_by_role("heading", name=re.compile(TOPIC))).to_contain_text("已结束")
    shot(page, "partyday-10-closed")
    record.refresh_from_db()
    assert record.state == State.CLOSED
    assert "重温入党誓词" in record.minutes
    assert record.photos.count() == 1

    # 5. The street's board: the month is now held, and green.
    board.reload()
    cell = board_cell(board, day.month)
    expect(cell).to_have_class("cell-held")
    expect(cell.get_by_role("link", name=f"{day:%Y-%m} 已开展")).to_have_attribute(
        "href", record.get_absolute_url()
    )
    expect(cell).to_have_css("background-color", "rgb(200, 230, 201)")
    assert_accessible(board)
    shot(board, "partyday-11-board")
