"""Residents' matters (S7, S9): public recording with a ticket, handling, escalation, the rate."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from organizations.models import Role
from residents import actions, selectors
from residents.models import Matter, MatterStatus
from tests.organizations.web import text


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()
    yield
    cache.clear()


def submit(client, grid, **data):
    payload = {"kind": "request", "description": "楼道灯坏了，晚上很黑", "contact": ""} | data
    return client.post(reverse("residents:public_matter", args=[grid.public_id]), payload)


def test_a_resident_records_a_matter_and_follows_it_by_ticket(scene, client, role_user, login):
    grid = scene.tree.grid
    response = submit(client, grid, contact="13912345678")
    assert response.status_code == 200
    matter = Matter.objects.get()
    assert matter.ticket in text(response) and matter.node == grid and matter.public
    status_url = reverse("residents:public_status")
    page = text(client.get(status_url, {"ticket": matter.ticket.lower().replace("-", "")}))
    assert "Being handled" in page or "处理中" in page or matter.get_status_display() in page
    assert "楼道灯坏了" not in page and "13912345678" not in page  # status and answer only
    actions.matter_close(actor=None, matter=matter, answer="已更换灯泡")
    page = text(client.get(status_url, {"ticket": matter.ticket}))
    assert "已更换灯泡" in page and "13912345678" not in page and scene.tree.grid.name not in page
    assert "未找到该受理编号对应的诉求" in text(client.get(status_url, {"ticket": "AAAA-AAAA"}))


def test_public_input_is_validated_and_escaped(scene, client, settings, role_user, login):
    grid = scene.tree.grid
    limit = settings.DAJIWEI_RESIDENTS["description_max_chars"]
    assert submit(client, grid, description="x" * (limit + 1)).status_code == 200
    assert submit(client, grid, description="短").status_code == 200
    assert not Matter.objects.exists()
    submit(client, grid, description="<script>alert(1)</script>请处理")
    matter = Matter.objects.get()
    staff = login(role_user(Role.GRID_SECRETARY, grid))
    page = text(staff.get(reverse("residents:matter", args=[matter.pk])))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_public_submission_is_throttled_per_client(scene, client, settings):
    settings.DAJIWEI_RESIDENTS = settings.DAJIWEI_RESIDENTS | {"public_submits_per_window": 2}
    grid = scene.tree.grid
    assert submit(client, grid).status_code == 200
    assert submit(client, grid).status_code == 200
    assert submit(client, grid).status_code == 429
    assert Matter.objects.count() == 2
    other = submit(client.__class__(REMOTE_ADDR="10.0.0.9"), grid)
    assert other.status_code == 200


def test_contact_is_masked_without_view_sensitive(scene, role_user, login):
    matter = actions.matter_create(
        actor=None,
        node=scene.tree.grid,
        kind="request",
        description="邻里纠纷需调解",
        contact="13912345678",
    )
    url = reverse("residents:matter", args=[matter.pk])
    grid_secretary = login(role_user(Role.GRID_SECRETARY, scene.tree.grid))
    page = text(grid_secretary.get(url))
    assert "13912345678" not in page and "139******78" in page
    secretary = login(role_user(Role.COMMUNITY_SECRETARY, scene.tree.committee))
    assert "13912345678" in text(secretary.get(url))


def test_escalation_moves_up_one_level_and_stops_at_the_committee(scene, role_user, login):
    tree = scene.tree
    user = role_user(Role.GRID_SECRETARY, tree.grid)
    grid_secretary = login(user)
    create = reverse("residents:matter_create", args=[tree.building.pk])
    response = grid_secretary.post(
        create, {"kind": "request", "description": "单元门禁损坏", "node": tree.building.pk}
    )
    assert response.status_code == 302
    matter = Matter.objects.get()
    assert matter.node == tree.building and matter.grid == tree.grid and not matter.public
    escalate = reverse("residents:matter_escalate", args=[matter.pk])
    response = grid_secretary.post(escalate, {"reason": " "})
    assert response.status_code == 200 and Matter.objects.get().node == tree.building
    grid_secretary.post(escalate, {"reason": "楼栋无法解决"})
    assert Matter.objects.get().node == tree.grid
    grid_secretary.post(escalate, {"reason": "需要社区协调物业"})
    matter = Matter.objects.get()
    assert matter.node == tree.committee and matter.left_grid
    assert matter.escalations.count() == 2
    # Now above the grid secretary's level: not theirs any more.
    assert grid_secretary.get(reverse("residents:matter", args=[matter.pk])).status_code == 404
    secretary = login(role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    page = text(secretary.get(reverse("residents:matter", args=[matter.pk])))
    assert escalate not in page
    assert secretary.post(escalate, {"reason": "再上报"}).status_code == 200
    assert Matter.objects.get().node == tree.committee
    response = secretary.post(
        reverse("residents:matter_answer", args=[matter.pk]),
        {"answer": "已协调物业", "close": "on"},
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.status == MatterStatus.CLOSED and matter.closed_at
    assert secretary.post(escalate, {"reason": "仍有问题"}).status_code == 200
    assert Matter.objects.get().node == tree.committee


def test_a_party_member_cannot_handle_matters(scene, role_user, login):
    matter = actions.matter_create(
        actor=None, node=scene.tree.grid, kind="opinion", description="建议增设座椅"
    )
    member = login(role_user(Role.PARTY_MEMBER, scene.tree.committee))
    assert member.get(reverse("residents:matter", args=[matter.pk])).status_code == 403


def test_resolved_within_the_grid_rate_is_computed_in_the_database(scene):
    grid = scene.tree.grid

    def matter(node):
        return actions.matter_create(actor=None, node=node, kind="request", description="需要帮助")

    within = [matter(grid), matter(scene.tree.building)]
    actions.matter_escalate(actor=None, matter=within[1], reason="楼栋转网格")
    left = matter(grid)
    actions.matter_escalate(actor=None, matter=left, reason="转社区")
    still_open = matter(grid)
    for m in (*within, left):
        actions.matter_close(actor=None, matter=m, answer="已办结")
    assert still_open.status == MatterStatus.OPEN
    row = selectors.grid_rates(type(grid).objects.filter(pk=grid.pk)).get()
    assert (row.matters_closed, row.matters_within, row.matters_open) == (3, 2, 1)


def test_after_an_interim_answer_the_close_box_starts_unticked(scene, role_user, login):
    grid = scene.tree.grid
    matter = actions.matter_create(actor=None, node=grid, kind="request", description="楼道灯坏了")
    staff = login(role_user(Role.GRID_SECRETARY, grid))
    url = reverse("residents:matter", args=[matter.pk])
    close_box = 'name="close"'

    def box_ticked(page: str) -> bool:
        tag = page[page.rindex("<input", 0, page.index(close_box)) :].split(">", 1)[0]
        return "checked" in tag

    assert box_ticked(staff.get(url).content.decode())  # a first answer usually settles it
    staff.post(reverse("residents:matter_answer", args=[matter.pk]), {"answer": "已报修，等待配件"})
    matter.refresh_from_db()
    assert matter.status != MatterStatus.CLOSED and matter.answer == "已报修，等待配件"
    assert not box_ticked(staff.get(url).content.decode())
