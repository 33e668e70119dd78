"""Permission-matrix rows for joint meetings, visits (M4) and training of grid staff (M5)."""

import datetime

from meetings import joint
from tests.matrix import REDIRECT, Row, on

DAY = datetime.date(2026, 3, 10)
POSTED = {"method": "post", "allowed": REDIRECT}


def joint_meeting(s):
    record = joint.joint_meeting_create(
        actor=None,
        committee=s.tree.committee,
        date=DAY,
        place="社区党群服务中心",
        topic="共驻共建项目对接",
        agenda="通报需求清单\n认领项目",
        units=[s.unit],
    )
    return {"pk": record.pk}


def visit(s):
    record = joint.visit_record(
        actor=None,
        committee=s.tree.committee,
        unit=s.unit,
        date=DAY,
        visitors="王书记",
        purpose="了解共建需求",
    )
    return {"pk": record.pk}


def training(s):
    record = joint.training_create(
        actor=None,
        committee=s.tree.committee,
        date=DAY,
        topic="网格员业务培训",
        trainer="街道党工委",
        place="社区党群服务中心",
        trainees=[s.member],
    )
    return {"pk": record.pk}


ROWS = {
    "meetings:joint_meetings": Row(on("committee"), lacking=200),
    "meetings:joint_meeting_create": Row(on("committee")),
    "meetings:joint_meeting": Row(joint_meeting, lacking=200),
    "meetings:joint_meeting_record": Row(joint_meeting),
    "meetings:visits": Row(on("committee"), lacking=200),
    "meetings:visit_create": Row(on("committee")),
    "meetings:visit": Row(visit, lacking=200),
    "meetings:trainings": Row(on("committee"), lacking=200),
    "meetings:training_create": Row(on("committee")),
    "meetings:training": Row(training, lacking=200),
    "meetings:training_attendance": Row(training, **POSTED),
}
