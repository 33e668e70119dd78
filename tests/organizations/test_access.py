"""The gate: roles on nodes reach the subtree, never sideways; posts grant and end roles."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from organizations import access, actions
from organizations.models import OrgNode, PartyMember, PostKind, PostSource, Role
from tests.factories import MemberFactory, UserFactory


def test_street_staff_see_their_street_and_below_only(tree, role_user):
    user = role_user(Role.STREET_STAFF, tree.street)
    seen = set(access.visible(user, OrgNode.objects.all()))
    assert {tree.street, tree.committee, tree.grid, tree.building, tree.household} <= seen
    assert tree.district not in seen
    assert tree.other_street not in seen and tree.other_committee not in seen


def test_outside_scope_is_404_in_scope_without_permission_403(tree, role_user):
    member = role_user(Role.PARTY_MEMBER, tree.committee)
    with pytest.raises(Http404):
        access.get_visible_or_404(
            member, OrgNode.objects.all(), access.VIEW, pk=tree.other_committee.pk
        )
    with pytest.raises(PermissionDenied):
        access.get_visible_or_404(
            member, OrgNode.objects.all(), access.MANAGE_TREE, pk=tree.grid.pk
        )
    assert (
        access.get_visible_or_404(member, OrgNode.objects.all(), access.VIEW, pk=tree.grid.pk)
        == tree.grid
    )


def test_lists_of_people_follow_the_tree(tree, role_user):
    mine = MemberFactory(node=tree.building)
    theirs = MemberFactory(node=tree.other_building)
    user = role_user(Role.GRID_SECRETARY, tree.grid)
    assert list(access.visible(user, PartyMember.objects.all(), access.VIEW_ROSTER)) == [mine]
    assert theirs not in access.visible(user, PartyMember.objects.all())


def test_a_post_grants_its_role_and_ending_it_takes_the_role_away(tree):
    user = UserFactory()
    person = MemberFactory(node=tree.building, user=user)
    post = actions.post_start(
        actor=None,
        node=tree.grid,
        person=person,
        kind=PostKind.GRID_SECRETARY,
        source=PostSource.APPOINTED,
        started_on=datetime.date(2026, 1, 1),
        override_reason="试点",
    )
    user = type(user).objects.get(pk=user.pk)
    assert access.can(user, access.MANAGE_ROSTER, tree.building)
    actions.post_end(actor=None, post=post, ended_on=datetime.date(2026, 6, 30), reason="工作调动")
    user = type(user).objects.get(pk=user.pk)
    assert not access.can(user, access.VIEW, tree.building)


def test_two_roles_on_one_node_keep_the_union(tree, role_user):
    user = role_user(Role.PARTY_MEMBER, tree.committee)
    assignment = actions.role_grant(
        actor=None, user=user, node=tree.committee, role=Role.COMMUNITY_SECRETARY
    )
    assert access.can(user, access.MANAGE_POSTS, tree.grid)
    actions.role_end(actor=None, assignment=assignment)
    assert not access.can(user, access.MANAGE_POSTS, tree.grid)
    assert access.can(user, access.VIEW, tree.grid)


def test_anonymous_sees_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert not access.visible(AnonymousUser(), OrgNode.objects.all()).exists()


def test_scope_roots_are_the_highest_granted_nodes(tree, role_user):
    user = role_user(Role.STREET_STAFF, tree.street)
    actions.role_grant(actor=None, user=user, node=tree.grid, role=Role.GRID_SECRETARY)
    assert list(access.scope_roots(user)) == [tree.street]


def test_scope_roots_of_disjoint_grants_are_each_grants_top_in_tree_order(tree, role_user):
    """A grant nested in one top, then a grant beside it: two roots, the nested one not."""
    user = role_user(Role.GRID_SECRETARY, tree.other_grid)
    actions.role_grant(actor=None, user=user, node=tree.committee, role=Role.COMMUNITY_OFFICE)
    actions.role_grant(actor=None, user=user, node=tree.grid, role=Role.GRID_SECRETARY)
    assert list(access.scope_roots(user)) == [tree.committee, tree.other_grid]


def test_a_login_created_later_receives_the_roles_of_posts_already_held(tree):
    person = MemberFactory(node=tree.building)
    actions.post_start(
        actor=None,
        node=tree.grid,
        person=person,
        kind=PostKind.GRID_SECRETARY,
        source=PostSource.APPOINTED,
        started_on=datetime.date(2026, 1, 1),
        override_reason="试点",
    )
    user = actions.member_login_create(
        actor=None, member=person, username="gridsec", password="pw-Long-1"
    )
    assert access.can(user, access.MANAGE_ROSTER, tree.building)
    assert access.can(user, access.VIEW, tree.committee)
    assert not access.can(user, access.MANAGE_ROSTER, tree.other_building)
