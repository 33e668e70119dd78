"""`manage.py seed_demo`: the small district through the actions, and the bulk district scale."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import RequestFactory

from organizations import actions, composition, rules
from organizations.demo import logins, scale, small
from organizations.models import (
    AuditEvent,
    Household,
    MemberCategory,
    MemberUnit,
    OrgNode,
    PartyMember,
    Post,
    RecipientKind,
    RoleAssignment,
    ServiceRecipient,
    UnitLink,
)

COUNTED = [
    OrgNode,
    PartyMember,
    Post,
    MemberUnit,
    UnitLink,
    Household,
    ServiceRecipient,
    RoleAssignment,
    get_user_model(),
]


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def seed(capsys, *args):
    call_command("seed_demo", *args)
    return capsys.readouterr().out


def failing_verdicts(node):
    return [v for v in composition.verdicts(node) if v.severity not in ("ok", "info")]


def in_subtree(queryset, node, prefix="node__"):
    return queryset.filter(
        **{
            f"{prefix}tree_id": node.tree_id,
            f"{prefix}lft__gt": node.lft,
            f"{prefix}rght__lt": node.rght,
        }
    )


@pytest.mark.django_db
def test_running_it_twice_duplicates_nothing_and_prints_the_logins_again(capsys, fast_hashing):
    first = seed(capsys)
    after_first = counts()
    second = seed(capsys)
    assert counts() == after_first
    assert OrgNode.objects.filter(parent__isnull=True).count() == 1
    for out in (first, second):
        for username, _role in logins.LOGINS:
            assert username in out
        assert logins.PASSWORD in out
    call_command("check_tree")


@pytest.mark.django_db
def test_the_district_has_the_promised_shape_and_every_rule_holds(capsys, fast_hashing):
    seed(capsys)
    district = small.find()
    assert district.get_children().count() == 2
    communities = OrgNode.objects.filter(kind=rules.COMMITTEE, tree_id=district.tree_id)
    assert communities.count() == 4
    for node in OrgNode.objects.filter(kind__in=[rules.COMMITTEE, rules.GRID, rules.BUILDING]):
        assert failing_verdicts(node) == [], node
    for community in communities:
        grids = community.get_children()
        assert 2 <= grids.count() <= 3
        for grid in grids:
            assert 2 <= grid.get_children().count() <= 3
        members = in_subtree(PartyMember.objects.all(), community)
        assert 20 <= members.count() <= 40
        assert members.filter(category=MemberCategory.IN_SERVICE).count() >= 10
        assert 3 <= MemberUnit.objects.filter(links__committee=community).count() <= 5
        assert Post.objects.filter(node=community, ended_on__isnull=True).count() == 11
    for member in PartyMember.objects.all():
        assert rules.resident_id_problem(member.resident_id) is None
        assert rules.is_phone_number(member.phone)
    assert set(ServiceRecipient.objects.values_list("kind", flat=True)) == set(RecipientKind)
    assert Household.objects.exists()
    assert OrgNode.objects.filter(kind=rules.HOUSEHOLD).count() == (
        OrgNode.objects.filter(kind=rules.BUILDING).count()
    )


@pytest.mark.django_db
def test_every_role_has_a_login_that_works(capsys, client, fast_hashing):
    seed(capsys)
    for username, role in logins.LOGINS:
        assert RoleAssignment.objects.filter(
            user__username=username, role=role, ended_at__isnull=True
        ).exists(), username
        assert client.login(
            request=RequestFactory().post("/accounts/login/"),
            username=username,
            password=logins.PASSWORD,
        ), username
        client.logout()
    secretary = RoleAssignment.objects.get(user__username="secretary", role="community_secretary")
    assert secretary.post is not None and secretary.post.kind == rules.Kind.SECRETARY
    unit = RoleAssignment.objects.get(user__username="unit", role="unit_contact")
    assert unit.unit is not None
    assert PartyMember.objects.get(user__username="member").posts.count() == 0


# ---------------------------------------------------------------------------------------------
# The district scale, with small numbers

SMALL = scale.Scale(
    streets=2, communities=2, grids=2, buildings=3, members=25, units=3, households=2, recipients=2
)


@pytest.mark.django_db
def test_a_small_scale_build_passes_check_tree_and_the_rules(capsys):
    written = scale.build(SMALL)
    call_command("check_tree")
    district = scale.find()
    assert (
        OrgNode.objects.filter(tree_id=district.tree_id).count()
        == written["nodes"]
        == (1 + 2 + 4 + 8 + 24 + 24)
    )
    assert PartyMember.objects.count() == 4 * 25
    assert MemberUnit.objects.count() == 4 * 3
    assert Household.objects.count() == 24 * 2
    for node in OrgNode.objects.filter(kind__in=[rules.COMMITTEE, rules.GRID, rules.BUILDING]):
        assert failing_verdicts(node) == [], node
    for member in PartyMember.objects.all():
        assert rules.resident_id_problem(member.resident_id) is None
    event = AuditEvent.objects.get(action="seed.district_scale")
    assert event.node == district and event.data["members"] == 100


@pytest.mark.django_db
def test_the_scale_build_beside_the_demo_then_ordinary_writes_keep_the_tree_sound(
    capsys, fast_hashing
):
    seed(capsys)
    scale.build(SMALL)
    community = OrgNode.objects.filter(kind=rules.COMMITTEE, tree_id=scale.find().tree_id).first()
    grid = actions.node_create(actor=None, parent=community, kind=rules.GRID, name="新增网格")
    assert grid.pk > max(OrgNode.objects.exclude(pk=grid.pk).values_list("pk", flat=True))
    call_command("check_tree")


@pytest.mark.django_db
def test_a_second_scale_district_gets_its_own_tree_and_distinct_id_numbers():
    scale.build(SMALL)
    scale.build(SMALL, name="第二规模演示区")
    assert OrgNode.objects.filter(parent__isnull=True).count() == 2
    assert PartyMember.objects.count() == 2 * 4 * 25
    call_command("check_tree")


@pytest.mark.django_db
def test_the_scale_command_does_nothing_when_the_data_exist(capsys):
    scale.build(SMALL)
    before = counts()
    out = seed(capsys, "--scale", "district")
    assert counts() == before
    assert scale.DISTRICT_NAME in out


@pytest.mark.django_db
def test_the_bulk_tree_action_refuses_a_skipped_level():
    tree = {"kind": rules.DISTRICT, "name": "区", "children": [{"kind": rules.GRID, "name": "格"}]}
    with pytest.raises(ValidationError):
        actions.tree_bulk_create(actor=None, tree=tree)
    assert not OrgNode.objects.exists()
