"""Who the benchmark logs in as, and on which organisations: `targets(mode)`.

At smoke scale the small demo's own logins (district, street, secretary) are used. The
district-scale tree is built in bulk with no logins, so `scale_logins` adds three, once:
district staff on its district, street staff on its first street, and the secretary of that
street's first community (the party member holding the 书记 post, given a login like the demo's
secretary, so the role comes with the post). All share the demo password.

The election tally page needs a counted election: `counted_round` runs one on the secretary's
community through the actions (`elections.demo`), once per database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from organizations import actions, rules
from organizations.demo import logins, scale, small
from organizations.models import OrgNode, PartyMember, Post, PostKind, Role

PASSWORD = logins.PASSWORD
SCALE_USERNAMES = {
    "district": "bench_district",
    "street": "bench_street",
    "secretary": "bench_secretary",
}
DEMO_USERNAMES = {"district": "district", "street": "street", "secretary": "secretary"}


@dataclass(frozen=True)
class Targets:
    """The logins by role, and the organisations each page is loaded on."""

    usernames: dict[str, str]
    district: OrgNode
    street: OrgNode
    committee: OrgNode
    grid: OrgNode

    def user(self, role: str | None):
        if role is None:
            return None
        return get_user_model().objects.get(username=self.usernames[role])


def _first_child(node: OrgNode, kind: int) -> OrgNode:
    return OrgNode.objects.filter(parent=node, kind=kind).order_by("tree_id", "lft").first()


def targets(mode: str) -> Targets:
    """The logins and organisations of `mode` ("district" or "smoke"); adds missing logins."""
    if mode == "district":
        district = scale.find()
        street = _first_child(district, rules.STREET)
        committee = _first_child(street, rules.COMMITTEE)
        scale_logins(district, street, committee)
        usernames = SCALE_USERNAMES
    else:
        district = small.find()
        # The demo's street and secretary logins act on its first street and community.
        street = _role_node(DEMO_USERNAMES["street"], Role.STREET_STAFF)
        committee = _role_node(DEMO_USERNAMES["secretary"], Role.COMMUNITY_SECRETARY)
        usernames = DEMO_USERNAMES
    grid = _first_child(committee, rules.GRID)
    counted_round(committee)
    return Targets(usernames, district, street, committee, grid)


def counted_round(committee: OrgNode) -> None:
    """A counted election on `committee`, for the tally page; made once (REUSE=1 keeps it)."""
    from elections.demo import counted_election
    from elections.models import Round

    if not Round.objects.filter(election__committee=committee).exists():
        with transaction.atomic():
            counted_election(committee)


def _role_node(username: str, role: str) -> OrgNode:
    return OrgNode.objects.get(
        role_assignments__user__username=username,
        role_assignments__role=role,
        role_assignments__ended_at__isnull=True,
    )


@transaction.atomic
def scale_logins(district: OrgNode, street: OrgNode, committee: OrgNode) -> None:
    """The three logins of the district-scale tree; each is made once."""
    users = get_user_model().objects
    for role_key, node, role, full_name in (
        ("district", district, Role.DISTRICT_STAFF, "规模演示区 组织科"),
        ("street", street, Role.STREET_STAFF, f"{street.name} 党建办"),
    ):
        username = SCALE_USERNAMES[role_key]
        if not users.filter(username=username).exists():
            user = logins.staff_user(username, full_name)
            actions.role_grant(actor=None, user=user, node=node, role=role)
    username = SCALE_USERNAMES["secretary"]
    if not users.filter(username=username).exists():
        post = Post.objects.get(node=committee, kind=PostKind.SECRETARY, ended_on__isnull=True)
        member = PartyMember.objects.select_related("node").get(pk=post.person_id)
        actions.member_login_create(actor=None, member=member, username=username, password=PASSWORD)
