"""The rules of meetings: pure functions, no database (docs/domain.md §6 M1–M5)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HELD = "held"
SCHEDULED = "scheduled"
MISSING = "missing"

# Meeting states as stored (models.State), repeated here so the rules stay free of models.
_HELD_STATES = frozenset({"held", "closed"})
_SCHEDULED_STATES = frozenset({"scheduled"})

TRANSITIONS = {
    "scheduled": {"held", "cancelled"},
    "held": {"closed", "cancelled"},
    "closed": set(),
    "cancelled": set(),
}


def config(name: str):
    return settings.DAJIWEI_MEETINGS[name]


def cell_status(held: int, scheduled: int) -> str:
    """One month of one committee: held if any meeting was held, else scheduled, else missing."""
    if held > 0:
        return HELD
    if scheduled > 0:
        return SCHEDULED
    return MISSING


def counts_as(state: str) -> str | None:
    """What a meeting in `state` counts as on the board; a cancelled one counts for nothing."""
    if state in _HELD_STATES:
        return HELD
    if state in _SCHEDULED_STATES:
        return SCHEDULED
    return None


def month_statuses(meetings: Iterable[tuple[datetime.date, str]], year: int) -> dict[int, str]:
    """{month: status} for `year`, from (date, state) pairs: a meeting counts for the month of
    its date (the last day included); two in a month are still one "held"."""
    held = dict.fromkeys(range(1, 13), 0)
    scheduled = dict.fromkeys(range(1, 13), 0)
    for date, state in meetings:
        if date.year != year:
            continue
        kind = counts_as(state)
        if kind == HELD:
            held[date.month] += 1
        elif kind == SCHEDULED:
            scheduled[date.month] += 1
    return {m: cell_status(held[m], scheduled[m]) for m in range(1, 13)}


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, set()):
        raise ValidationError(
            _("A theme party day that is %(current)s cannot become %(target)s.")
            % {"current": current, "target": target}
        )


def check_close(minutes: str) -> None:
    if not minutes.strip():
        raise ValidationError(
            {"minutes": _("Record the minutes before closing the theme party day.")}
        )


def check_photo_size(size: int) -> None:
    limit_mb = config("photo_max_mb")
    if size > limit_mb * 1024 * 1024:
        raise ValidationError({"image": _("A photo may be at most %(mb)s MB.") % {"mb": limit_mb}})


PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png"}


def check_photo_format(image_format: str | None) -> str:
    """The file extension for a photo whose content Pillow read as `image_format`."""
    if image_format not in PHOTO_FORMATS:
        raise ValidationError({"image": _("Only JPEG and PNG photos are accepted.")})
    return PHOTO_FORMATS[image_format]


def reminder_due(today: datetime.date) -> bool:
    return today.day >= config("reminder_day")


def month_key(day: datetime.date) -> str:
    return f"{day:%Y-%m}"


# ---------------------------------------------------------------------------------------------
# Committee meetings (M2): quorum and adoption, each a fraction of all committee members that
# must be exceeded (default: more than half).


def _exceeds(count: int, total: int, numerator: int, denominator: int) -> bool:
    return count * denominator > total * numerator


def quorum_met(present: int, members_total: int) -> bool:
    return _exceeds(
        present, members_total, config("quorum_numerator"), config("quorum_denominator")
    )


def adopted(votes_for: int, members_total: int) -> bool:
    """More than the settings' share of all committee members voted for (exactly half: no)."""
    return _exceeds(
        votes_for, members_total, config("adoption_numerator"), config("adoption_denominator")
    )


def check_quorum(present: int, members_total: int) -> None:
    if not quorum_met(present, members_total):
        raise ValidationError(
            _(
                "%(present)s of %(total)s committee members present: more than %(num)s/%(den)s "
                "must attend before a motion is put."
            )
            % {
                "present": present,
                "total": members_total,
                "num": config("quorum_numerator"),
                "den": config("quorum_denominator"),
            }
        )


def check_votes(votes_for: int, against: int, abstain: int, present: int) -> None:
    if votes_for + against + abstain > present:
        raise ValidationError(
            _("%(votes)s votes counted but only %(present)s members present.")
            % {"votes": votes_for + against + abstain, "present": present}
        )


# ---------------------------------------------------------------------------------------------
# The annual meeting (M3): anonymous ratings, shown only in numbers large enough to hide a voter


GRADES = ("excellent", "competent", "basic", "incompetent")

ANNUAL_TRANSITIONS = {"scheduled": {"rating"}, "rating": {"closed"}, "closed": set()}


def result_visible(count: int) -> bool:
    """An officer's counts show only once at least `min_ratings` representatives rated."""
    return count >= config("min_ratings")


def tally(grades: Iterable[str]) -> dict[str, int]:
    """{grade: count} for every grade, zeros included."""
    counts = dict.fromkeys(GRADES, 0)
    for grade in grades:
        counts[grade] += 1
    return counts


def officer_result(counts: dict[str, int]) -> dict:
    """What may be shown of one officer: the total always, the counts only above the minimum."""
    total = sum(counts.values())
    shown = result_visible(total)
    return {"total": total, "shown": shown, "counts": counts if shown else None}


def check_annual_transition(current: str, target: str) -> None:
    if target not in ANNUAL_TRANSITIONS.get(current, set()):
        raise ValidationError(
            _("An annual meeting that is %(current)s cannot become %(target)s.")
            % {"current": current, "target": target}
        )


def check_ballot(officer_ids: Iterable[int], grades: dict[int, str]) -> None:
    """A representative rates every officer in post, each with one of the four grades."""
    missing = [pk for pk in officer_ids if pk not in grades]
    if missing:
        raise ValidationError(
            _("Rate every officer: %(count)s not rated yet.") % {"count": len(missing)}
        )
    if any(grade not in GRADES for grade in grades.values()):
        raise ValidationError(_("Choose one of the four ratings."))


# A work report: a PDF or a Word document (.docx is a ZIP), by its first bytes, not its name.
REPORT_SIGNATURES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}


def check_report_file(name: str, size: int, head: bytes) -> None:
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    problem = None
    if extension not in REPORT_SIGNATURES or not head.startswith(REPORT_SIGNATURES[extension]):
        problem = _("Please upload the work report as a PDF or Word (.docx) file.")
    elif size > config("report_max_mb") * 1024 * 1024:
        problem = _("The file is %(size).1f MB; at most %(max)d MB is accepted.") % {
            "size": size / 1024 / 1024,
            "max": config("report_max_mb"),
        }
    if problem:
        raise ValidationError({"work_report_file": problem})


def reminder_window(
    starts: datetime.datetime, now: datetime.datetime, hours: int | None = None
) -> bool:
    """A meeting starting after `now` and within `remind_hours_before` hours is reminded of."""
    hours = config("remind_hours_before") if hours is None else hours
    return now < starts <= now + datetime.timedelta(hours=hours)


# ---------------------------------------------------------------------------------------------
# Joint meetings, visits (M4) and training of grid staff (M5)


def joint_attendance_rate(invited: int, attended: int) -> float | None:
    """A unit's share of the joint meetings it was invited to that it attended; None when it
    was invited to none (nothing to measure, so the A1 score leaves the part out)."""
    if invited <= 0:
        return None
    return min(attended, invited) / invited


def check_invitees(count: int) -> None:
    if count < 1:
        raise ValidationError(_("Invite at least one."))


def check_past(day: datetime.date, today: datetime.date) -> None:
    """What is recorded as having happened (a visit, attendance) cannot lie in the future."""
    if day > today:
        raise ValidationError(
            _("%(date)s is in the future: record it on or after the day.")
            % {"date": f"{day:%Y-%m-%d}"}
        )


def cited_resolution_problem(*, same_committee: bool, adopted: bool) -> str | None:
    """A decision of another flow (a member leaving, an agreement) may cite a resolution only of
    its own committee, and only one adopted (M2)."""
    if not same_committee:
        return _("That resolution belongs to another committee.")
    if not adopted:
        return _("That resolution was not adopted; a decision cannot rest on it.")
    return None
