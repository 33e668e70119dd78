"""Helpers of the meeting tests."""

import datetime

from meetings import actions
from meetings.models import Resolution


def theme_day(committee, date=datetime.date(2026, 11, 10), **fields):
    values = {
        "topic": "学习党的二十届四中全会精神",
        "form": "lecture",
        "date": date,
        "start_time": datetime.time(9, 0),
        "place": "社区党群服务中心",
    }
    values.update(fields)
    return actions.theme_day_create(actor=None, committee=committee, **values)


def resolution(committee, *, adopted=True, number=None, title="关于同意兼职委员退出的决议"):
    """A resolution (adopted unless said) of an ad hoc committee meeting of `committee`; its
    number is unique per meeting unless given."""
    meeting = actions.committee_meeting_create(
        actor=None,
        committee=committee,
        kind="adhoc",
        date=datetime.date(2026, 11, 4),
        start_time=datetime.time(15),
        place="会议室",
        agenda="研究委员退出",
    )
    return Resolution.objects.create(
        meeting=meeting,
        number=number or f"2026-{meeting.pk}",
        title=title,
        text="同意",
        votes_for=9,
        votes_against=0,
        votes_abstain=0,
        adopted=adopted,
    )
