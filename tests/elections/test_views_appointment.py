"""The 委任 page: the committee appoints a member of the area to a grid or building post."""

import pytest
from django.urls import reverse

from elections.models import Appointment
from organizations.models import AuditEvent, Post, PostKind, Role
from tests.factories import MemberFactory
from tests.organizations.web import log_in

DECISION = "幸福社区大党委〔2026〕9号"


@pytest.fixture
def secretary_client(tree, role_user, client):
    return log_in(client, role_user(Role.COMMUNITY_SECRETARY, tree.committee))


def post_form(client, node, person, recommenders, kind=PostKind.GROUP_LEADER, **extra):
    data = {
        "person": person.pk,
        "kind": kind,
        "recommenders": [p.pk for p in recommenders],
        "decision_ref": DECISION,
        "appointed_on": "2026-12-01",
        **extra,
    }
    return client.post(reverse("elections:appointment_create", args=[node.pk]), data)


def test_the_page_is_linked_from_the_committee_elections_page(tree, secretary_client):
    page = secretary_client.get(reverse("elections:election_list", args=[tree.committee.pk]))
    assert reverse("elections:appointment_create", args=[tree.building.pk]) in page.content.decode()
    form = secretary_client.get(reverse("elections:appointment_create", args=[tree.grid.pk]))
    assert form.status_code == 200
    choices = [value for value, _ in form.context["form"].fields["kind"].choices]
    assert choices == [PostKind.GRID_SECRETARY, PostKind.GRID_MEMBER]


def test_a_building_group_leader_is_appointed(tree, secretary_client):
    person = MemberFactory(node=tree.building, name="王建国")
    recommenders = [MemberFactory(node=tree.building) for _ in range(3)]
    asked = post_form(secretary_client, tree.building, person, recommenders)
    assert asked.status_code == 200  # C8 norm: not a household head, so a reason is asked
    assert "reason" in asked.context["form"].fields and not Appointment.objects.exists()
    response = post_form(
        secretary_client,
        tree.building,
        person,
        recommenders,
        reason="暂无党员中心户户长",
        needs_reason="True",
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.post.person == person and appointment.post.kind == PostKind.GROUP_LEADER
    assert appointment.post.decision_ref == DECISION
    assert appointment.post.exception_reason == "暂无党员中心户户长"
    assert set(appointment.recommenders.all()) == set(recommenders)
    assert AuditEvent.objects.filter(action="appointment.make").count() == 1


def test_a_person_outside_the_area_is_refused_with_a_clear_message(tree, secretary_client):
    outside = MemberFactory(node=tree.grid, name="钱网格")  # the grid, not this building
    response = post_form(
        secretary_client,
        tree.building,
        outside,
        [MemberFactory(node=tree.building)],
        reason="试点",
        needs_reason="True",
    )
    assert response.status_code == 200
    assert "钱网格" in " ".join(response.context["form"].errors["person"])
    assert not Appointment.objects.exists()
    assert not Post.objects.filter(kind=PostKind.GROUP_LEADER).exists()


def test_a_second_building_leader_is_refused_and_nothing_written(tree, secretary_client):
    recommenders = [MemberFactory(node=tree.building)]
    first = post_form(
        secretary_client,
        tree.building,
        MemberFactory(node=tree.building),
        recommenders,
        reason="试点",
        needs_reason="True",
    )
    assert first.status_code == 302
    second = post_form(
        secretary_client,
        tree.building,
        MemberFactory(node=tree.building, name="孙第二"),
        recommenders,
        reason="试点",
        needs_reason="True",
    )
    assert second.status_code == 200
    errors = " ".join(second.context["form"].non_field_errors())
    assert "1" in errors and "2" in errors  # "exactly 1 leader; it has 2 now"
    assert Appointment.objects.count() == 1
    assert Post.objects.filter(kind=PostKind.GROUP_LEADER, ended_on=None).count() == 1
