"""The district-scale demo: a whole district's data in bulk inserts, for load and speed checks.

Its own tree (a second district, DISTRICT_NAME) next to the small demo. The tree goes in
through actions.tree_bulk_create (django-mptt's build_tree_nodes, one bulk INSERT run);
the people, units, households and posts around it through bulk_create. Committees, grids
and buildings are staffed like the small demo's, so their C-rule verdicts hold too.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.db import transaction

from organizations import actions, rules
from organizations import counts as subtree_counts
from organizations.models import (
    Household,
    MemberCategory,
    MemberUnit,
    OrgNode,
    PartyMember,
    Post,
    PostKind,
    PostSource,
    RecipientKind,
    ServiceRecipient,
    UnitLink,
)

from . import people, places

DISTRICT_NAME = "规模演示区委组织部"
REGION = "330110"
STARTED = datetime.date(2026, 1, 15)
BATCH = 2000


@dataclass(frozen=True)
class Scale:
    """How much to build; every number but `streets` is per parent."""

    streets: int = 10
    communities: int = 10  # per street
    grids: int = 10  # per community
    buildings: int = 10  # per grid; each with one party-member household node
    members: int = 500  # per community
    units: int = 10  # per community
    households: int = 2  # per building
    recipients: int = 3  # per grid


DISTRICT = Scale()


def find(name: str = DISTRICT_NAME) -> OrgNode | None:
    return OrgNode.objects.filter(parent__isnull=True, name=name).first()


@transaction.atomic
def build(scale: Scale = DISTRICT, name: str = DISTRICT_NAME, seed: int = 7) -> dict:
    """Build the district; returns the counts it wrote (also kept in one audit event)."""
    holders = 10 + scale.grids * (1 + scale.buildings)
    if scale.members < holders:
        raise ValueError(f"{scale.members} members per community cannot fill {holders} posts")
    rng = random.Random(seed)
    nodes = actions.tree_bulk_create(actor=None, tree=_tree(scale, name), batch_size=BATCH)
    children = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    communities = [n for n in nodes if n.kind == rules.COMMITTEE]
    units = _units(rng, scale, communities)
    staffing = _Staffing(rng, children, units)
    # ID numbers follow a serial: start after the members earlier builds gave this region.
    staffing.serial = PartyMember.objects.filter(resident_id__startswith=REGION).count()
    members, posts = staffing.run(communities, scale.members)
    households = _households(rng, scale, nodes)
    recipients = _recipients(rng, scale, nodes)
    counts = {
        "nodes": len(nodes),
        "communities": len(communities),
        "units": sum(len(group) for group in units.values()),
        "unit_links": UnitLink.objects.filter(committee__tree_id=nodes[0].tree_id).count(),
        "members": members,
        "posts": posts,
        "households": households,
        "recipients": recipients,
        "scale": asdict(scale),
    }
    actions.audit(actor=None, action="seed.district_scale", node=nodes[0], data=counts)
    subtree_counts.invalidate()  # the members and households went in by bulk_create
    return counts


def _tree(scale: Scale, name: str) -> dict:
    def building(place, road, g, b):
        number = g * scale.buildings + b + 1
        address = f"{road}{number}号{number}幢"
        home = {"kind": rules.HOUSEHOLD, "name": f"{number}号楼101党员中心户"}
        home["address"] = f"{address}101室"
        return {
            "kind": rules.BUILDING,
            "name": f"{place}{number}号楼",
            "address": address,
            "children": [home],
        }

    def community(s, c):
        cname = places.community_name(s, c, scale.communities)
        place = cname.removesuffix("社区大党委")
        road = places.ROADS[(s * scale.communities + c) % len(places.ROADS)]
        grids = [
            {
                "kind": rules.GRID,
                "name": f"{place}第{g + 1:02d}网格",
                "boundary": f"{road}{g * scale.buildings + 1}—{(g + 1) * scale.buildings}号",
                "children": [building(place, road, g, b) for b in range(scale.buildings)],
            }
            for g in range(scale.grids)
        ]
        return {"kind": rules.COMMITTEE, "name": cname, "children": grids}

    streets = [
        {
            "kind": rules.STREET,
            "name": places.street_name(s),
            "children": [community(s, c) for c in range(scale.communities)],
        }
        for s in range(scale.streets)
    ]
    return {"kind": rules.DISTRICT, "name": name, "children": streets}


def _units(rng, scale: Scale, communities: list[OrgNode]) -> dict[int, list[MemberUnit]]:
    """Each community's units; every third unit is also linked to the next community."""
    made = []  # (community, its neighbour, unit)
    for c, community in enumerate(communities):
        place = community.name.removesuffix("社区大党委")
        neighbour = communities[(c + 1) % len(communities)]
        for _ in range(scale.units):
            n = len(made)
            fields = places.unit_fields(rng, place, n, people.phone(10**6 + n))
            made.append((community, neighbour, MemberUnit(**fields)))
    MemberUnit.objects.bulk_create([unit for _, _, unit in made], batch_size=BATCH)
    by_community, links = defaultdict(list), []
    for i, (community, neighbour, unit) in enumerate(made):
        by_community[community.pk].append(unit)
        links.append(UnitLink(unit=unit, committee=community, started_on=unit.registered_on))
        if i % 3 == 0 and neighbour != community:
            links.append(UnitLink(unit=unit, committee=neighbour, started_on=STARTED))
    UnitLink.objects.bulk_create(links, batch_size=BATCH)
    return by_community


class _Staffing:
    """Party members for each community, and the posts some of them hold."""

    def __init__(self, rng, children, units):
        self.rng, self.children, self.units = rng, children, units
        self.serial = 0
        self.members: list[PartyMember] = []
        self.posts: list[tuple[OrgNode, int, str, str, bool]] = []  # member index

    def run(self, communities, per_community: int) -> tuple[int, int]:
        for community in communities:
            self.community(community, per_community)
        PartyMember.objects.bulk_create(self.members, batch_size=BATCH)
        posts = [
            Post(
                node=node,
                person=self.members[index],
                kind=kind,
                source=source,
                started_on=STARTED,
                decision_ref=f"规组〔2026〕{node.pk}号",
                counts_against_quota=rules.counts_against_quota(kind),
                concurrent_branch_post=concurrent,
            )
            for node, index, kind, source, concurrent in self.posts
        ]
        Post.objects.bulk_create(posts, batch_size=BATCH)
        return len(self.members), len(posts)

    def member(self, home, units, category=None, unit=None) -> int:
        self.serial += 1
        fields = people.member_fields(self.rng, REGION, self.serial, category)
        if fields["category"] == MemberCategory.IN_SERVICE:
            unit = unit or self.rng.choice(units)
        self.members.append(PartyMember(node=home, workplace=unit, **fields))
        return len(self.members) - 1

    def post(self, node, index, kind, source=PostSource.APPOINTED, concurrent=False):
        self.posts.append((node, index, kind, source, concurrent))

    def community(self, community, total: int):
        units = self.units[community.pk]
        grids = self.children[community.pk]
        buildings = [b for g in grids for b in self.children[g.pk]]
        start = len(self.members)
        first = buildings[0]
        resident, in_service = MemberCategory.RESIDENT, MemberCategory.IN_SERVICE
        direct, elected = PostSource.DIRECT, PostSource.ELECTED
        secretary = self.member(first, units, resident)
        self.post(community, secretary, PostKind.SECRETARY, direct, True)
        deputy = self.member(first, units, resident)
        self.post(community, deputy, PostKind.OFFICE_HEAD, direct)
        self.post(community, deputy, PostKind.FULLTIME_DEPUTY, direct, True)
        for i in range(6):
            person = self.member(first, units, in_service, units[i % len(units)])
            kind = PostKind.PARTTIME_DEPUTY if i < 2 else PostKind.PARTTIME_MEMBER
            self.post(community, person, kind, elected)
        for _ in range(2):
            fulltime = self.member(first, units, resident)
            self.post(community, fulltime, PostKind.FULLTIME_MEMBER, direct)
        for g, grid in enumerate(grids):
            leader = self.member(self.children[grid.pk][0], units, resident)
            self.post(grid, leader, PostKind.GRID_LEADER)
            self.post(grid, fulltime if g == 0 else leader, PostKind.GRID_SECRETARY)
            for building in self.children[grid.pk]:
                home = self.children[building.pk][0]
                head = self.member(home, units)
                self.post(home, head, PostKind.HOUSEHOLD_HEAD)
                self.post(building, head, PostKind.GROUP_LEADER)
        while len(self.members) - start < total:
            self.member(self.rng.choice(buildings), units)


def _households(rng, scale: Scale, nodes: list[OrgNode]) -> int:
    rows = [
        Household(
            node=building,
            address=f"{building.address}{floor + 2}01室",
            head_name=people.name(rng, rng.choice("MF")),
            people_count=rng.randint(1, 5),
        )
        for building in nodes
        if building.kind == rules.BUILDING
        for floor in range(scale.households)
    ]
    Household.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _recipients(rng, scale: Scale, nodes: list[OrgNode]) -> int:
    kinds = list(RecipientKind)
    rows = [
        ServiceRecipient(
            node=grid,
            name=people.name(rng, rng.choice("MF")),
            kind=kinds[(i * scale.recipients + r) % len(kinds)],
        )
        for i, grid in enumerate(n for n in nodes if n.kind == rules.GRID)
        for r in range(scale.recipients)
    ]
    ServiceRecipient.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
