"""The roles page: granting staff roles (existing or new logins), no escalation, ending them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from organizations import access, actions
from organizations.models import AuditEvent, PostKind, Role, RoleAssignment
from tests.factories import MemberFactory, UnitFactory, UserFactory
from tests.organizations.web import text

STRONG = "Fengshou-2026-qiu"


def grant_url(node):
    return reverse("organizations:role_grant", args=[node.pk])


def roles_url(node):
    return reverse("organizations:node_roles", args=[node.pk])


def fresh(user):
    """The user as stored, without the scope memoised on an older instance."""
    return type(user).objects.get(pk=user.pk)


# ---------------------------------------------------------------------------------------------
# may_grant: no one hands out more than they hold


def test_each_staff_grants_the_roles_of_its_own_level(tree, role_user):
    district = role_user(Role.DISTRICT_STAFF, tree.district)
    street = role_user(Role.STREET_STAFF, tree.street)
    secretary = role_user(Role.COMMUNITY_SECRETARY, tree.committee)
    assert access.grantable_roles(district, tree.district) == [Role.DISTRICT_STAFF]
    assert access.grantable_roles(district, tree.street) == [Role.STREET_STAFF]
    assert access.grantable_roles(street, tree.street) == [Role.STREET_STAFF]
    # The office runs the community's meetings, services and funds, which the street only
    # oversees: the community's secretary staffs it.
    assert access.grantable_roles(street, tree.committee) == [Role.UNIT_CONTACT]
    assert access.grantable_roles(secretary, tree.committee) == [
        Role.COMMUNITY_OFFICE,
        Role.UNIT_CONTACT,
    ]
    assert access.grantable_roles(street, tree.other_street) == []
    assert access.grantable_roles(district, tree.grid) == []  # grid roles come with posts


def test_street_staff_cannot_grant_district_staff(tree, role_user):
    street = role_user(Role.STREET_STAFF, tree.street)
    assert not access.may_grant(street, Role.DISTRICT_STAFF, tree.street)
    assert not access.may_grant(street, Role.DISTRICT_STAFF, tree.district)
    with pytest.raises(PermissionDenied):
        actions.staff_role_grant(
            actor=street, user=UserFactory(), node=tree.district, role=Role.DISTRICT_STAFF
        )
    assert not RoleAssignment.objects.filter(role=Role.DISTRICT_STAFF).exists()


def test_a_community_office_user_cannot_grant_anything(tree, office, login):
    for role in Role.values:
        assert not access.may_grant(office, role, tree.committee)
    assert access.grantable_roles(office, tree.committee) == []
    client = login(office)
    assert client.get(grant_url(tree.committee)).status_code == 403
    response = client.post(
        grant_url(tree.committee),
        {"role": Role.COMMUNITY_OFFICE, "login": "existing", "username": office.username},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        actions.staff_role_grant(
            actor=office, user=UserFactory(), node=tree.committee, role=Role.COMMUNITY_OFFICE
        )


def test_the_form_does_not_take_a_role_it_does_not_offer(tree, role_user, login):
    street = role_user(Role.STREET_STAFF, tree.street)
    target = UserFactory()
    response = login(street).post(
        grant_url(tree.street),
        {"role": Role.DISTRICT_STAFF, "login": "existing", "username": target.username},
    )
    assert response.status_code == 200 and "role" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_a_role_of_another_level_is_refused_by_the_action(tree, role_user):
    district = role_user(Role.DISTRICT_STAFF, tree.district)
    with pytest.raises(ValidationError):
        actions.staff_role_grant(
            actor=district, user=UserFactory(), node=tree.street, role=Role.DISTRICT_STAFF
        )


# ---------------------------------------------------------------------------------------------
# Granting through the page


def test_a_role_is_granted_to_an_existing_login(tree, role_user, login):
    street = role_user(Role.STREET_STAFF, tree.street)
    target = UserFactory(first_name="王芳")
    response = login(street).post(
        grant_url(tree.street),
        {"role": Role.STREET_STAFF, "login": "existing", "username": target.username},
    )
    assert response.status_code == 302 and response.url == roles_url(tree.street)
    assignment = RoleAssignment.objects.get(user=target)
    assert (assignment.node, assignment.role, assignment.post) == (
        tree.street,
        Role.STREET_STAFF,
        None,
    )
    assert access.can(fresh(target), access.MANAGE_POSTS, tree.committee)
    event = AuditEvent.objects.get(action="role.grant", object_id=str(assignment.pk))
    assert event.actor == street and event.ip == "127.0.0.1"
    page = text(login(street).get(roles_url(tree.street)))
    assert target.username in page and "王芳" in page


def test_an_unknown_username_is_an_error(tree, secretary, login):
    response = login(secretary).post(
        grant_url(tree.committee),
        {"role": Role.COMMUNITY_OFFICE, "login": "existing", "username": "nobody-here"},
    )
    assert response.status_code == 200 and "username" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(role=Role.COMMUNITY_OFFICE).exists()


def test_a_new_login_is_created_with_its_role(tree, secretary, login):
    response = login(secretary).post(
        grant_url(tree.committee),
        {
            "role": Role.COMMUNITY_OFFICE,
            "login": "new",
            "username": "zhaoli",
            "full_name": "赵丽",
            "password": STRONG,
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="zhaoli")
    assert user.first_name == "赵丽" and user.check_password(STRONG)
    assert access.can(user, access.MANAGE_ROSTER, tree.building)
    assert not access.can(user, access.MANAGE_POSTS, tree.committee)
    created = AuditEvent.objects.get(action="staff.login_create", object_id=str(user.pk))
    assert created.actor == secretary and created.node == tree.committee
    assert STRONG not in str(created.data)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password": "12345678"}, "password"),
        ({"password": ""}, "password"),
        ({"full_name": ""}, "full_name"),
        ({"username": "taken"}, "username"),
    ],
)
def test_a_new_login_needs_a_free_username_a_name_and_a_valid_password(
    tree, secretary, login, changes, field
):
    UserFactory(username="taken")
    data = {
        "role": Role.COMMUNITY_OFFICE,
        "login": "new",
        "username": "zhaoli",
        "full_name": "赵丽",
        "password": STRONG,
        **changes,
    }
    response = login(secretary).post(grant_url(tree.committee), data)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not get_user_model().objects.filter(username="zhaoli").exists()
    assert not RoleAssignment.objects.filter(role=Role.COMMUNITY_OFFICE).exists()


def test_a_unit_contact_is_granted_for_a_linked_unit(scene, secretary, login):
    target = UserFactory()
    client = login(secretary)
    unlinked = UnitFactory()
    refused = client.post(
        grant_url(scene.tree.committee),
        {
            "role": Role.UNIT_CONTACT,
            "unit": unlinked.pk,
            "login": "existing",
            "username": target.username,
        },
    )
    assert refused.status_code == 200 and "unit" in refused.context["form"].errors
    done = client.post(
        grant_url(scene.tree.committee),
        {
            "role": Role.UNIT_CONTACT,
            "unit": scene.unit.pk,
            "login": "existing",
            "username": target.username,
        },
    )
    assert done.status_code == 302
    assert RoleAssignment.objects.get(user=target).unit == scene.unit
    assert access.may_edit_unit(fresh(target), scene.unit)


def test_a_role_held_already_is_not_granted_twice(tree, secretary, office, login):
    response = login(secretary).post(
        grant_url(tree.committee),
        {"role": Role.COMMUNITY_OFFICE, "login": "existing", "username": office.username},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert RoleAssignment.objects.filter(user=office).count() == 1


def test_the_grant_page_exists_only_on_levels_with_direct_roles(tree, role_user, login):
    district = login(role_user(Role.DISTRICT_STAFF, tree.district))
    assert district.get(grant_url(tree.grid)).status_code == 404
    assert district.get(roles_url(tree.grid)).status_code == 200


# ---------------------------------------------------------------------------------------------
# Ending roles


def test_ending_a_direct_role_takes_its_permissions_away(tree, secretary, office, login):
    assignment = RoleAssignment.objects.get(user=office)
    assert access.can(fresh(office), access.MANAGE_ROSTER, tree.building)
    response = login(secretary).post(reverse("organizations:role_end", args=[assignment.pk]))
    assert response.status_code == 302 and response.url == roles_url(tree.committee)
    assignment.refresh_from_db()
    assert assignment.ended_at is not None
    office = fresh(office)
    assert not access.can(office, access.MANAGE_ROSTER, tree.building)
    assert not access.can(office, access.VIEW, tree.committee)
    event = AuditEvent.objects.get(action="role.end", object_id=str(assignment.pk))
    assert event.actor == secretary
    # It moves to the history, and cannot be ended twice.
    page = text(login(secretary).get(roles_url(tree.committee)))
    assert page.index(office.username) > page.index('id="role-history"')
    with pytest.raises(ValidationError):
        actions.staff_role_end(actor=secretary, assignment=assignment)


def test_a_role_granted_by_a_post_cannot_be_ended_here(scene, secretary, login):
    user = actions.member_login_create(
        actor=None, member=scene.member, username="lihong", password=STRONG
    )
    assignment = RoleAssignment.objects.get(user=user, post=scene.post)
    client = login(secretary)
    page = text(client.get(roles_url(scene.tree.grid)))
    assert reverse("organizations:role_end", args=[assignment.pk]) not in page
    assert scene.member.name in page and scene.tree.grid.get_absolute_url() in page

    response = client.post(reverse("organizations:role_end", args=[assignment.pk]))
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assignment.refresh_from_db()
    assert assignment.ended_at is None
    assert access.can(fresh(user), access.MANAGE_ROSTER, scene.tree.building)


def test_a_role_is_ended_only_by_someone_who_may_grant_it(tree, role_user):
    street = role_user(Role.STREET_STAFF, tree.street)
    district_staff = role_user(Role.DISTRICT_STAFF, tree.district)
    assignment = RoleAssignment.objects.get(user=district_staff)
    with pytest.raises(PermissionDenied):
        actions.staff_role_end(actor=street, assignment=assignment)


# ---------------------------------------------------------------------------------------------
# The node page links to the roles page


def test_the_node_page_links_to_roles_for_post_managers_only(tree, secretary, office, login):
    url = reverse("organizations:node", args=[tree.committee.pk])
    assert roles_url(tree.committee) in text(login(secretary).get(url))
    assert roles_url(tree.committee) not in text(login(office).get(url))


def test_the_roles_page_names_party_members_by_their_record(scene, secretary, login):
    member = MemberFactory(node=scene.tree.building, name="周敏")
    user = actions.member_login_create(
        actor=None, member=member, username="zhoumin", password=STRONG
    )
    actions.post_start(
        actor=None,
        node=scene.tree.committee,
        person=member,
        kind=PostKind.OFFICE_HEAD,
        source="appointed",
        started_on=scene.post.started_on,
        override_reason="试点",
    )
    page = text(login(secretary).get(roles_url(scene.tree.committee)))
    assert user.username in page and "周敏" in page
