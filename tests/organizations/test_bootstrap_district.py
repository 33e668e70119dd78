"""`manage.py bootstrap_district`: the district and its first district-staff login."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from organizations import access, rules
from organizations.models import AuditEvent, OrgNode, Role, RoleAssignment
from tests.factories import UserFactory, node


def bootstrap(*args) -> str:
    out = io.StringIO()
    call_command("bootstrap_district", *args, stdout=out)
    return out.getvalue()


def test_it_creates_the_district_and_a_staff_login_with_a_generated_password(db):
    output = bootstrap("--name", "某某区委组织部", "--username", "zhangsan")
    district = OrgNode.objects.get(name="某某区委组织部")
    assert (district.kind, district.parent) == (rules.DISTRICT, None)
    user = get_user_model().objects.get(username="zhangsan")
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.node, assignment.role, assignment.ended_at) == (
        district,
        Role.DISTRICT_STAFF,
        None,
    )
    assert access.can(user, access.VIEW_AUDIT, district)
    printed = [line for line in output.splitlines() if user.check_password(line.strip())]
    assert len(printed) == 1, "the generated password is printed once, on a line of its own"
    assert len(printed[0].strip()) >= 16
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        "node.create",
        "staff.login_create",
        "role.grant",
    }


def test_a_given_password_is_used_and_not_printed(db):
    output = bootstrap(
        "--name", "某某区委组织部", "--username", "zhangsan", "--password", "Qiu-Shou-2026"
    )
    assert get_user_model().objects.get(username="zhangsan").check_password("Qiu-Shou-2026")
    assert "Qiu-Shou-2026" not in output


def test_a_weak_password_is_refused_and_nothing_is_created(db):
    with pytest.raises(CommandError):
        bootstrap("--name", "某某区委组织部", "--username", "zhangsan", "--password", "12345678")
    assert not OrgNode.objects.exists()
    assert not get_user_model().objects.exists()


def test_an_existing_district_name_is_refused(db):
    node(None, "某某区委组织部")
    with pytest.raises(CommandError, match="某某区委组织部"):
        bootstrap("--name", "某某区委组织部", "--username", "zhangsan")
    assert OrgNode.objects.count() == 1
    assert not get_user_model().objects.filter(username="zhangsan").exists()


def test_a_taken_username_is_refused(db):
    UserFactory(username="zhangsan")
    with pytest.raises(CommandError, match="zhangsan"):
        bootstrap("--name", "某某区委组织部", "--username", "zhangsan")
    assert not OrgNode.objects.exists()
    assert not RoleAssignment.objects.exists()
