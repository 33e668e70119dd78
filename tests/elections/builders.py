"""Builders of an election at each stage, through the actions as a secretary would.

Used by the election tests (the `scene` fixture) and by the permission-matrix rows.
"""

import datetime

from django.utils import timezone

from elections import actions, rules
from elections.actions._common import _community_members
from elections.models import Background, Basis, Category, Route, TellerRole
from organizations import actions as org_actions
from organizations.models import MemberCategory, PostKind
from tests.factories import MemberFactory, UnitFactory, UserFactory

TODAY = datetime.date(2026, 11, 26)


class Scene:
    """What the election tests need: the community, its people, the election, the tellers."""


def build_scene(tree) -> Scene:
    """A community of 50 members (30 in service at a linked unit) with an election opened."""
    s = Scene()
    s.tree = tree
    s.unit = UnitFactory()
    org_actions.unit_link(actor=None, unit=s.unit, committee=tree.committee, linked_on=TODAY)
    # 50 members: 20 % is 10 representatives, of whom 10 must be in service.
    s.members = [
        MemberFactory(node=tree.building, category=MemberCategory.IN_SERVICE, workplace=s.unit)
        for _ in range(30)
    ] + [MemberFactory(node=tree.building) for _ in range(20)]
    s.election = actions.election_create(actor=None, committee=tree.committee, term="2026—2031")
    return s


def to_nomination(s, seats=None):
    seats = seats or {Category.PARTTIME_DEPUTY: 2, Category.MEMBER: 3}
    actions.direct_entry_add(
        actor=None,
        election=s.election,
        person=s.members[0],
        branch_post="社区党总支书记",
        post_kind=PostKind.SECRETARY,
    )
    actions.direct_entries_confirm(actor=None, election=s.election)
    actions.seats_publish(actor=None, election=s.election, seats=seats)
    s.election.refresh_from_db()
    return s


def nominate(s, category, people):
    return [
        actions.nomination_submit(
            actor=None,
            election=s.election,
            category=category,
            nominee=p,
            route=Route.SELF,
            background=Background.UNIT_LEADER,
        )
        for p in people
    ]


def to_publicity(s):
    """Seats 2 + 3; 4 and 6 qualified nominees (exactly 2:1)."""
    to_nomination(s)
    s.deputies = nominate(s, Category.PARTTIME_DEPUTY, s.members[1:5])
    s.candidates = nominate(s, Category.MEMBER, s.members[5:11])
    actions.nominations_close(actor=None, election=s.election)
    for n in s.deputies + s.candidates:
        actions.nomination_review(actor=None, nomination=n, qualified=True)
    actions.review_close(actor=None, election=s.election)
    return s


def to_meeting(s, present=None):
    """Publicity over yesterday; 10 representatives, 2 unit leaders; tellers; everyone checks in."""
    to_publicity(s)
    actions.publicity_publish(
        actor=None,
        election=s.election,
        starts_on=timezone.localdate() - datetime.timedelta(days=8),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
        meeting_at=timezone.now(),
        meeting_place="社区党群服务中心",
    )
    # R2 on however many members the community has (the organisations scene adds some).
    needed = max(rules.representatives_needed(_members_of(s)), 10)
    actions.representatives_set(actor=None, election=s.election, people=s.members[15 : 15 + needed])
    for p in s.members[27:29]:  # after the representatives: nobody is on the roll twice
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
    # The direct entrant joins the roll when the meeting opens; check everyone in.
    entries = list(s.election.roll.all())
    for entry in entries[: present if present is not None else len(entries)]:
        actions.check_in(actor=None, entry=entry)
    return s


def _members_of(s) -> int:
    return _community_members(s.election).count()
