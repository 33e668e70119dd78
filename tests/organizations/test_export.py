"""Exporting rosters: the list's scope and filters, masked numbers, the audit log, safe cells."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from organizations import actions
from organizations.models import AuditEvent, RecipientKind
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def export(client, node, roster, **filters):
    url = reverse("organizations:roster_export", kwargs={"pk": node.pk, "roster": roster})
    response = client.get(url, filters)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.values), sheet


def test_secretary_sees_full_numbers_and_the_export_is_logged(scene, secretary, login):
    rows, _sheet = export(login(secretary), scene.tree.committee, "members")
    assert rows[0][:5] == ("姓名", "性别", "出生日期", "手机号码", "身份证号")
    [row] = rows[1:]
    assert row[0] == "李红"
    assert row[3] == scene.member.phone and row[4] == scene.member.resident_id
    assert row[8] == "第一网格/1号楼"
    event = AuditEvent.objects.filter(action="partymember.export").get()
    assert event.actor == secretary and event.data["rows"] == 1 and event.data["unmasked"] == 1


def test_office_staff_get_masked_numbers(scene, office, login):
    rows, _sheet = export(login(office), scene.tree.committee, "members")
    row = rows[1]
    assert row[4] != scene.member.resident_id and "*" in row[4]
    assert row[4].endswith(scene.member.resident_id[-4:]) and "*" in row[3]
    assert AuditEvent.objects.get(action="partymember.export").data["unmasked"] == 0


def test_the_lists_filters_and_scope_apply(scene, secretary, login):
    MemberFactory(node=scene.tree.building, name="张三")
    MemberFactory(node=scene.tree.other_building, name="外社区党员")
    client = login(secretary)
    rows, _sheet = export(client, scene.tree.committee, "members")
    assert {r[0] for r in rows[1:]} == {"李红", "张三"}
    rows, _sheet = export(client, scene.tree.committee, "members", name="张")
    assert [r[0] for r in rows[1:]] == ["张三"]
    assert AuditEvent.objects.filter(action="partymember.export").first().data["filters"] == {
        "name": "张"
    }


def test_cells_never_run_as_formulas(scene, secretary, login):
    actions.recipient_create(
        actor=None, node=scene.tree.grid, name="=HYPERLINK(1)", kind=RecipientKind.MINOR
    )
    rows, sheet = export(login(secretary), scene.tree.grid, "recipients")
    cell = next(c for c in sheet["B"] if c.value and "HYPERLINK" in str(c.value))
    assert cell.value == "'=HYPERLINK(1)" and cell.data_type == "s"
    assert {r[1] for r in rows[1:]} == {"张奶奶", "'=HYPERLINK(1)"}


def test_units_and_households_export(scene, office, login):
    client = login(office)
    rows, _sheet = export(client, scene.tree.committee, "units")
    assert rows[1][0] == "区供电公司党委" and rows[1][1]
    rows, _sheet = export(client, scene.tree.committee, "households")
    assert rows[1][:2] == ("第一网格/1号楼", "幸福路1号1单元101")


def test_the_list_pages_link_to_export_and_import(scene, secretary, login):
    client = login(secretary)
    page = client.get(reverse("organizations:member_list", args=[scene.tree.committee.pk]))
    text = page.content.decode()
    assert (
        reverse(
            "organizations:roster_export",
            kwargs={"pk": scene.tree.committee.pk, "roster": "members"},
        )
        in text
    )
    assert (
        reverse(
            "organizations:roster_import",
            kwargs={"pk": scene.tree.committee.pk, "roster": "members"},
        )
        in text
    )
