"""Demo theme party days, so the compliance board of `make demo` is not empty.

Called once from organizations.demo.small.Builder.build(), through the actions. Each community
has one a month this year up to the last month, with a gap here and there; fictitious topics.
The first community also has this year's annual representatives' meeting, rating open.
"""

from __future__ import annotations

import datetime

from organizations.models import OrgNode

from . import actions
from .models import Form

TOPICS = [
    ("学习贯彻党的二十届四中全会精神", Form.PARTY_LECTURE),
    ("“我为群众办实事”座谈会", Form.DISCUSSION),
    ("参观革命历史纪念馆", Form.STUDY_VISIT),
    ("走访辖区单位听取意见", Form.FIELD_RESEARCH),
    ("清理楼道堆物义务劳动", Form.VOLUNTARY_LABOUR),
    ("走访慰问困难党员", Form.VISITING_MEMBERS),
]


def seed(committees: list[OrgNode], today: datetime.date | None = None) -> None:
    today = today or datetime.date.today()
    for index, committee in enumerate(committees):
        committee = OrgNode.objects.get(pk=committee.pk)  # fresh tree fields
        for month in range(1, today.month + 1):
            if (month + index) % 5 == 0 and month < today.month:
                continue  # a missing month on the board
            topic, form = TOPICS[(month + index) % len(TOPICS)]
            day = datetime.date(today.year, month, min(10 + index * 5, 28))
            record = actions.theme_day_create(
                actor=None,
                committee=committee,
                topic=topic,
                form=form,
                date=day,
                start_time=datetime.time(9, 0),
                place="社区党群服务中心",
            )
            if day < today:
                actions.theme_day_mark_held(actor=None, theme_day=record)
                actions.theme_day_update(
                    actor=None, theme_day=record, minutes=f"{topic}。党员交流了学习体会。"
                )
                actions.theme_day_close(actor=None, theme_day=record)
    if committees:
        seed_annual(committees[0], today)


def seed_annual(committee: OrgNode, today: datetime.date) -> None:
    """This year's annual meeting of the first community, rating open: the demo party member
    with a login is among the representatives and can try the ballot."""
    from . import annual, selectors

    committee = OrgNode.objects.get(pk=committee.pk)
    meeting = annual.annual_meeting_schedule(
        actor=None,
        committee=committee,
        year=today.year,
        date=today,
        start_time=datetime.time(14, 30),
        place="社区党群服务中心",
    )
    annual.annual_meeting_update(
        actor=None,
        meeting=meeting,
        work_report="一年来，社区大党委坚持每月开展主题党日，推进共驻共建项目，办好居民身边的小事。",
    )
    for officer in meeting.officers.all():
        annual.officer_report_update(
            actor=None, officer=officer, report="本人认真履行职责，带头参加主题党日和志愿服务。"
        )
    members = selectors.community_members(committee)
    representatives = [*members.filter(user__isnull=False), *members.filter(user__isnull=True)]
    annual.representatives_set(actor=None, meeting=meeting, members=representatives[:12])
    if meeting.officers.exists():
        annual.rating_open(actor=None, meeting=meeting)
