"""Journey 5: a resident scans the grid's contact card, reports a matter on a phone; the grid
secretary answers it and escalates it to the community; the resident follows it by ticket code.

The card's QR code encodes residents.tasks.public_url (the printed cards and the poster use it);
the resident opens that address. Must not happen: an ID number, or the phone of anyone who is not
a responsible person of the grid, on the public card; another grid's secretary opening the matter.
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from organizations import actions as org_actions
from organizations import selectors as org_selectors
from organizations.demo.logins import PASSWORD
from organizations.models import Household, MemberUnit, OrgNode, PartyMember, PostKind
from residents import tasks
from residents.models import Escalation, Matter, MatterStatus

from .support import assert_accessible, assert_fits, loaded_width, log_in

pytestmark = pytest.mark.django_db(transaction=True)

GRID = "幸福第2网格"
OTHER_GRID = "幸福第1网格"
DESCRIPTION = "3幢楼道的声控灯坏了一个多月，晚上上下楼很不安全，请帮忙维修"
ANSWER = "已联系物业，楼道灯需整体更换线路，物业称须社区协调维修资金"
REASON = "线路更换须动用维修资金，网格无法协调，请社区大党委协调物业和业委会"


def test_a_resident_reports_a_matter_the_grid_escalates_it_and_the_resident_follows_it(
    demo, phone, new_page, live_server, shot
):
    grid = OrgNode.objects.get(name=GRID)
    committee = grid.parent
    # Precondition: the grid's map, wider than a phone (the community uploads it).
    grid = org_actions.node_update(actor=None, node=grid, map_image=_map_png())
    card_url = tasks.public_url(grid, live_server.url)  # what the QR code on the card encodes
    assert card_url.endswith(f"/public/grid/{grid.public_id}/")

    # The resident opens the card on a phone.
    phone.goto(card_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text(GRID)
    contacts = list(org_selectors.public_grid_contacts(grid))
    assert {p.kind for p in contacts} >= {PostKind.GRID_SECRETARY, PostKind.GRID_LEADER}
    for post in contacts:  # one person may hold two posts (the leader is the secretary here)
        expect(phone.get_by_role("link", name=post.person.phone).first).to_be_visible()
    grid_map = phone.get_by_role("img", name="网格示意图")
    expect(grid_map).to_be_visible()
    assert loaded_width(phone, grid_map) == 1200  # loaded, and shrunk to fit the screen
    assert_fits(phone)
    assert_accessible(phone)
    shot(phone, "resident-01-card")
    # Nothing on the card beyond the card: no ID number of anyone, no one else's phone.
    card = phone.content()
    public_phones = {p.person.phone for p in contacts}
    for member in PartyMember.objects.all():
        assert member.resident_id not in card
        if member.phone not in public_phones:
            assert member.phone not in card, f"{member.name}'s phone is on the public card"
    for unit in MemberUnit.objects.exclude(contact_phone=""):
        assert unit.contact_phone not in card
    for household in Household.objects.filter(node__parent=grid):
        assert household.head_name not in card

    # … reports a matter.
    phone.get_by_role("link", name="反映诉求").click()
    expect(phone.get_by_role("heading", name="反映诉求")).to_be_visible()
    phone.get_by_label("类别").select_option(label="求助")
    phone.get_by_label("具体内容").fill(DESCRIPTION)
    phone.get_by_label("联系方式（选填）").fill("13812345678")
    assert_fits(phone)
    assert_accessible(phone)
    shot(phone, "resident-02-matter-form")
    phone.get_by_role("button", name="提交").click()
    ticket = phone.locator(".ticket").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", ticket)
    assert_fits(phone)
    shot(phone, "resident-03-ticket")
    matter = Matter.objects.get(ticket=ticket)
    assert (matter.grid, matter.node, matter.public) == (grid, grid, True)
    assert matter.description == DESCRIPTION and matter.contact == "13812345678"

    # Another grid's secretary (given a login as a precondition) cannot open the matter.
    other_grid = OrgNode.objects.get(name=OTHER_GRID, parent=committee)
    other_secretary = PartyMember.objects.get(
        posts__node=other_grid, posts__kind=PostKind.GRID_SECRETARY, posts__ended_on__isnull=True
    )
    assert other_secretary != PartyMember.objects.get(user__username="grid")
    org_actions.member_login_create(
        actor=None, member=other_secretary, username="grid1", password=PASSWORD
    )
    other = new_page()
    log_in(other, "grid1")
    for url in (f"/residents/matter/{matter.pk}/", f"/residents/node/{grid.pk}/matters/"):
        response = other.goto(url)
        assert response.status in (403, 404), f"{url}: {response.status}"
        assert DESCRIPTION not in other.content() and ticket not in other.content()
    other.goto(f"/residents/node/{other_grid.pk}/matters/")  # their own grid's list opens
    expect(other.get_by_role("heading", name="居民诉求")).to_be_visible()
    assert ticket not in other.content()

    # The grid secretary finds it in the grid's matters, answers it and escalates it.
    page = new_page()
    log_in(page, "grid")
    page.get_by_role("link", name=GRID).first.click()
    page.get_by_role("link", name="居民诉求").click()
    expect(page.get_by_role("heading", name="居民诉求")).to_be_visible()
    assert_accessible(page)
    shot(page, "resident-04-matter-list")
    page.get_by_role("link", name=ticket).click()
    expect(page.get_by_text(DESCRIPTION)).to_be_visible()
    page.get_by_label("答复").fill(ANSWER)
    page.get_by_label("办结").uncheck()  # an interim answer: it needs the community
    page.get_by_role("button", name="保存答复").click()
    expect(page.get_by_text("答复已保存")).to_be_visible()
    page.get_by_label("理由").fill(REASON)
    assert_accessible(page)
    shot(page, "resident-05-matter-escalate")
    page.get_by_role("button", name="上报", exact=True).click()
    expect(page.get_by_text("诉求已上报上一级")).to_be_visible()
    # The community handles it now: the grid's list no longer has it, nor may the grid open it.
    assert page.url.endswith(f"/residents/node/{grid.pk}/matters/")
    expect(page.get_by_role("link", name=ticket)).to_have_count(0)
    assert page.request.get(f"/residents/matter/{matter.pk}/").status == 403
    matter.refresh_from_db()
    assert matter.node == committee and matter.left_grid
    assert matter.status == MatterStatus.OPEN and matter.answer == ANSWER
    escalation = Escalation.objects.get(matter=matter)
    assert (escalation.from_node, escalation.to_node) == (grid, committee)
    assert escalation.reason == REASON and escalation.actor.username == "grid"

    # The resident follows the matter by its ticket code, typed as it is read out.
    phone.goto(card_url)
    phone.get_by_role("link", name="凭受理编号查询诉求办理情况").click()
    phone.get_by_label("受理编号").fill(ticket.lower().replace("-", " "))
    phone.get_by_role("button", name="查询").click()
    expect(phone.get_by_role("heading", name=ticket)).to_be_visible()
    expect(phone.get_by_text("办理中")).to_be_visible()
    expect(phone.get_by_text(ANSWER)).to_be_visible()
    status_page = phone.content()
    assert REASON not in status_page and DESCRIPTION not in status_page
    assert "13812345678" not in status_page
    assert_fits(phone)
    assert_accessible(phone)
    shot(phone, "resident-06-status")


def _map_png() -> SimpleUploadedFile:
    """A plain map of the grid: blocks of buildings between roads, 1200 × 800 px."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), "#f4f1e8")
    draw = ImageDraw.Draw(image)
    for x in (0, 400, 800):
        for y in (0, 400):
            draw.rectangle((x + 40, y + 40, x + 360, y + 360), fill="#d9d2c0", outline="#8a7f66")
    for x in (380, 780):
        draw.rectangle((x, 0, x + 40, 800), fill="#ffffff")
    draw.rectangle((0, 380, 1200, 420), fill="#ffffff")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("grid-map.png", buffer.getvalue(), content_type="image/png")
