"""A1: the "meetings" part of a unit's score is its joint-meeting attendance rate (M4)."""

import datetime

import pytest

from meetings import joint
from services import selectors
from tests.services import builders
from tests.services.builders import YEAR

pytestmark = pytest.mark.django_db
HELD = datetime.date(YEAR, 3, 10)


def joint_meeting(committee, units):
    return joint.joint_meeting_create(
        actor=None,
        committee=committee,
        date=HELD,
        place="社区党群服务中心",
        topic="共驻共建项目对接",
        agenda="认领项目",
        units=units,
    )


def attend(meeting, units):
    attendance = {i.pk: (i.unit in units, "", []) for i in meeting.invitations.all()}
    joint.joint_meeting_record(
        actor=None, meeting=meeting, minutes="", resolutions="", attendance=attendance
    )


def test_the_meetings_part_follows_the_attendance_rate(scene):
    committee, unit = scene.tree.committee, scene.unit
    school = builders.unit(committee, "市第一中学党总支")
    idle = builders.unit(committee, "区税务局党组")
    first, second = (
        joint_meeting(committee, [unit, school]),
        joint_meeting(committee, [unit, school]),
    )
    attend(first, [unit, school])
    attend(second, [unit])
    scores = {row["unit"].pk: row["score"] for row in selectors.assessment(committee, YEAR)}
    assert scores[unit.pk]["parts"]["meetings"] == (10, 10)  # all attended
    assert scores[school.pk]["parts"]["meetings"] == (5, 10)  # half
    assert "meetings" not in scores[idle.pk]["parts"]  # invited to none: not measured
    assert "meetings" not in selectors.assessment(committee, YEAR - 1)[0]["score"]["parts"]
