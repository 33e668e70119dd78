"""The small demo district, built entirely through organizations.actions.

1 district, 2 streets, 4 communities; each community has a fully formed committee of 10
(all C-rules hold), 2–3 grids with a secretary and a grid leader, 2–3 buildings per grid with
a group leader heading a party-member household, ordinary households, service recipients,
3–5 member units and 30–36 party members. Then one login per role (see logins.py).
"""

from __future__ import annotations

import datetime
import itertools
import random
from dataclasses import dataclass, field

from django.db import transaction

from meetings import demo as meetings_demo
from organizations import actions, rules
from organizations.models import (
    MemberCategory,
    OrgNode,
    PartyMember,
    PostKind,
    PostSource,
    RecipientKind,
    Role,
)
from services import demo as services_demo

from . import logins, people, places

DISTRICT_NAME = "示范区委组织部"
REGION = "330106"  # the region digits of the demo's ID numbers
FOUNDED = datetime.date(2026, 1, 15)
NEEDS = {
    RecipientKind.ELDERLY: "独居，每周上门探访、代购生活用品",
    RecipientKind.MINOR: "父母在外务工，课后辅导作业",
    RecipientKind.PREGNANT: "孕晚期，需陪同产检",
    RecipientKind.DISABLED: "肢体残疾，需康复训练和送餐",
    RecipientKind.HARDSHIP: "失业家庭，需就业推荐和技能培训",
    RecipientKind.ENTITLED: "退役军人，节日走访慰问",
}


def find() -> OrgNode | None:
    return OrgNode.objects.filter(parent__isnull=True, name=DISTRICT_NAME).first()


@dataclass
class Community:
    """What one community's build made, for the posts and logins that follow."""

    node: OrgNode
    first: bool  # the community whose people get the demo logins
    units: list = field(default_factory=list)
    grids: list = field(default_factory=list)  # [(grid, [(building, household_node)])]
    members: list = field(default_factory=list)
    secretary: PartyMember | None = None
    fulltime_member: PartyMember | None = None


class Builder:
    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)
        self.serial = itertools.count(1)
        self.decision = itertools.count(1)

    # -- the whole district --------------------------------------------------------------

    @transaction.atomic
    def build(self) -> OrgNode:
        district = self.node(None, DISTRICT_NAME)
        communities = []
        for s in range(2):
            street = self.node(district, places.street_name(s))
            for c in range(2):
                index = s * 2 + c
                name = places.community_name(s, c, 2)
                communities.append(self.community(street, name, index))
        self.logins(district, communities[0])
        services_demo.seed(communities[0].node)
        meetings_demo.seed([c.node for c in communities])
        return district

    def node(self, parent, name, **fields) -> OrgNode:
        kind = rules.DISTRICT if parent is None else parent.kind + 1
        return actions.node_create(actor=None, parent=parent, kind=kind, name=name, **fields)

    # -- one community -------------------------------------------------------------------

    def community(self, street, name, index: int) -> Community:
        place = name.removesuffix("社区大党委")
        c = Community(self.node(street, name), first=index == 0)
        for n in range(index * 5, index * 5 + 3 + index % 3):
            fields = places.unit_fields(self.rng, place, n, people.phone(900 + n))
            unit = actions.unit_create(
                actor=None, committee=c.node, linked_on=fields["registered_on"], **fields
            )
            c.units.append(unit)
        road = places.ROADS[index]
        for g in range(3 - index % 2):
            grid = self.node(
                c.node, f"{place}第{g + 1}网格", boundary=f"{road}{g * 20 + 1}—{g * 20 + 19}号"
            )
            buildings = []
            for b in range(2 + (g + index) % 2):
                number = g * 10 + b + 1
                address = f"{road}{g * 20 + b * 2 + 1}号{number}幢"
                building = self.node(grid, f"{place}{number}号楼", address=address)
                home = self.node(building, f"{number}号楼101党员中心户", address=f"{address}101室")
                buildings.append((building, home))
                self.households(building, address)
            c.grids.append((grid, buildings))
            self.recipients(grid, g)
        self.committee(c)
        self.grid_posts(c)
        self.ordinary_members(c, total=30 + 2 * index)
        return c

    def member(self, c: Community, home, category=None, **extra) -> PartyMember:
        fields = people.member_fields(self.rng, REGION, next(self.serial), category)
        if fields["category"] == MemberCategory.IN_SERVICE and "workplace" not in extra:
            extra["workplace"] = self.rng.choice(c.units)
        member = actions.member_create(actor=None, node=home, **fields, **extra)
        c.members.append(member)
        return member

    def households(self, building, address):
        for floor in (2, 3):
            actions.household_create(
                actor=None,
                node=building,
                address=f"{address}{floor}01室",
                head_name=people.name(self.rng, self.rng.choice("MF")),
                people_count=self.rng.randint(1, 5),
            )

    def recipients(self, grid, g: int):
        kinds = list(RecipientKind)
        for kind in (kinds[(g * 3 + i) % len(kinds)] for i in range(3)):
            actions.recipient_create(
                actor=None,
                node=grid,
                name=people.name(self.rng, self.rng.choice("MF")),
                kind=kind,
                needs=NEEDS[kind],
            )

    # -- posts -----------------------------------------------------------------------------

    def post(self, node, person, kind, source=PostSource.APPOINTED, **extra):
        return actions.post_start(
            actor=None,
            node=node,
            person=person,
            kind=kind,
            source=source,
            started_on=FOUNDED,
            decision_ref=f"示组〔2026〕{next(self.decision)}号",
            **extra,
        )

    def committee(self, c: Community):
        """Ten members: secretary, 1 full-time + 2 part-time deputies, 2 + 4 members (C1–C9)."""
        home = c.grids[0][1][0][0]
        direct, elected = PostSource.DIRECT, PostSource.ELECTED
        secretary = self.member(c, home, MemberCategory.RESIDENT)
        deputy = self.member(c, home, MemberCategory.RESIDENT)
        c.secretary = secretary
        if c.first:  # a login before the post, so the post grants the secretary's role
            secretary = self.login_for(secretary, "secretary")
        self.post(c.node, secretary, PostKind.SECRETARY, direct, concurrent_branch_post=True)
        self.post(c.node, deputy, PostKind.OFFICE_HEAD, direct)  # C5: first the office
        self.post(c.node, deputy, PostKind.FULLTIME_DEPUTY, direct, concurrent_branch_post=True)
        for i, unit in enumerate(itertools.islice(itertools.cycle(c.units), 6)):
            person = self.member(c, home, MemberCategory.IN_SERVICE, workplace=unit)
            kind = PostKind.PARTTIME_DEPUTY if i < 2 else PostKind.PARTTIME_MEMBER
            self.post(c.node, person, kind, elected)
        for _ in range(2):
            person = self.member(c, home, MemberCategory.RESIDENT)
            self.post(c.node, person, PostKind.FULLTIME_MEMBER, direct)
        c.fulltime_member = person

    def grid_posts(self, c: Community):
        """C7: a grid leader and a secretary per grid; C8: a household head leads each building."""
        for g, (grid, buildings) in enumerate(c.grids):
            leader = self.member(c, buildings[0][0], MemberCategory.RESIDENT)
            self.post(grid, leader, PostKind.GRID_LEADER)
            secretary = c.fulltime_member if g == 0 else leader
            if g == 1 and c.first:
                secretary = self.login_for(secretary, "grid")
            self.post(grid, secretary, PostKind.GRID_SECRETARY)
            for building, home in buildings:
                head = self.member(c, home)
                self.post(home, head, PostKind.HOUSEHOLD_HEAD)
                self.post(building, head, PostKind.GROUP_LEADER)

    def ordinary_members(self, c: Community, total: int):
        homes = [b for _, buildings in c.grids for b, _ in buildings]
        in_service = sum(1 for m in c.members if m.category == MemberCategory.IN_SERVICE)
        while len(c.members) < total:
            category = MemberCategory.IN_SERVICE if in_service < 12 else None
            member = self.member(c, self.rng.choice(homes), category)
            in_service += member.category == MemberCategory.IN_SERVICE

    # -- logins ----------------------------------------------------------------------------

    def login_for(self, member, username):
        # Reloaded: the home node held since its creation has stale tree fields, and the
        # action finds the member's committee through the home's ancestors.
        member = PartyMember.objects.select_related("node").get(pk=member.pk)
        actions.member_login_create(
            actor=None, member=member, username=username, password=logins.PASSWORD
        )
        return member  # with its user, for the posts that follow to grant their roles

    def logins(self, district, first: Community):
        """District and street staff, community office and unit contact get a role directly;
        the secretary, grid secretary and party member log in as the party members they are."""
        street = first.node.parent
        grants = [
            ("district", "区委组织部 组织科", district, Role.DISTRICT_STAFF, None),
            ("street", f"{street.name} 党建办", street, Role.STREET_STAFF, None),
            ("office", "社区办公室 干事", first.node, Role.COMMUNITY_OFFICE, None),
            ("unit", first.units[0].contact_name, first.node, Role.UNIT_CONTACT, first.units[0]),
        ]
        for username, full_name, node, role, unit in grants:
            user = logins.staff_user(username, full_name)
            actions.role_grant(actor=None, user=user, node=node, role=role, unit=unit)
        ordinary = next(m for m in reversed(first.members) if not m.user_id)
        self.login_for(ordinary, "member")
