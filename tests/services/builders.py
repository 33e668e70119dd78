"""Records of co-building and funds for the tests and the permission matrix."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from organizations import actions as org_actions
from organizations.models import UnitKind
from services import actions

YEAR = 2026
DAY = datetime.date(2026, 3, 1)
PDF = b"%PDF-1.4\n%test\n"


def pdf_upload(name="scan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def unit(committee, name="区供电公司党委"):
    return org_actions.unit_create(
        actor=None,
        committee=committee,
        linked_on=DAY,
        name=name,
        kind=UnitKind.STATE_ENTERPRISE,
        superior="区国资委",
    )


def commitment(committee, member_unit, evidence=True):
    c = actions.commitment_create(
        actor=None,
        committee=committee,
        unit=member_unit,
        year=YEAR,
        direction="from_unit",
        kind="venue",
        description="开放职工活动室",
        opening_hours="周六 9:00-17:00",
    )
    if evidence:
        c = actions.commitment_fulfil(
            actor=None, commitment=c, status="fulfilled", evidence=pdf_upload("evidence.pdf")
        )
    return c


def agreement(committee, member_unit, signed=True, projects=1):
    a = actions.agreement_create(
        actor=None,
        committee=committee,
        unit=member_unit,
        year=YEAR,
        goals="资源共享\n优势互补",
        community_tasks="为单位职工提供子女托管服务",
        unit_tasks="开放职工活动室\n组织志愿者每月服务一次",
    )
    for i in range(projects):
        actions.project_add(
            actor=None,
            agreement=a,
            title=f"共建项目{i + 1}",
            owner="王强",
            deadline=datetime.date(YEAR, 12, 1),
        )
    if signed:
        a = actions.agreement_sign(
            actor=None, agreement=a, signed_on=DAY, signed_scan=pdf_upload("signed.pdf")
        )
    return a


def spend(committee, amount_fen=50000, receipt=True):
    return actions.spend_record(
        actor=None,
        committee=committee,
        amount_fen=amount_fen,
        purpose="主题党日活动物资",
        spent_on=DAY,
        activity="三月主题党日",
        receipt=pdf_upload("receipt.pdf") if receipt else None,
    )
