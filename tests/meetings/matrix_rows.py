"""Permission-matrix rows for theme party days (M1)."""

import datetime

from django.core.files.base import ContentFile

from meetings import actions
from meetings.models import Photo
from organizations.models import Role
from tests.matrix import EVERYONE, NOT_SCOPED, REDIRECT, Row, on
from tests.meetings.helpers import theme_day
from tests.organizations.web import png_bytes


def day(s):
    return {"pk": theme_day(s.tree.committee).pk}


def check_in(s):
    record = theme_day(s.tree.committee)
    return {"pk": record.pk, "token": record.checkin_token}


def photo(s):
    record = Photo(theme_day=theme_day(s.tree.committee))
    record.image.save("p.png", ContentFile(png_bytes()), save=True)
    return {"pk": record.pk}


def attendance(s):
    return {"pk": theme_day(s.tree.committee).attendance.get().pk}


def committee_feed(s):
    return {"token": actions.feed_for_committee(s.tree.committee).token}


def member_feed(s):
    return {"token": actions.feed_for_member(s.member).token}


POSTED = {"method": "post", "allowed": REDIRECT}
STREET = (Role.STREET_STAFF, "street")

ROWS = {
    "meetings:list": Row(on("committee"), lacking=200),
    "meetings:create": Row(on("committee")),
    "meetings:detail": Row(day, lacking=200),
    "meetings:edit": Row(day),
    "meetings:minutes": Row(day),
    "meetings:cancel": Row(day),
    "meetings:invite": Row(day),
    "meetings:photo_add": Row(day),
    "meetings:qr": Row(day),
    "meetings:mark_held": Row(day, **POSTED),
    "meetings:close": Row(day, **POSTED),
    "meetings:tick": Row(day, **POSTED),
    "meetings:check_in": Row(check_in, lacking=200),
    "meetings:photo": Row(photo, lacking=200),
    "meetings:attendance": Row(attendance),
    "meetings:mine": Row(**NOT_SCOPED),
    "meetings:ical_committee": Row(committee_feed, **EVERYONE),
    "meetings:ical_member": Row(member_feed, **EVERYONE),
    "meetings:board_home": Row(outsider=REDIRECT, allowed=REDIRECT, allowed_role=STREET),
    "meetings:board": Row(on("street"), lacking=404, allowed_role=STREET),
}


# Committee meetings and resolutions (M2)


def meeting(s):
    record = actions.committee_meeting_create(
        actor=None,
        committee=s.tree.committee,
        kind="regular",
        date=datetime.date(2026, 11, 5),
        start_time=datetime.time(15),
        place="会议室",
        agenda="学习文件\n研究共建项目",
    )
    return {"pk": record.pk}


ROWS.update(
    {
        "meetings:committee_meetings": Row(on("committee"), lacking=200),
        "meetings:committee_meeting_create": Row(on("committee")),
        "meetings:committee_meeting": Row(meeting, lacking=200),
        "meetings:committee_attendance": Row(meeting, **POSTED),
        "meetings:resolution_create": Row(meeting),
        "meetings:resolutions": Row(on("committee"), lacking=200),
    }
)
