"""Writes through organizations.actions: rules first, the audit event in the same transaction."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from organizations import actions, rules
from organizations.models import AuditEvent, OrgNode, Post, PostKind, PostSource
from tests.factories import MemberFactory, node

DAY = datetime.date(2026, 3, 1)


def start(tree, person, kind, **kw):
    kw.setdefault("source", PostSource.ELECTED)
    kw.setdefault("started_on", DAY)
    return actions.post_start(
        actor=None, node=kw.pop("on", tree.committee), person=person, kind=kind, **kw
    )


def test_node_create_refuses_a_skipped_level(tree):
    with pytest.raises(ValidationError) as err:
        actions.node_create(actor=None, parent=tree.street, kind=rules.GRID, name="越级网格")
    assert "kind" in err.value.message_dict
    assert not OrgNode.objects.filter(name="越级网格").exists()


def test_node_create_appends_an_audit_event(tree):
    grid = node(tree.committee, "第二网格")
    event = AuditEvent.objects.get(action="node.create", object_id=str(grid.pk))
    assert event.node == grid


def test_a_second_secretary_is_refused_with_the_numbers(tree):
    start(tree, MemberFactory(node=tree.building), PostKind.SECRETARY, concurrent_branch_post=True)
    with pytest.raises(ValidationError) as err:
        start(
            tree, MemberFactory(node=tree.building), PostKind.SECRETARY, concurrent_branch_post=True
        )
    assert "2" in " ".join(err.value.messages)
    assert Post.objects.filter(kind=PostKind.SECRETARY).count() == 1


def test_a_broken_norm_needs_a_reason_and_keeps_it(tree):
    person = MemberFactory(node=tree.building)
    with pytest.raises(actions.NeedsReason) as err:
        start(tree, person, PostKind.SECRETARY, concurrent_branch_post=False)
    assert [v.rule for v in err.value.verdicts] == ["C4"]
    post = start(tree, person, PostKind.SECRETARY, override_reason="社区党组织书记空缺，由街道指定")
    assert post.exception_reason == "社区党组织书记空缺，由街道指定"
    event = AuditEvent.objects.get(action="post.start", object_id=str(post.pk))
    assert event.data["exceptions"] == ["C4"]


def test_building_up_a_committee_needs_no_reasons_until_a_rule_that_held_breaks(tree):
    secretary = MemberFactory(node=tree.building)
    start(tree, secretary, PostKind.SECRETARY, concurrent_branch_post=True)
    deputy = MemberFactory(node=tree.building)
    start(
        tree,
        deputy,
        PostKind.FULLTIME_DEPUTY,
        concurrent_branch_post=True,
        override_reason="办公室主任随后任命",
    )
    start(tree, deputy, PostKind.OFFICE_HEAD, source=PostSource.ENGAGED)
    for _ in range(2):
        start(tree, MemberFactory(node=tree.building), PostKind.PARTTIME_DEPUTY)
    for _ in range(7):  # up to 11 members: C1 goes from failing to holding
        start(tree, MemberFactory(node=tree.building), PostKind.PARTTIME_MEMBER)
    with pytest.raises(actions.NeedsReason) as err:  # the 12th breaks C1, which held
        start(tree, MemberFactory(node=tree.building), PostKind.PARTTIME_MEMBER)
    assert "12" in err.value.verdicts[0].message


def test_a_post_is_held_on_its_own_level(tree):
    with pytest.raises(ValidationError):
        start(tree, MemberFactory(node=tree.building), PostKind.GRID_SECRETARY, on=tree.committee)


def test_part_time_posts_are_flagged_not_to_count_against_the_quota(tree):
    post = start(tree, MemberFactory(node=tree.building), PostKind.PARTTIME_MEMBER)
    assert post.counts_against_quota is False


def test_ending_a_post_keeps_it_and_refuses_a_second_end(tree):
    post = start(tree, MemberFactory(node=tree.building), PostKind.PARTTIME_MEMBER)
    actions.post_end(actor=None, post=post, ended_on=datetime.date(2026, 9, 1), reason="工作调动")
    post.refresh_from_db()
    assert post.ended_on == datetime.date(2026, 9, 1)
    with pytest.raises(ValidationError):
        actions.post_end(actor=None, post=post, ended_on=datetime.date(2026, 9, 2))


def test_a_post_cannot_end_before_it_started(tree):
    post = start(tree, MemberFactory(node=tree.building), PostKind.PARTTIME_MEMBER)
    with pytest.raises(ValidationError):
        actions.post_end(actor=None, post=post, ended_on=datetime.date(2026, 2, 1))


def test_a_member_lives_in_a_building_or_household(tree):
    with pytest.raises(ValidationError):
        actions.member_create(actor=None, node=tree.grid, **_member_fields())


def test_member_create_refuses_a_bad_id_and_writes_nothing(tree):
    fields = _member_fields(resident_id="110105194912310021")
    with pytest.raises(ValidationError) as err:
        actions.member_create(actor=None, node=tree.building, **fields)
    assert "resident_id" in err.value.message_dict
    assert not AuditEvent.objects.filter(action="member.create").exists()


def test_member_reveal_is_logged(tree):
    member = MemberFactory(node=tree.building)
    shown = actions.member_reveal(actor=None, member=member, ip="10.0.0.1")
    assert shown["resident_id"] == member.resident_id
    assert (
        AuditEvent.objects.filter(
            action="member.reveal", object_id=str(member.pk), ip="10.0.0.1"
        ).count()
        == 1
    )


def _member_fields(**overrides):
    fields = dict(
        name="张三",
        gender="M",
        birth_date=datetime.date(1980, 1, 1),
        phone="13800000001",
        resident_id="11010519491231002X",
        party_status="full",
        joined_on=datetime.date(2001, 7, 1),
        category="resident",
    )
    fields.update(overrides)
    return fields
