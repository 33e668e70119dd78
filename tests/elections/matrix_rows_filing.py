"""Permission-matrix rows of filing, inboxes and the election's PDFs; and the builders they use.

`counted`, `filed`, `recorded`, `founded` take the organisation tree and run an election
through the actions to that stage (the page tests use them too).
"""

from __future__ import annotations

import datetime
import math

from django.utils import timezone

from elections import actions
from elections.models import Basis, Category, Filing, TellerRole
from organizations.models import OrgNode, PartyMember, Role
from tests.elections.builders import build_scene, to_publicity
from tests.factories import UserFactory
from tests.matrix import Row

FOUNDED_ON = datetime.date(2026, 12, 1)


def _to_meeting(s):
    """builders.to_meeting, with as many representatives as the community's size needs (R2):
    the organisation pages' scene adds a member to the building, so 20 % of 51 is 11."""
    to_publicity(s)
    actions.publicity_publish(
        actor=None,
        election=s.election,
        starts_on=timezone.localdate() - datetime.timedelta(days=8),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
        meeting_at=timezone.now(),
        meeting_place="社区党群服务中心",
    )
    c = OrgNode.objects.get(pk=s.tree.committee.pk)  # fresh MPTT bounds
    total = PartyMember.objects.filter(
        node__tree_id=c.tree_id, node__lft__gt=c.lft, node__rght__lt=c.rght
    ).count()
    needed = max(10, math.ceil(total * 20 / 100))
    actions.representatives_set(actor=None, election=s.election, people=s.members[15 : 15 + needed])
    for p in s.members[27:29]:
        actions.roll_add(actor=None, election=s.election, person=p, basis=Basis.UNIT_SECRETARY)
    s.chief, s.second = UserFactory(), UserFactory()
    actions.tellers_set(
        actor=None,
        election=s.election,
        tellers=[
            (s.members[40], TellerRole.CHIEF_SCRUTINEER, s.chief),
            (s.members[41], TellerRole.COUNTER, s.second),
        ],
    )
    for entry in s.election.roll.all():
        actions.check_in(actor=None, entry=entry)
    return s


def opened(tree):
    s = _to_meeting(build_scene(tree))
    s.rounds = {r.category: r for r in actions.meeting_open(actor=None, election=s.election)}
    return s


def kiosk_votes(s, round_, marks):
    for entry in s.election.roll.filter(checked_in=True):
        code = actions.vote_code_issue(actor=None, round_=round_, entry=entry)
        actions.vote_cast(round_id=round_.pk, code=code, marks=[str(m.pk) for m in marks])


def counted(tree):
    """Everyone votes the first two deputies and the first three members; both signed off."""
    s = opened(tree)
    for category, marks in (
        (Category.PARTTIME_DEPUTY, s.deputies[:2]),
        (Category.MEMBER, s.candidates[:3]),
    ):
        round_ = s.rounds[category]
        kiosk_votes(s, round_, marks)
        actions.round_close(actor=None, round_=round_)
        actions.round_sign_off(actor=s.chief, round_=round_)
    s.election.refresh_from_db()
    return s


def filed(tree):
    s = counted(tree)
    s.filing = actions.result_file(actor=None, election=s.election)
    return s


def recorded(tree):
    s = filed(tree)
    actions.filing_decide(actor=None, filing=s.filing, approve=True)
    s.district_filing = Filing.objects.get(election=s.election, addressee=tree.district)
    actions.filing_decide(actor=None, filing=s.district_filing, approve=True)
    s.election.refresh_from_db()
    return s


def founded(tree):
    s = recorded(tree)
    s.posts = actions.founding_record(actor=None, election=s.election, held_on=FOUNDED_ON)
    s.election.refresh_from_db()
    return s


def _election(builder):
    return lambda scene: {"pk": builder(scene.tree).election.pk}


def _round(scene):
    return {"pk": opened(scene.tree).rounds[Category.MEMBER].pk}


def _signed_off_round(scene):
    return {"pk": counted(scene.tree).rounds[Category.MEMBER].pk}


def _filing(scene):
    return {"pk": filed(scene.tree).filing.pk}


STREET = (Role.STREET_STAFF, "street")

ROWS: dict[str, Row] = {
    # The secretary's side: PDFs of the meeting, filing the result, the founding meeting
    "elections:ballots_pdf": Row(_round),
    "elections:tally_sheet_pdf": Row(_signed_off_round),
    "elections:election_filing": Row(_election(counted)),
    "elections:result_file": Row(_election(counted)),
    "elections:result_report_pdf": Row(_election(filed)),
    "elections:founding_record": Row(_election(recorded)),
    "elections:letters_pdf": Row(_election(founded)),
    # The street's (and district's) side: a community's party member cannot see the street
    "elections:inbox": Row(lambda s: {"pk": s.tree.street.pk}, lacking=404, allowed_role=STREET),
    "elections:filing": Row(_filing, lacking=404, allowed_role=STREET),
    "elections:filing_report_pdf": Row(_filing, lacking=404, allowed_role=STREET),
}
