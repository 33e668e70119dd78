"""The policy's organisation rules as pure functions: numbers in, verdicts out.

Each rule names its clause in docs/domain.md (C1–C9 are §3; the tree is §2). Nothing here
touches the database or the request; callers pass plain values. Policy numbers come from
settings.DAJIWEI_POLICY so a district can change them.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext as _

# ---------------------------------------------------------------------------------------------
# Verdicts


class Severity(StrEnum):
    OK = "ok"
    INFO = "info"  # shown, never blocks (C6 the mix, C9 the quota)
    WARN = "warn"  # a "一般/原则上" norm: an exception needs a recorded reason
    BLOCK = "block"  # a hard limit: refused


@dataclass(frozen=True)
class Verdict:
    rule: str
    severity: Severity
    message: str

    @property
    def failing(self) -> bool:
        return self.severity in (Severity.WARN, Severity.BLOCK)


def _policy(key: str) -> int:
    return settings.DAJIWEI_POLICY[key]


# ---------------------------------------------------------------------------------------------
# The tree (§2): district → street → community committee → grid → building → household

DISTRICT, STREET, COMMITTEE, GRID, BUILDING, HOUSEHOLD = 1, 2, 3, 4, 5, 6


def child_level_problem(parent_level: int | None, child_level: int) -> str | None:
    """Why a node of `child_level` cannot sit under `parent_level`, or None when it can."""
    if parent_level is None:
        if child_level != DISTRICT:
            return _("Only a district can stand at the top of the tree.")
        return None
    if parent_level >= HOUSEHOLD:
        return _("A party-member household has no organisations below it.")
    if child_level != parent_level + 1:
        return _(
            "A node must be exactly one level below its parent: under level %(parent)d "
            "only level %(expected)d can be added, not level %(child)d."
        ) % {"parent": parent_level, "expected": parent_level + 1, "child": child_level}
    return None


# ---------------------------------------------------------------------------------------------
# Posts (§3, §4)


class Kind(StrEnum):
    """Post kinds; the values are stored, the labels live in models.PostKind."""

    SECRETARY = "secretary"
    FULLTIME_DEPUTY = "fulltime_deputy"
    PARTTIME_DEPUTY = "parttime_deputy"
    FULLTIME_MEMBER = "fulltime_member"
    PARTTIME_MEMBER = "parttime_member"
    OFFICE_HEAD = "office_head"
    GRID_SECRETARY = "grid_secretary"
    GRID_MEMBER = "grid_member"
    GRID_LEADER = "grid_leader"
    GROUP_LEADER = "group_leader"
    HOUSEHOLD_HEAD = "household_head"


COMMITTEE_SEATS = frozenset(
    {
        Kind.SECRETARY,
        Kind.FULLTIME_DEPUTY,
        Kind.PARTTIME_DEPUTY,
        Kind.FULLTIME_MEMBER,
        Kind.PARTTIME_MEMBER,
    }
)

# Which level each kind of post belongs to.
POST_LEVEL = {
    Kind.SECRETARY: COMMITTEE,
    Kind.FULLTIME_DEPUTY: COMMITTEE,
    Kind.PARTTIME_DEPUTY: COMMITTEE,
    Kind.FULLTIME_MEMBER: COMMITTEE,
    Kind.PARTTIME_MEMBER: COMMITTEE,
    Kind.OFFICE_HEAD: COMMITTEE,
    Kind.GRID_SECRETARY: GRID,
    Kind.GRID_MEMBER: GRID,
    Kind.GRID_LEADER: GRID,
    Kind.GROUP_LEADER: BUILDING,
    Kind.HOUSEHOLD_HEAD: HOUSEHOLD,
}

# C9: committee members, grid branch members and building group leaders are part-time and
# do not take a seat of the community leadership quota (不占职数). Only the full-time posts do.
_QUOTA_POSTS = frozenset({Kind.SECRETARY, Kind.FULLTIME_DEPUTY, Kind.FULLTIME_MEMBER})


def counts_against_quota(kind: str) -> bool:
    """C9: whether a post of this kind takes a seat of the community leadership quota."""
    return kind in _QUOTA_POSTS


def post_level_problem(kind: str, node_level: int) -> str | None:
    """Why a post of `kind` cannot be held on a node of `node_level`, or None."""
    expected = POST_LEVEL[Kind(kind)]
    if expected != node_level:
        return _(
            "This post belongs to a level-%(expected)d organisation, not to a level-%(level)d one."
        ) % {"expected": expected, "level": node_level}
    return None


@dataclass(frozen=True)
class Seat:
    """One active post on a node, as the composition rules see it."""

    kind: str
    person_id: int
    concurrent_branch_post: bool = False  # C4/C5: also holds the same post in the branch
    counts_against_quota: bool = False
    unit_id: int | None = None  # the holder's workplace unit, for C6


def committee_verdicts(seats: Iterable[Seat]) -> list[Verdict]:
    """C1–C6 and C9 for a community committee's active posts."""
    seats = list(seats)
    by_kind = Counter(s.kind for s in seats)
    members = {s.person_id for s in seats if s.kind in COMMITTEE_SEATS}
    return [
        _c1_size(len(members)),
        _c2_secretary(by_kind[Kind.SECRETARY]),
        _c3_deputies(by_kind[Kind.FULLTIME_DEPUTY], by_kind[Kind.PARTTIME_DEPUTY]),
        _c4_secretary_from_branch(seats),
        _c5_fulltime_deputy(seats),
        _c6_mix(seats),
        _c9_quota(seats),
    ]


def _c1_size(count: int) -> Verdict:
    low, high = _policy("committee_min_members"), _policy("committee_max_members")
    if low <= count <= high:
        return Verdict(
            "C1",
            Severity.OK,
            _("%(count)d members, within %(low)d–%(high)d")
            % {"count": count, "low": low, "high": high},
        )
    return Verdict(
        "C1",
        Severity.WARN,
        _("A committee normally has %(low)d–%(high)d members; it has %(count)d now.")
        % {"count": count, "low": low, "high": high},
    )


def _c2_secretary(count: int) -> Verdict:
    wanted = _policy("committee_secretaries")
    if count == wanted:
        return Verdict("C2", Severity.OK, _("one secretary"))
    return Verdict(
        "C2",
        Severity.BLOCK,
        _("A committee has exactly %(wanted)d secretary; it has %(count)d now.")
        % {"wanted": wanted, "count": count},
    )


def _c3_deputies(fulltime: int, parttime: int) -> Verdict:
    want_full = _policy("committee_fulltime_deputies")
    want_part = _policy("committee_parttime_deputies")
    numbers = {
        "want_full": want_full,
        "want_part": want_part,
        "full": fulltime,
        "part": parttime,
        "want_total": want_full + want_part,
    }
    if fulltime == want_full and parttime == want_part:
        return Verdict(
            "C3",
            Severity.OK,
            _("%(want_total)d deputy secretaries: %(full)d full-time, %(part)d part-time")
            % numbers,
        )
    return Verdict(
        "C3",
        Severity.WARN,
        _(
            "A committee normally has %(want_full)d full-time and %(want_part)d part-time "
            "deputy secretaries; it has %(full)d full-time and %(part)d part-time now."
        )
        % numbers,
    )


def _c4_secretary_from_branch(seats: list[Seat]) -> Verdict:
    secretaries = [s for s in seats if s.kind == Kind.SECRETARY]
    if not secretaries or all(s.concurrent_branch_post for s in secretaries):
        return Verdict("C4", Severity.OK, _("the secretary is the branch secretary"))
    return Verdict(
        "C4",
        Severity.WARN,
        _(
            "In principle the secretary is the elected secretary of the community party "
            "organisation; this one is not."
        ),
    )


def _c5_fulltime_deputy(seats: list[Seat]) -> Verdict:
    deputies = [s for s in seats if s.kind == Kind.FULLTIME_DEPUTY]
    office_heads = {s.person_id for s in seats if s.kind == Kind.OFFICE_HEAD}
    if not deputies:
        return Verdict("C5", Severity.OK, _("no full-time deputy yet"))
    if not all(s.concurrent_branch_post for s in deputies):
        return Verdict(
            "C5",
            Severity.WARN,
            _(
                "In principle the full-time deputy secretary is the full-time deputy "
                "secretary of the community party organisation; this one is not."
            ),
        )
    if not all(s.person_id in office_heads for s in deputies):
        return Verdict(
            "C5",
            Severity.WARN,
            _("In principle the full-time deputy secretary also heads the committee office."),
        )
    return Verdict(
        "C5", Severity.OK, _("the full-time deputy comes from the branch and heads the office")
    )


def _c6_mix(seats: list[Seat]) -> Verdict:
    fulltime = sum(1 for s in seats if s.kind == Kind.FULLTIME_MEMBER)
    parttime = sum(1 for s in seats if s.kind == Kind.PARTTIME_MEMBER)
    units = len({s.unit_id for s in seats if s.kind in COMMITTEE_SEATS and s.unit_id})
    return Verdict(
        "C6",
        Severity.INFO,
        _("%(full)d full-time and %(part)d part-time members, from %(units)d units")
        % {"full": fulltime, "part": parttime, "units": units},
    )


def _c9_quota(seats: list[Seat]) -> Verdict:
    counted = sum(1 for s in seats if s.counts_against_quota)
    return Verdict(
        "C9",
        Severity.INFO,
        _("%(counted)d posts take a seat of the community leadership quota; the rest are part-time")
        % {"counted": counted},
    )


def grid_verdicts(seats: Iterable[Seat], committee_member_ids: set[int]) -> list[Verdict]:
    """C7: one grid branch secretary, usually a committee member or the party-member grid leader."""
    seats = list(seats)
    secretaries = [s for s in seats if s.kind == Kind.GRID_SECRETARY]
    leaders = {s.person_id for s in seats if s.kind == Kind.GRID_LEADER}
    wanted = _policy("grid_secretaries")
    if len(secretaries) != wanted:
        return [
            Verdict(
                "C7",
                Severity.BLOCK,
                _("A grid branch has exactly %(wanted)d secretary; it has %(count)d now.")
                % {"wanted": wanted, "count": len(secretaries)},
            )
        ]
    holder = secretaries[0].person_id
    if holder not in committee_member_ids and holder not in leaders:
        return [
            Verdict(
                "C7",
                Severity.WARN,
                _(
                    "The grid branch secretary is usually a committee member or the "
                    "party-member grid leader; this one is neither."
                ),
            )
        ]
    return [Verdict("C7", Severity.OK, _("one grid branch secretary"))]


def building_verdicts(seats: Iterable[Seat], household_head_ids: set[int]) -> list[Verdict]:
    """C8: one building group leader, usually the head of a party-member household."""
    leaders = [s for s in seats if s.kind == Kind.GROUP_LEADER]
    wanted = _policy("building_leaders")
    if len(leaders) != wanted:
        return [
            Verdict(
                "C8",
                Severity.BLOCK,
                _("A building group has exactly %(wanted)d leader; it has %(count)d now.")
                % {"wanted": wanted, "count": len(leaders)},
            )
        ]
    if leaders[0].person_id not in household_head_ids:
        return [
            Verdict(
                "C8",
                Severity.WARN,
                _(
                    "The building group leader is usually the head of a party-member "
                    "household; this one is not."
                ),
            )
        ]
    return [Verdict("C8", Severity.OK, _("one building group leader"))]


def new_failures(before: list[Verdict], after: list[Verdict]) -> list[Verdict]:
    """Verdicts a change makes fail that did not fail before.

    A committee is built up one post at a time, so a rule already failing the same way
    (eight members on the way to nine) is no reason to stop the next post; a change that
    breaks a rule that held, or makes it fail another way (no grid secretary → one who is
    neither a committee member nor the grid leader), is stopped (BLOCK) or needs a reason (WARN).
    """
    failing_before = {(v.rule, v.severity) for v in before if v.failing}
    return [v for v in after if v.failing and (v.rule, v.severity) not in failing_before]


# ---------------------------------------------------------------------------------------------
# People (§2): resident ID numbers, phones, masking

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def resident_id_check_char(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def resident_id_problem(value: str) -> str | None:
    """'format', 'birth_date' or 'checksum' when the 18-digit ID is wrong, else None."""
    value = (value or "").upper()
    if not _ID_SHAPE.match(value):
        return "format"
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "birth_date"
    if resident_id_check_char(value[:17]) != value[17]:
        return "checksum"
    return None


def is_phone_number(value: str) -> bool:
    return bool(_PHONE.match(value or ""))


def mask_resident_id(value: str) -> str:
    """Keep the region's first 4 and the last 4 characters: 3301**********1234."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """Keep the first 3 and last 4 digits: 138****5678."""
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


# ---------------------------------------------------------------------------------------------
# Audit log retention (issue 8): kept at least AUDIT_MIN_RETENTION_MONTHS; the PostgreSQL
# trigger (migration 0006) refuses to delete a younger row whatever the setting says.

AUDIT_MIN_RETENTION_MONTHS = 6


def audit_retention_problem(months: int) -> str | None:
    """Why a retention setting is refused (fewer months than the floor), or None."""
    if months < AUDIT_MIN_RETENTION_MONTHS:
        return _(
            "The audit log must be kept at least %(floor)d months; the setting says %(months)d."
        ) % {"floor": AUDIT_MIN_RETENTION_MONTHS, "months": months}
    return None


def audit_cutoff(now: datetime.datetime, months: int) -> datetime.datetime:
    """Events created before this moment may be pruned: `months` calendar months before `now`
    (the last day of a shorter month when the day does not exist)."""
    year, month = divmod(now.month - 1 - months, 12)
    year, month = now.year + year, month + 1
    day = min(now.day, calendar.monthrange(year, month)[1])
    return now.replace(year=year, month=month, day=day)
