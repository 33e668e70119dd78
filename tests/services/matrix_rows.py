"""Permission-matrix rows of co-building and funds (services)."""

from organizations.models import Role
from services import actions
from services.models import ServiceRecord
from tests.matrix import EVERYONE, NOT_SCOPED, Row, obj, on
from tests.services import builders

OFFICE = (Role.COMMUNITY_OFFICE, "committee")
GRID = (Role.GRID_SECRETARY, "grid")


def _agreement(s):
    return {"pk": builders.agreement(s.tree.committee, s.unit).pk}


def _project(s):
    return {"pk": builders.agreement(s.tree.committee, s.unit).projects.get().pk}


def _commitment(s):
    return {"pk": builders.commitment(s.tree.committee, s.unit).pk}


def _opening(s):
    opening = actions.opening_create(
        actor=None, committee=s.tree.committee, kind="post", title="楼道清洁"
    )
    return {"pk": opening.pk}


def _record(s):
    """A record of s.member's service at the grid, awaiting the grid secretary."""
    record = ServiceRecord.objects.create(
        member=s.member,
        node=s.tree.grid,
        served_on=builders.DAY,
        hours=2,
        description="清理楼道",
    )
    return {"pk": record.pk}


def _spend(s):
    return {"pk": builders.spend(s.tree.committee).pk}


ROWS = {
    "services:overview": Row(on("committee")),
    # The unit's own contact or the office registers; a party member of the community may not.
    "services:unit_register": Row(obj("unit"), allowed_role=OFFICE),
    "services:commitment_list": Row(on("committee")),
    "services:commitment_create": Row(on("committee"), allowed_role=OFFICE),
    # The unit's own contact records its commitments; so may the office of a linked committee.
    "services:unit_commitment_create": Row(obj("unit"), allowed_role=OFFICE),
    "services:commitment_fulfil": Row(_commitment, allowed_role=OFFICE),
    "services:commitment_evidence": Row(_commitment),
    "services:agreement_list": Row(on("committee")),
    "services:agreement_create": Row(on("committee"), allowed_role=OFFICE),
    "services:agreement": Row(_agreement),
    "services:agreement_sign": Row(_agreement, allowed_role=OFFICE),
    "services:project_add": Row(_agreement, allowed_role=OFFICE),
    "services:agreement_scan": Row(_agreement),
    "services:agreement_pdf": Row(_agreement),
    "services:project_progress": Row(_project, allowed_role=OFFICE),
    "services:funds": Row(on("committee"), allowed_role=OFFICE),
    "services:income_add": Row(on("committee"), allowed_role=OFFICE),
    "services:spend_add": Row(on("committee"), allowed_role=OFFICE),
    "services:ledger_xlsx": Row(on("committee"), allowed_role=OFFICE),
    "services:ledger_pdf": Row(on("committee"), allowed_role=OFFICE),
    # Recorded by the office, approved by the secretary.
    "services:spend_decide": Row(_spend),
    "services:spend_receipt": Row(_spend, allowed_role=OFFICE),
    # S4: a member's own page (any login; without a member record it says so).
    "services:my_registration": Row(**NOT_SCOPED),
    "services:dual_coverage": Row(on("committee")),
    # S5: members browse openings and sign up; grid secretaries confirm hours.
    "services:opening_list": Row(on("committee"), lacking=200),
    "services:opening_create": Row(on("committee"), allowed_role=OFFICE),
    "services:opening_signup": Row(_opening, lacking=200),
    "services:record_list": Row(on("grid"), allowed_role=GRID),
    "services:record_confirm": Row(_record, allowed_role=GRID),
    "services:my_service": Row(**NOT_SCOPED),
    # Without a member record there is no summary of one's own.
    "services:my_summary_pdf": Row(outsider=404, lacking=404, allowed=404),
    "services:my_summary_xlsx": Row(outsider=404, lacking=404, allowed=404),
    "services:member_summary_pdf": Row(obj("member")),
    "services:member_summary_xlsx": Row(obj("member")),
    # A1
    "services:assessment": Row(on("committee")),
    "services:unit_report_pdf": Row(lambda s: {"pk": s.tree.committee.pk, "unit_pk": s.unit.pk}),
    "services:commendation_create": Row(on("committee"), allowed_role=OFFICE),
    "services:public_agreements": Row(
        lambda s: {"public_id": s.tree.committee.public_id}, **EVERYONE
    ),
}
