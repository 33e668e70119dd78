"""Helpers of the meeting tests."""

import datetime

from meetings import actions


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
