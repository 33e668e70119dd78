"""Rosters from Excel: the templates, reading and validating a workbook, and the one write.

Reading and checking are pure functions of the workbook's rows and a `Lookups` of what the
rows may refer to (the places under the node, the units, the ID numbers already stored), so
they are tested without a request. `roster_import` is the only write: it checks every row
first and writes nothing when one is wrong (all or nothing), then bulk-creates the rows,
appends one audit event and invalidates the subtree counts, in one transaction.

The column headers and sheet names are the file format (a user fills the downloaded template
in and sends it back), so they are fixed Chinese text and not translated with the interface.
Formula cells are refused: openpyxl reads the formula text and it is never evaluated.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dajiwei import excel

from . import access, counts, rules
from .models import (
    Gender,
    Household,
    MemberCategory,
    MemberUnit,
    OrgNode,
    PartyMember,
    PartyStatus,
    RecipientKind,
    ServiceRecipient,
    UnitKind,
    UnitLink,
)
from .validators import validate_mobile_phone, validate_resident_id

# Defaults of the settings a district may change (settings.ORG_IMPORT_*).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_ROWS = 100_000
DEFAULT_ASYNC_BYTES = 256 * 1024
BATCH_SIZE = 2000


def max_bytes() -> int:
    return getattr(settings, "ORG_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows() -> int:
    return getattr(settings, "ORG_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def async_bytes() -> int:
    """Files larger than this are imported by a background job with progress on the page."""
    return getattr(settings, "ORG_IMPORT_ASYNC_BYTES", DEFAULT_ASYNC_BYTES)


class FileProblem(Exception):
    """The file as a whole cannot be read as this roster's workbook; nothing is written."""


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the spreadsheet shows it (the header is row 1)
    column: str  # the column header, or "" for the row as a whole
    reason: str


# ---------------------------------------------------------------------------------------------
# The rosters' columns


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, choice, date, int, id, phone, place, unit
    required: bool = False
    note: object = ""
    example: object = ""
    choices: type | None = None
    max_length: int = 0


@dataclass(frozen=True)
class Roster:
    slug: str
    sheet: str
    title: object
    model: type
    place_kinds: tuple[int, ...]  # what the "place" column may name
    import_kinds: tuple[int, ...]  # the node levels an import may be started on
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


_PLACE_NOTE = gettext_lazy(
    "The name as it appears in the organisation tree, or its code from the sheet 可选位置; "
    "when two places share a name, write grid name/building name."
)

MEMBERS = Roster(
    slug="members",
    sheet="党员",
    title=gettext_lazy("Party members"),
    model=PartyMember,
    place_kinds=(rules.BUILDING, rules.HOUSEHOLD),
    import_kinds=(rules.COMMITTEE, rules.GRID, rules.BUILDING),
    columns=(
        Column("name", "姓名", required=True, example="王建国", max_length=60),
        Column(
            "gender",
            "性别",
            "choice",
            choices=Gender,
            example="男",
            note=gettext_lazy("Left empty, it is read from the ID number."),
        ),
        Column(
            "birth_date",
            "出生日期",
            "date",
            example=datetime.date(1980, 1, 1),
            note=gettext_lazy("Left empty, it is read from the ID number."),
        ),
        Column("phone", "手机号码", "phone", required=True, example="13800000001"),
        Column(
            "resident_id",
            "身份证号",
            "id",
            required=True,
            example="110101198001010015",
            note=gettext_lazy(
                "18 characters, the last may be X; please format the column as text so that "
                "Excel keeps every digit. Each ID number may appear once."
            ),
        ),
        Column("party_status", "党籍状态", "choice", required=True, choices=PartyStatus),
        Column("joined_on", "入党日期", "date", required=True, example=datetime.date(2005, 7, 1)),
        Column("category", "党员类别", "choice", required=True, choices=MemberCategory),
        Column("node", "所在楼栋或中心户", "place", required=True, note=_PLACE_NOTE),
        Column(
            "workplace",
            "工作单位",
            "unit",
            note=gettext_lazy("Optional: the name of a member unit linked to the community."),
        ),
        Column("relationship_held_at", "组织关系所在党组织", max_length=160),
    ),
)

UNITS = Roster(
    slug="units",
    sheet="辖区单位",
    title=gettext_lazy("Member units"),
    model=MemberUnit,
    place_kinds=(),
    import_kinds=(rules.COMMITTEE,),
    columns=(
        Column("name", "单位党组织名称", required=True, example="区供电公司党委", max_length=160),
        Column("kind", "单位类别", "choice", required=True, choices=UnitKind),
        Column("superior", "上级党组织", required=True, example="区国资委党委", max_length=160),
        Column("registered_on", "报到日期", "date", example=datetime.date(2026, 3, 1)),
        Column("secretary_name", "党组织书记", example="李明", max_length=60),
        Column(
            "deputy_names",
            "副书记",
            max_length=200,
            note=gettext_lazy("Separate several names with commas."),
        ),
        Column("contact_name", "联系人", example="赵丽", max_length=60),
        Column("contact_phone", "联系电话", "phone", example="0571-87654321"),
        Column("member_count", "党员人数", "int", example=35),
        Column(
            "linked_on",
            "加入本社区日期",
            "date",
            note=gettext_lazy("Left empty, today's date."),
        ),
    ),
)

HOUSEHOLDS = Roster(
    slug="households",
    sheet="住户",
    title=gettext_lazy("Households"),
    model=Household,
    place_kinds=(rules.BUILDING,),
    import_kinds=(rules.COMMITTEE, rules.GRID, rules.BUILDING),
    columns=(
        Column("node", "所在楼栋", "place", required=True, note=_PLACE_NOTE),
        Column(
            "address",
            "门牌地址",
            required=True,
            example="幸福路1号1单元101",
            max_length=200,
            note=gettext_lazy("Each address may appear once in a building."),
        ),
        Column("head_name", "户主姓名", example="王建国", max_length=60),
        Column(
            "people_count",
            "人数",
            "int",
            example=3,
            note=gettext_lazy("Left empty, it counts as 1."),
        ),
    ),
)

RECIPIENTS = Roster(
    slug="recipients",
    sheet="服务对象",
    title=gettext_lazy("Service recipients"),
    model=ServiceRecipient,
    place_kinds=(rules.GRID,),
    import_kinds=(rules.COMMITTEE, rules.GRID),
    columns=(
        Column("node", "所在网格", "place", required=True, note=_PLACE_NOTE),
        Column("name", "姓名", required=True, example="张秀英", max_length=60),
        Column("kind", "类别", "choice", required=True, choices=RecipientKind),
        Column("needs", "服务需求", example="每周两次助餐"),
    ),
)

ROSTERS: dict[str, Roster] = {r.slug: r for r in (MEMBERS, UNITS, HOUSEHOLDS, RECIPIENTS)}
NOTES_SHEET = "填写说明"
PLACES_SHEET = "可选位置"


def chinese_label(label) -> str:
    with translation.override("zh-hans"):
        return str(label)


def english_label(label) -> str:
    with translation.override("en"):
        return str(label)


def _choice_map(choices) -> dict[str, str]:
    """Every spelling a cell may use for a choice: the Chinese label, the English, the value."""
    found = {}
    for value, label in choices.choices:
        for spelling in (value, english_label(label), chinese_label(label)):
            found[spelling.strip().lower()] = value
    return found


# ---------------------------------------------------------------------------------------------
# Templates


def _example(column: Column):
    if column.kind == "choice" and not column.example:
        return chinese_label(column.choices.choices[0][1])
    return column.example


def _note(column: Column) -> str:
    parts = [_("Required") if column.required else _("Optional")]
    if column.kind == "choice":
        labels = "、".join(chinese_label(label) for _v, label in column.choices.choices)
        parts.append(_("one of: %(labels)s") % {"labels": labels})
    if column.kind == "date":
        parts.append(_("a date such as 2026-03-01"))
    if column.max_length:
        parts.append(_("at most %(count)d characters") % {"count": column.max_length})
    if column.note:
        parts.append(str(column.note))
    return "; ".join(parts)


def template_workbook(roster: Roster, places: Iterable[OrgNode] = ()) -> bytes:
    """The downloadable template: the header and an example row, the notes, the places."""
    example = [_example(c) for c in roster.columns]
    places = list(places)
    if places and roster.place_kinds:
        spot = roster.columns.index(roster.column("node"))
        example[spot] = places[0].name
    sheets = [
        (roster.sheet, [c.header for c in roster.columns], [example]),
        (
            NOTES_SHEET,
            [_("Column"), _("How to fill it in")],
            [(c.header, _note(c)) for c in roster.columns]
            + [
                ("", ""),
                (
                    _("Rows"),
                    _(
                        "Row 2 is an example: please replace or delete it. Empty rows are "
                        "skipped. Formulas are not accepted: please enter values. If one row "
                        "is wrong, nothing is imported."
                    ),
                ),
            ],
        ),
    ]
    if roster.place_kinds:
        sheets.append(
            (
                PLACES_SHEET,
                [_("Code"), _("Name"), _("Belongs to")],
                [(p.pk, p.name, p.parent.name if p.parent_id else "") for p in places],
            )
        )
    return excel.workbook(sheets)


def error_workbook(errors: Iterable[RowError]) -> bytes:
    return excel.workbook(
        [
            (
                _("Problems"),
                [_("Row"), _("Column"), _("Reason")],
                [(e.row, e.column, e.reason) for e in errors],
            )
        ]
    )


# ---------------------------------------------------------------------------------------------
# Reading the file


def read_rows(data: bytes, roster: Roster) -> list[tuple[int, dict]]:
    """The non-empty rows of the roster's sheet as (row number, {column key: cell}).

    A cell holding a formula comes back as a `Formula` (refused by `check_rows`). Raises
    FileProblem when the file is empty, too large, not an .xlsx workbook, lacks the sheet, or
    its header is not the template's.
    """
    from openpyxl import load_workbook

    if not data:
        raise FileProblem(_("The file is empty."))
    if len(data) > max_bytes():
        raise FileProblem(
            _("The file is too large; please send one of at most %(mb)d MB.")
            % {"mb": max_bytes() // (1024 * 1024)}
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FileProblem(
            _("This is not an Excel workbook (.xlsx); please save the file as .xlsx and try again.")
        )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged or foreign file
        raise FileProblem(
            _("This is not an Excel workbook (.xlsx); please save the file as .xlsx and try again.")
        ) from error
    try:
        return _rows_of(book, roster)
    finally:
        book.close()


@dataclass(frozen=True)
class Formula:
    text: str


def _rows_of(book, roster: Roster) -> list[tuple[int, dict]]:
    if roster.sheet not in book.sheetnames:
        raise FileProblem(
            _(
                "The workbook has no sheet named %(sheet)s (it has: %(found)s); please use "
                "the template."
            )
            % {"sheet": roster.sheet, "found": "、".join(book.sheetnames)}
        )
    sheet = book[roster.sheet]
    lines = sheet.iter_rows()
    header = [_cell_text(c.value) for c in next(lines, ())]
    while header and not header[-1]:
        header.pop()
    expected = [c.header for c in roster.columns]
    if header != expected:
        missing = [h for h in expected if h not in header]
        unknown = [h for h in header if h not in expected]
        raise FileProblem(
            _(
                "The first row of sheet %(sheet)s must be the template's headers in order: "
                "%(expected)s. Missing: %(missing)s. Not expected: %(unknown)s."
            )
            % {
                "sheet": roster.sheet,
                "expected": "、".join(expected),
                "missing": "、".join(missing) or "—",
                "unknown": "、".join(unknown) or "—",
            }
        )
    rows = []
    width = len(expected)
    for number, line in enumerate(lines, start=2):
        values = {}
        for column, cell in zip(roster.columns, line[:width], strict=False):
            value = cell.value
            if getattr(cell, "data_type", None) == "f":
                value = Formula(str(value))
            values[column.key] = value
        if all(_is_blank(v) for v in values.values()):
            continue
        rows.append((number, values))
        if len(rows) > max_rows():
            raise FileProblem(
                _("The file has more than %(count)d rows; please split it.") % {"count": max_rows()}
            )
    return rows


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # What dajiwei.excel.safe_value wrote to keep text from running as a formula.
    if text.startswith("'") and text[1:].startswith(excel.FORMULA_STARTS):
        text = text[1:]
    return text


# ---------------------------------------------------------------------------------------------
# Checking the rows


@dataclass
class Lookups:
    """What the rows may refer to, loaded once for the whole file."""

    places: list[OrgNode] = field(default_factory=list)
    units: list[MemberUnit] = field(default_factory=list)
    # Given the file's ID numbers (or addresses, unit names), those already stored.
    existing: Callable[[set], set] = lambda keys: set()
    today: datetime.date = field(default_factory=timezone.localdate)

    def __post_init__(self):
        self.place_by_code = {str(p.pk): p for p in self.places}
        self.places_by_name: dict[str, list[OrgNode]] = {}
        for p in self.places:
            self.places_by_name.setdefault(p.name.strip(), []).append(p)
            if p.parent_id:
                path = f"{p.parent.name.strip()}/{p.name.strip()}"
                self.places_by_name.setdefault(path, []).append(p)
        self.units_by_name: dict[str, list[MemberUnit]] = {}
        for u in self.units:
            self.units_by_name.setdefault(u.name.strip(), []).append(u)


@dataclass
class Checked:
    objects: list
    errors: list[RowError]
    extra: list = field(default_factory=list)  # per object: what goes beside it (unit links)


def _messages(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


class _Row:
    """One row being checked: each cell converted in turn, the problems collected."""

    def __init__(self, number: int, values: dict, roster: Roster, lookups: Lookups):
        self.number, self.values, self.roster, self.lookups = number, values, roster, lookups
        self.errors: list[RowError] = []
        self.data: dict = {}

    def fail(self, column: Column | None, reason: str) -> None:
        self.errors.append(RowError(self.number, column.header if column else "", reason))

    def convert(self) -> dict:
        for column in self.roster.columns:
            raw = self.values.get(column.key)
            if isinstance(raw, Formula):
                self.fail(column, _("Formulas are not accepted; please enter the value itself."))
                continue
            if _is_blank(raw):
                if column.required:
                    self.fail(column, _("This column is required."))
                continue
            try:
                self.data[column.key] = getattr(self, f"_{column.kind}")(column, raw)
            except ValidationError as error:
                self.fail(column, _messages(error))
        return self.data

    def _text(self, column: Column, raw):
        text = _cell_text(raw)
        if column.max_length and len(text) > column.max_length:
            raise ValidationError(
                _("At most %(count)d characters (this has %(found)d).")
                % {"count": column.max_length, "found": len(text)}
            )
        return text

    def _choice(self, column: Column, raw):
        text = _cell_text(raw)
        value = _choice_map(column.choices).get(text.lower())
        if value is None:
            labels = "、".join(chinese_label(label) for _v, label in column.choices.choices)
            raise ValidationError(
                _("%(value)s is not one of: %(labels)s.") % {"value": text, "labels": labels}
            )
        return value

    def _date(self, column: Column, raw):
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = _cell_text(raw)
        for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValidationError(
            _("%(value)s is not a date; please write it like 2026-03-01.") % {"value": text}
        )

    def _int(self, column: Column, raw):
        text = _cell_text(raw)
        if not text.isdigit() or int(text) > 32767:
            raise ValidationError(
                _("%(value)s is not a whole number from 0 to 32767.") % {"value": text}
            )
        return int(text)

    def _id(self, column: Column, raw):
        if isinstance(raw, int | float):
            raise ValidationError(
                _(
                    "Excel stored this ID number as a number and may have lost digits; please "
                    "format the column as text and type it again."
                )
            )
        text = _cell_text(raw).upper()
        validate_resident_id(text)
        return text

    def _phone(self, column: Column, raw):
        text = _cell_text(raw)
        validate_mobile_phone(text)
        return text

    def _place(self, column: Column, raw):
        text = _cell_text(raw)
        lookups = self.lookups
        if text in lookups.place_by_code:
            return lookups.place_by_code[text]
        found = lookups.places_by_name.get(text, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ValidationError(
                _(
                    "%(count)d places here are named %(name)s; please write the grid name and "
                    "the building name as grid/building, or the code."
                )
                % {"count": len(found), "name": text}
            )
        raise ValidationError(
            _("There is no %(name)s under this organisation that you may manage.") % {"name": text}
        )

    def _unit(self, column: Column, raw):
        text = _cell_text(raw)
        found = self.lookups.units_by_name.get(text, [])
        if len(found) != 1:
            raise ValidationError(
                _("There is no member unit named %(name)s that you can see.") % {"name": text}
                if not found
                else _("%(count)d member units are named %(name)s; please enter it by hand.")
                % {"count": len(found), "name": text}
            )
        return found[0]


def _member_rules(row: _Row, data: dict, today: datetime.date) -> None:
    """What MemberForm checks across fields; the gender and birth date come from the ID."""
    resident_id = data.get("resident_id")
    if resident_id:
        digits = resident_id[6:14]
        from_id = datetime.datetime.strptime(digits, "%Y%m%d").date()
        if data.setdefault("birth_date", from_id) != from_id:
            row.fail(
                MEMBERS.column("birth_date"),
                _("The birth date does not match the ID number (%(digits)s).") % {"digits": digits},
            )
        data.setdefault("gender", Gender.MALE if int(resident_id[16]) % 2 else Gender.FEMALE)
    birth, joined = data.get("birth_date"), data.get("joined_on")
    if birth and joined and joined <= birth:
        row.fail(
            MEMBERS.column("joined_on"), _("The party joining date must be after the birth date.")
        )
    if joined and joined > today:
        row.fail(MEMBERS.column("joined_on"), _("The party joining date cannot be in the future."))


def _duplicates(
    rows: list[tuple[_Row, dict]], key: Callable, column: Column, existing: set, reason_db: str
) -> None:
    """Flag rows whose key repeats an earlier row of the file, or is already stored."""
    first: dict = {}
    for row, data in rows:
        value = key(data)
        if value is None:
            continue
        if value in first:
            row.fail(
                column,
                _("The same as row %(row)d of this file.") % {"row": first[value]},
            )
            continue
        first[value] = row.number
        if value in existing:
            row.fail(column, reason_db)


def check_rows(rows: list[tuple[int, dict]], roster: Roster, lookups: Lookups) -> Checked:
    """Every row converted and checked; the objects to create only if there is no error."""
    if not rows:
        return Checked([], [RowError(0, "", _("The sheet has no rows to import."))])
    checked = []
    for number, values in rows:
        row = _Row(number, values, roster, lookups)
        data = row.convert()
        if roster is MEMBERS:
            _member_rules(row, data, lookups.today)
        checked.append((row, data))
    if roster is MEMBERS:
        ids = {d["resident_id"] for _r, d in checked if d.get("resident_id")}
        _duplicates(
            checked,
            lambda d: d.get("resident_id"),
            MEMBERS.column("resident_id"),
            lookups.existing(ids),
            _("A party member with this ID number is already registered."),
        )
    elif roster is HOUSEHOLDS:
        keys = {(d["node"].pk, d["address"]) for _r, d in checked if "node" in d and "address" in d}
        _duplicates(
            checked,
            lambda d: (d["node"].pk, d["address"]) if "node" in d and "address" in d else None,
            HOUSEHOLDS.column("address"),
            lookups.existing(keys),
            _("This building already has a household at this address."),
        )
    elif roster is UNITS:
        names = {d["name"] for _r, d in checked if d.get("name")}
        _duplicates(
            checked,
            lambda d: d.get("name"),
            UNITS.column("name"),
            lookups.existing(names),
            _("A unit of this name is already linked to this committee."),
        )
    errors = [e for row, _d in checked for e in row.errors]
    if errors:
        return Checked([], errors)
    return _build(roster, [d for _r, d in checked], lookups.today)


def _build(roster: Roster, rows: list[dict], today: datetime.date) -> Checked:
    if roster is UNITS:
        objects, links = [], []
        for data in rows:
            links.append(data.pop("linked_on", None) or today)
            objects.append(MemberUnit(**data))
        return Checked(objects, [], links)
    if roster is HOUSEHOLDS:
        for data in rows:
            data.setdefault("people_count", 1)
    return Checked([roster.model(**data) for data in rows], [])


# ---------------------------------------------------------------------------------------------
# Against the database


def import_places(user, node: OrgNode, roster: Roster):
    """The places under `node` the rows may name: those where the user manages rosters."""
    from .selectors import subtree_q

    if not roster.place_kinds:
        return OrgNode.objects.none()
    return access.visible(
        user,
        OrgNode.objects.filter(subtree_q(node), kind__in=roster.place_kinds)
        .select_related("parent")
        .order_by("tree_id", "lft"),
        access.MANAGE_ROSTER,
    )


def lookups_for(user, node: OrgNode, roster: Roster) -> Lookups:
    from .selectors import workplace_choices

    def existing(keys: set) -> set:
        keys = list(keys)
        found: set = set()
        for start in range(0, len(keys), 5000):
            chunk = keys[start : start + 5000]
            if roster is MEMBERS:
                found |= set(
                    PartyMember.objects.filter(resident_id__in=chunk).values_list(
                        "resident_id", flat=True
                    )
                )
            elif roster is HOUSEHOLDS:
                addresses = {a for _n, a in chunk}
                found |= set(
                    Household.objects.filter(
                        node_id__in={n for n, _a in chunk}, address__in=addresses
                    ).values_list("node_id", "address")
                )
            elif roster is UNITS:
                found |= set(
                    UnitLink.objects.filter(
                        committee=node, ended_on__isnull=True, unit__name__in=chunk
                    ).values_list("unit__name", flat=True)
                )
        return found

    return Lookups(
        places=list(import_places(user, node, roster)),
        units=list(workplace_choices(user)) if roster is MEMBERS else [],
        existing=existing,
    )


@dataclass(frozen=True)
class Outcome:
    created: int
    errors: list[RowError]


def check_file(*, user, node: OrgNode, roster: Roster, data: bytes) -> tuple[Checked, Lookups]:
    """Read and check the whole file; raises FileProblem."""
    rows = read_rows(data, roster)
    lookups = lookups_for(user, node, roster)
    return check_rows(rows, roster, lookups), lookups


def roster_import(
    *, actor, node: OrgNode, roster: Roster, data: bytes, filename: str = "", ip=None, progress=None
) -> Outcome:
    """Import the workbook's rows below `node`: all of them, or none when one is wrong.

    Raises FileProblem for a file that cannot be read as the roster's workbook. Every row is
    read and checked before the one transaction that writes them all; `progress(done, total)`
    is told when the check is over (half way: writing counts as much again).
    """
    if node.kind not in roster.import_kinds:
        raise FileProblem(_("This roster cannot be imported on this organisation."))
    node = OrgNode.objects.get(pk=node.pk)  # fresh tree fields: the subtree is read from them
    checked, _lookups = check_file(user=actor, node=node, roster=roster, data=data)
    if checked.errors:
        return Outcome(0, checked.errors)
    if progress:
        progress(len(checked.objects), 2 * len(checked.objects))
    try:
        _write(actor=actor, node=node, roster=roster, checked=checked, filename=filename, ip=ip)
    except IntegrityError:
        # Someone stored the same ID number between the check and the write; nothing is kept.
        return Outcome(
            0, [RowError(0, "", _("The data changed while importing; please send the file again."))]
        )
    return Outcome(len(checked.objects), [])


@transaction.atomic
def _write(*, actor, node: OrgNode, roster: Roster, checked: Checked, filename: str, ip) -> None:
    from .actions import audit

    objects = checked.objects
    for start in range(0, len(objects), BATCH_SIZE):
        roster.model.objects.bulk_create(objects[start : start + BATCH_SIZE])
    if roster is UNITS:
        UnitLink.objects.bulk_create(
            UnitLink(unit=unit, committee=node, started_on=on)
            for unit, on in zip(objects, checked.extra, strict=True)
        )
    audit(
        actor=actor,
        action=f"{roster.model._meta.model_name}.import",
        node=node,
        data={"rows": len(objects), "file": filename[:200]},
        ip=ip,
    )
    counts.invalidate()  # bulk_create sends no post_save, which is what invalidates otherwise
