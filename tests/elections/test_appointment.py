"""委任: grid and building posts, recommended by the area's members, appointed by the committee."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from elections import actions
from elections.models import Appointment
from organizations import access
from organizations.actions import NeedsReason
from organizations.models import PostKind, PostSource
from tests.factories import MemberFactory, UserFactory

DAY = datetime.date(2026, 12, 1)


def appoint(tree, person, recommenders, **kw):
    kw.setdefault("node", tree.grid)
    kw.setdefault("kind", PostKind.GRID_SECRETARY)
    return actions.appointment_make(
        actor=None,
        person=person,
        recommenders=recommenders,
        decision_ref="幸福社区大党委〔2026〕7号",
        appointed_on=DAY,
        **kw,
    )


def test_a_grid_leader_appointed_grid_secretary_gets_the_post_and_role(tree):
    user = UserFactory()
    person = MemberFactory(node=tree.building, user=user)
    from organizations import actions as org_actions

    org_actions.post_start(
        actor=None,
        node=tree.grid,
        person=person,
        kind=PostKind.GRID_LEADER,
        source=PostSource.APPOINTED,
        started_on=DAY,
    )
    appointment = appoint(tree, person, [MemberFactory(node=tree.building) for _ in range(3)])
    assert appointment.post.source == PostSource.APPOINTED
    assert appointment.recommenders.count() == 3
    user = type(user).objects.get(pk=user.pk)
    assert access.can(user, access.MANAGE_ROSTER, tree.building)


def test_recommenders_come_from_the_area(tree):
    stranger = MemberFactory(node=tree.other_building)
    with pytest.raises(ValidationError, match=stranger.name):
        appoint(tree, MemberFactory(node=tree.building), [stranger])
    with pytest.raises(ValidationError):
        appoint(tree, MemberFactory(node=tree.building), [])
    assert not Appointment.objects.exists()


def test_the_composition_norm_still_asks_for_a_reason(tree):
    person = MemberFactory(node=tree.building)  # neither committee member nor grid leader: C7
    with pytest.raises(NeedsReason):
        appoint(tree, person, [MemberFactory(node=tree.building)])
    appointment = appoint(
        tree, person, [MemberFactory(node=tree.building)], override_reason="网格长空缺"
    )
    assert appointment.post.exception_reason == "网格长空缺"


def test_only_grids_and_buildings(tree):
    with pytest.raises(ValidationError):
        appoint(
            tree,
            MemberFactory(node=tree.building),
            [MemberFactory(node=tree.building)],
            node=tree.committee,
            kind=PostKind.PARTTIME_MEMBER,
        )
