"""Importing rosters from Excel: every row checked, all or nothing, problems named in place."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from notices.models import JobRun
from notices.testing import broker_at
from organizations import counts, imports
from organizations.models import (
    AuditEvent,
    Household,
    MemberUnit,
    PartyMember,
    ServiceRecipient,
)
from tests.factories import resident_id

pytestmark = pytest.mark.django_db

MEMBER_HEADER = [c.header for c in imports.MEMBERS.columns]


def rid(n: int) -> str:
    return resident_id(n, birth="19750505")


def member_row(n: int, building="1号楼", **changes) -> list:
    row = {
        "name": f"导入党员{n}",
        "gender": "男",
        "birth_date": "",
        "phone": f"139{n:08d}",
        "resident_id": rid(n),
        "party_status": "正式党员",
        "joined_on": datetime.date(2000, 7, 1),
        "category": "居住地党员",
        "node": building,
        "workplace": "",
        "relationship_held_at": "",
    }
    row.update(changes)
    return [row[c.key] for c in imports.MEMBERS.columns]


def xlsx(rows, header=MEMBER_HEADER, sheet="党员", formula_at=None) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    if formula_at:
        ws[formula_at] = "=1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, node, data: bytes, roster="members", name="roster.xlsx"):
    url = reverse("organizations:roster_import", kwargs={"pk": node.pk, "roster": roster})
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def manager(scene, secretary, login):
    return login(secretary)


def page_text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------------------------------------
# Templates


def test_template_has_chinese_headers_an_example_notes_and_the_places(scene, manager):
    url = reverse(
        "organizations:roster_import_template",
        kwargs={"pk": scene.tree.committee.pk, "roster": "members"},
    )
    response = manager.get(url)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["党员", imports.NOTES_SHEET, imports.PLACES_SHEET]
    rows = list(book["党员"].values)
    assert list(rows[0]) == MEMBER_HEADER
    assert rows[1][0] == "王建国" and len(rows) == 2
    notes = [r[0] for r in book[imports.NOTES_SHEET].values]
    assert "身份证号" in notes
    places = list(book[imports.PLACES_SHEET].values)[1:]
    assert {p[1] for p in places} == {"1号楼", "1号楼101党员中心户"}


@pytest.mark.parametrize("roster", sorted(imports.ROSTERS))
def test_every_template_reads_back_with_its_example_row(scene, roster):
    spec = imports.ROSTERS[roster]
    data = imports.template_workbook(spec, [scene.tree.building])
    rows = imports.read_rows(data, spec)
    assert len(rows) == 1 and rows[0][0] == 2


# ---------------------------------------------------------------------------------------------
# Imports that go through


def test_members_import_all_rows_with_one_audit_event(scene, manager):
    before = AuditEvent.objects.count()
    data = xlsx([member_row(1), [], member_row(2, building="第一网格/1号楼", gender="")])
    response = upload(manager, scene.tree.committee, data)
    assert response.status_code == 302
    imported = PartyMember.objects.filter(name__startswith="导入党员").order_by("name")
    assert [m.node for m in imported] == [scene.tree.building, scene.tree.building]
    second = imported[1]
    assert second.birth_date == datetime.date(1975, 5, 5)  # from the ID number
    assert second.gender in ("M", "F")
    events = AuditEvent.objects.order_by("pk")[before:]
    assert [e.action for e in events] == ["partymember.import"]
    assert events[0].data["rows"] == 2
    assert counts.verify() == []


def test_choices_by_code_and_english_are_read_too(scene, manager):
    data = xlsx(
        [member_row(3, building=str(scene.tree.household.pk), category="In-service member")]
    )
    response = upload(manager, scene.tree.committee, data)
    assert response.status_code == 302, response.context["errors"]
    member = PartyMember.objects.get(resident_id=rid(3))
    assert member.node == scene.tree.household and member.category == "in_service"


def test_units_households_and_recipients_import(scene, manager):
    committee, grid = scene.tree.committee, scene.tree.grid
    units = xlsx(
        [["区税务局党组", "机关", "区税务局", "", "", "", "", "13800001111", 12, ""]],
        header=[c.header for c in imports.UNITS.columns],
        sheet="辖区单位",
    )
    assert upload(manager, committee, units, "units").status_code == 302
    unit = MemberUnit.objects.get(name="区税务局党组")
    assert unit.links.get().committee == committee
    households = xlsx(
        [["1号楼", "幸福路1号2单元201", "刘大爷", 2]],
        header=[c.header for c in imports.HOUSEHOLDS.columns],
        sheet="住户",
    )
    assert upload(manager, grid, households, "households").status_code == 302
    assert Household.objects.get(address="幸福路1号2单元201").node == scene.tree.building
    recipients = xlsx(
        [["第一网格", "王奶奶", "老年人", "助餐"]],
        header=[c.header for c in imports.RECIPIENTS.columns],
        sheet="服务对象",
    )
    assert upload(manager, grid, recipients, "recipients").status_code == 302
    assert ServiceRecipient.objects.get(name="王奶奶").kind == "elderly"


# ---------------------------------------------------------------------------------------------
# One bad row: nothing is written, the problem is named by row, column and reason


def assert_nothing_written(response, *fragments):
    assert response.status_code == 400
    assert not PartyMember.objects.filter(name__startswith="导入党员").exists()
    text = page_text(response)
    for fragment in fragments:
        assert fragment in text


def test_bad_checksum(scene, manager):
    bad = rid(4)[:-1] + ("0" if rid(4)[-1] != "0" else "1")
    response = upload(
        manager, scene.tree.committee, xlsx([member_row(5), member_row(4, resident_id=bad)])
    )
    assert_nothing_written(response, "身份证号")
    [error] = response.context["errors"]
    assert (error.row, error.column) == (3, "身份证号")


def test_unknown_building_and_one_outside_the_node(scene, manager):
    rows = [member_row(6, building="9号楼"), member_row(7, building="和平1号楼")]
    response = upload(manager, scene.tree.committee, xlsx(rows))
    assert_nothing_written(response, "9号楼", "和平1号楼")
    assert [(e.row, e.column) for e in response.context["errors"]] == [
        (2, "所在楼栋或中心户"),
        (3, "所在楼栋或中心户"),
    ]


def test_duplicate_id_in_the_file_and_in_the_database(scene, manager):
    rows = [
        member_row(8),
        member_row(9, resident_id=rid(8)),
        member_row(10, resident_id=scene.member.resident_id),
    ]
    response = upload(manager, scene.tree.committee, xlsx(rows))
    assert_nothing_written(response)
    assert [(e.row, e.column) for e in response.context["errors"]] == [
        (3, "身份证号"),
        (4, "身份证号"),
    ]


def test_required_fields_choices_phone_and_dates(scene, manager):
    rows = [member_row(11, name="", party_status="党员", phone="12345", joined_on="明年")]
    response = upload(manager, scene.tree.committee, xlsx(rows))
    assert_nothing_written(response)
    assert {e.column for e in response.context["errors"]} == {
        "姓名",
        "党籍状态",
        "手机号码",
        "入党日期",
    }


def test_a_formula_is_refused_never_evaluated(scene, manager):
    data = xlsx([member_row(12)], formula_at="A2")
    response = upload(manager, scene.tree.committee, data)
    assert_nothing_written(response)
    [error] = response.context["errors"]
    assert (error.row, error.column) == (2, "姓名")


def test_the_problems_download_as_a_workbook(scene, manager):
    upload(manager, scene.tree.committee, xlsx([member_row(13, building="9号楼")]))
    url = reverse(
        "organizations:roster_import_errors",
        kwargs={"pk": scene.tree.committee.pk, "roster": "members"},
    )
    response = manager.get(url)
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[1][:2] == (2, "所在楼栋或中心户")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b"name,phone\n", "xlsx"),
        (b"PK\x03\x04 not really a zip", "xlsx"),
    ],
)
def test_files_that_are_not_workbooks(scene, manager, data, fragment):
    response = upload(manager, scene.tree.committee, data)
    assert response.status_code == 400
    assert fragment in page_text(response) or response.context["form"].errors


def test_wrong_sheet_and_wrong_headers(scene, manager):
    response = upload(manager, scene.tree.committee, xlsx([member_row(14)], sheet="Sheet1"))
    assert_nothing_written(response, "党员", "Sheet1")
    header = MEMBER_HEADER[:-1] + ["备注"]
    response = upload(manager, scene.tree.committee, xlsx([member_row(14)], header=header))
    assert_nothing_written(response, "备注", "组织关系所在党组织")


def test_an_oversized_file(scene, manager, settings):
    settings.ORG_IMPORT_MAX_BYTES = 1000
    response = upload(manager, scene.tree.committee, xlsx([member_row(15)]))
    assert response.status_code == 400
    assert response.context["problem"]
    assert not PartyMember.objects.filter(name__startswith="导入党员").exists()


def test_a_sheet_with_only_empty_rows(scene, manager):
    response = upload(manager, scene.tree.committee, xlsx([[], [None, "  "]]))
    assert_nothing_written(response)


def test_import_only_where_it_fits(scene, manager):
    url = reverse(
        "organizations:roster_import", kwargs={"pk": scene.tree.grid.pk, "roster": "units"}
    )
    assert manager.get(url).status_code == 404
    url = reverse(
        "organizations:roster_import", kwargs={"pk": scene.tree.committee.pk, "roster": "nope"}
    )
    assert manager.get(url).status_code == 404


def test_office_staff_may_import_a_party_member_may_not(scene, office, login, role_user):
    from organizations.models import Role

    member = role_user(Role.PARTY_MEMBER, scene.tree.committee)
    data = xlsx([member_row(16)])
    assert upload(login(member), scene.tree.committee, data).status_code == 403
    assert upload(login(office), scene.tree.committee, data).status_code == 302


# ---------------------------------------------------------------------------------------------
# Large files: a job with progress, the same checks


def test_a_large_file_runs_as_a_job(
    scene, manager, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.ORG_IMPORT_ASYNC_BYTES = 1
    rows = [member_row(n) for n in range(20, 40)]
    with broker_at(None), django_capture_on_commit_callbacks(execute=True):
        response = upload(manager, scene.tree.committee, xlsx(rows))
    assert response.status_code == 302
    job = JobRun.objects.get(kind="organizations.roster_import.members")
    assert (
        job.status == JobRun.Status.DONE and job.done == job.total == 40
    )  # checking, then writing
    assert PartyMember.objects.filter(name__startswith="导入党员").count() == 20
    page = manager.get(response.url)
    assert f"job-{job.pk}" in page_text(page)


def test_a_large_file_with_a_bad_row_writes_nothing(
    scene, manager, settings, django_capture_on_commit_callbacks
):
    settings.ORG_IMPORT_ASYNC_BYTES = 1
    rows = [member_row(n) for n in range(40, 50)] + [member_row(50, building="9号楼")]
    with broker_at(None), django_capture_on_commit_callbacks(execute=True):
        upload(manager, scene.tree.committee, xlsx(rows))
    job = JobRun.objects.get(kind="organizations.roster_import.members")
    assert job.status == JobRun.Status.FAILED and job.result
    assert not PartyMember.objects.filter(name__startswith="导入党员").exists()
    report = load_workbook(job.result.open("rb")).active
    assert list(report.values)[1][:2] == (12, "所在楼栋或中心户")


# ---------------------------------------------------------------------------------------------
# The checks as pure functions


def test_check_rows_without_a_database():
    lookups = imports.Lookups(places=[], existing=lambda keys: set())
    rows = [(2, {"name": "甲", "resident_id": 110101198001010015})]
    checked = imports.check_rows(rows, imports.MEMBERS, lookups)
    reasons = {e.column: e.reason for e in checked.errors}
    assert "Excel" in reasons["身份证号"]
    assert checked.objects == []


def test_an_exported_formula_guard_reads_back_as_text():
    assert imports._cell_text("'=1+1") == "=1+1"
    assert imports._cell_text("'王") == "'王"
