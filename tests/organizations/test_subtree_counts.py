"""The navigator's and committee page's subtree counts (organizations.counts) stay exact.

After creates, moves and deletes of members, households and nodes, each node's cached
member and household counts equal an independent COUNT over its nested-set interval.
"""

from django.core.management import call_command

from organizations import actions, counts, selectors
from organizations.models import Household, OrgNode, PartyMember
from tests.factories import HouseholdFactory, MemberFactory, node


def independent(n: OrgNode) -> tuple[int, int]:
    n.refresh_from_db()
    inside = {"node__tree_id": n.tree_id, "node__lft__gte": n.lft, "node__rght__lte": n.rght}
    return PartyMember.objects.filter(**inside).count(), Household.objects.filter(**inside).count()


def shown(n: OrgNode) -> tuple[int, int]:
    (got,) = list(selectors.with_counts(OrgNode.objects.filter(pk=n.pk)))
    return got.member_count, got.household_count


def assert_exact(tree):
    for n in OrgNode.objects.all():
        assert shown(n) == independent(n), n.name
    assert counts.verify() == []


def test_counts_follow_creates_moves_and_deletes(tree):
    assert_exact(tree)
    a = MemberFactory(node=tree.building)
    MemberFactory(node=tree.household)
    HouseholdFactory(node=tree.building)
    assert shown(tree.district) == (2, 1)
    assert_exact(tree)

    other_building = tree.other_building
    actions.member_update(actor=None, member=a, node=other_building)  # a move
    assert shown(tree.committee) == (1, 1)
    assert shown(tree.other_committee) == (1, 0)
    assert_exact(tree)

    new_building = node(tree.grid, "2号楼")  # a new node shifts every interval to its right
    MemberFactory(node=new_building)
    assert_exact(tree)

    a.delete()
    Household.objects.all().delete()
    assert shown(tree.district) == (2, 0)
    assert_exact(tree)


def test_chained_querysets_keep_the_counts(tree):
    MemberFactory(node=tree.building)
    rows = list(selectors.with_counts(OrgNode.objects.all()).order_by("-lft").filter(kind=3))
    assert {r.name: r.member_count for r in rows} == {"幸福社区大党委": 1, "和平社区大党委": 0}


def test_refresh_counts_repairs_a_stale_cache(tree):
    MemberFactory(node=tree.building)
    assert shown(tree.district) == (1, 0)
    # A write that sends no signal (bulk_create outside the actions) leaves the cache stale ...
    PartyMember.objects.bulk_create([MemberFactory.build(node=tree.building)])
    assert counts.verify() != []
    # ... and the repair command rebuilds it.
    call_command("refresh_counts")
    assert shown(tree.district) == (2, 0)
    call_command("refresh_counts", "--check")
