"""Permission-matrix rows for leaving by the route of 二(六)."""

import datetime

from elections.models import Removal
from organizations import actions as org_actions
from organizations.models import PostKind, PostSource
from tests.factories import MemberFactory
from tests.matrix import Row


def part_time_post(s):
    post = org_actions.post_start(
        actor=None,
        node=s.tree.committee,
        person=MemberFactory(node=s.tree.building),
        kind=PostKind.PARTTIME_MEMBER,
        source=PostSource.ELECTED,
        started_on=datetime.date(2024, 1, 1),
    )
    return post


def removal(s):
    # The notice's file is not read on this page; the row needs only the record.
    record = Removal.objects.create(
        post=part_time_post(s),
        notice="removal-notices/notice.pdf",
        notice_on=datetime.date(2026, 11, 1),
        reason="工作调动",
    )
    return {"pk": record.pk}


ROWS = {
    "elections:removal_start": Row(lambda s: {"pk": part_time_post(s).pk}),
    "elections:removal_decide": Row(removal),
}
