"""Demo data of co-building, funds and volunteer service for the first demo community.

Called once from organizations.demo.small.Builder.build(), through the actions, so the demo's
audit log shows them too. Fictitious names and amounts.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from organizations.models import MemberCategory, OrgNode, PartyMember

from . import actions, selectors

YEAR = 2026


def seed(committee: OrgNode) -> None:
    committee = OrgNode.objects.get(pk=committee.pk)  # fresh tree fields
    units = list(selectors.units_of(committee)[:3])
    for i, unit in enumerate(units[:2]):
        actions.unit_register(
            actor=None,
            unit=unit,
            committee=committee,
            registered_on=datetime.date(YEAR, 2, 10 + i),
        )
        actions.commitment_create(
            actor=None,
            committee=committee,
            unit=unit,
            year=YEAR,
            direction="from_unit",
            kind="venue",
            description="向居民开放职工活动室和会议室",
            opening_hours="每周六 9:00-17:00",
        )
        actions.commitment_create(
            actor=None,
            committee=committee,
            unit=unit,
            year=YEAR,
            direction="to_unit",
            kind="service",
            description="为单位职工子女提供暑期托管",
        )
        agreement = actions.agreement_create(
            actor=None,
            committee=committee,
            unit=unit,
            year=YEAR,
            goals="资源共享、优势互补、共驻共建\n全年联合开展主题党日活动不少于4次",
            community_tasks="为单位职工提供便民服务\n协调解决单位在社区遇到的问题",
            unit_tasks="开放活动场地\n每月组织党员志愿服务一次\n资助社区困难群众帮扶",
        )
        for title, month, progress in (("楼道微改造", 6, 100), ("老年食堂助餐", 12, 40)):
            project = actions.project_add(
                actor=None,
                agreement=agreement,
                title=title,
                owner=unit.contact_name or "单位联络人",
                deadline=datetime.date(YEAR, month, 28),
            )
            actions.project_progress(actor=None, project=project, progress=progress)
        actions.agreement_sign(
            actor=None, agreement=agreement, signed_on=datetime.date(YEAR, 3, 1 + i)
        )
    actions.income_add(
        actor=None,
        committee=committee,
        amount_fen=500000,
        source="党费补助",
        received_on=datetime.date(YEAR, 4, 1),
    )
    for purpose, amount, approve in (
        ("七一主题党日活动物资", 180000, True),
        ("走访慰问困难党员", 260000, True),
        ("志愿服务队服装", 95000, None),
    ):
        spend = actions.spend_record(
            actor=None,
            committee=committee,
            amount_fen=amount,
            purpose=purpose,
            spent_on=datetime.date(YEAR, 7, 1),
            activity="七月主题党日",
        )
        if approve is not None:
            actions.spend_decide(actor=None, spend=spend, approve=approve)
    opening = actions.opening_create(
        actor=None,
        committee=committee,
        kind="post",
        title="楼道文明劝导岗",
        place="各网格",
        schedule="每周六上午",
    )
    actions.opening_create(
        actor=None, committee=committee, kind="project", title="老年食堂助餐志愿服务"
    )
    in_service = PartyMember.objects.filter(
        category=MemberCategory.IN_SERVICE,
        node__tree_id=committee.tree_id,
        node__lft__gt=committee.lft,
        node__rght__lt=committee.rght,
        posts__isnull=True,
    ).order_by("pk")[:3]
    for member in in_service:
        actions.dual_register(
            actor=None,
            member=member,
            committee=committee,
            basis="home",
            registered_on=datetime.date(YEAR, 3, 15),
        )
        actions.signup_create(actor=None, opening=opening, member=member, mode="directed")
        grid = selectors.service_places(member).exclude(pk=committee.pk).first() or committee
        actions.record_create(
            actor=None,
            member=member,
            node=grid,
            served_on=datetime.date(YEAR, 5, 9),
            hours=Decimal("2.5"),
            description="劝导楼道堆物，清理小广告",
            opening=opening,
        )
