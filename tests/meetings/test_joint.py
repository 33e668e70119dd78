"""Joint meetings and visits (M4), training of grid staff (M5): rules, actions, pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import joint, rules
from meetings.models import JointMeeting, Training, Visit
from organizations import actions as org_actions
from organizations.models import AuditEvent, PostKind, PostSource, UnitKind
from tests.factories import MemberFactory

DAY = datetime.date(2026, 3, 10)
TODAY = datetime.date(2026, 11, 27)


# --- rules, at their edges


def test_rate_with_no_invitation_is_not_measured():
    assert rules.joint_attendance_rate(0, 0) is None


def test_rate_all_and_half_and_none_attended():
    assert rules.joint_attendance_rate(4, 4) == 1.0
    assert rules.joint_attendance_rate(4, 2) == 0.5
    assert rules.joint_attendance_rate(3, 0) == 0.0
    assert rules.joint_attendance_rate(2, 5) == 1.0  # never above all


def test_past_dates_only():
    rules.check_past(TODAY, TODAY)
    with pytest.raises(ValidationError, match="2026-11-28"):
        rules.check_past(TODAY + datetime.timedelta(days=1), TODAY)


def test_invite_at_least_one():
    rules.check_invitees(1)
    with pytest.raises(ValidationError):
        rules.check_invitees(0)


# --- helpers


def second_unit(tree, name="市第一中学党总支"):
    return org_actions.unit_create(
        actor=None,
        committee=tree.committee,
        linked_on=DAY,
        name=name,
        kind=UnitKind.STATE_ENTERPRISE,
        superior="区教育局",
    )


def meeting(tree, units, date=DAY, topic="共驻共建项目对接"):
    return joint.joint_meeting_create(
        actor=None,
        committee=tree.committee,
        date=date,
        place="社区党群服务中心",
        topic=topic,
        agenda="通报需求清单\n认领项目",
        units=units,
    )


def grid_member(tree, name):
    member = MemberFactory(node=tree.building, name=name)
    org_actions.post_start(
        actor=None,
        node=tree.grid,
        person=member,
        kind=PostKind.GRID_MEMBER,
        source=PostSource.APPOINTED,
        started_on=DAY,
        override_reason="试点",
    )
    return member


# --- joint meetings


@pytest.mark.django_db
def test_joint_meeting_invites_linked_units_only(scene):
    tree = scene.tree
    other = org_actions.unit_create(
        actor=None,
        committee=tree.other_committee,
        linked_on=DAY,
        name="和平医院党委",
        kind=UnitKind.STATE_ENTERPRISE,
        superior="区卫健委",
    )
    record = meeting(tree, [scene.unit, other])
    assert [i.unit for i in record.invitations.all()] == [scene.unit]
    assert AuditEvent.objects.filter(action="joint_meeting.create", object_id=record.pk).exists()
    with pytest.raises(ValidationError):
        meeting(tree, [other])


@pytest.mark.django_db
def test_recording_attendance_and_the_rates(scene):
    tree = scene.tree
    school = second_unit(tree)
    worker = MemberFactory(node=tree.building, name="赵工", workplace=scene.unit)
    outsider = MemberFactory(node=tree.building, name="钱老师")
    first, second = meeting(tree, [scene.unit, school]), meeting(tree, [scene.unit, school])
    for record, school_came in ((first, True), (second, False)):
        invitations = {i.unit_id: i.pk for i in record.invitations.all()}
        joint.joint_meeting_record(
            actor=None,
            meeting=record,
            minutes="会议认领项目3个",
            resolutions="",
            attendance={
                invitations[scene.unit.pk]: (True, "王经理", [worker, outsider]),
                invitations[school.pk]: (school_came, "李校长", []),
            },
        )
    came = first.invitations.get(unit=scene.unit)
    assert came.participants == "王经理"
    assert list(came.members.all()) == [worker]  # not a member of the unit: left out
    assert second.invitations.get(unit=school).participants == ""
    rates = joint.joint_rates(tree.committee, 2026, today=TODAY)
    assert rates == {scene.unit.pk: 1.0, school.pk: 0.5}
    assert joint.joint_rates(tree.committee, 2025, today=TODAY) == {}
    # Meetings still to come are not held against anyone.
    meeting(tree, [school], date=datetime.date(2026, 12, 20))
    assert joint.joint_rates(tree.committee, 2026, today=TODAY)[school.pk] == 0.5


@pytest.mark.django_db
def test_attendance_cannot_be_recorded_before_the_day(scene):
    record = meeting(scene.tree, [scene.unit], date=datetime.date(2099, 1, 1))
    invitation = record.invitations.get()
    with pytest.raises(ValidationError):
        joint.joint_meeting_record(
            actor=None,
            meeting=record,
            minutes="",
            resolutions="",
            attendance={invitation.pk: (True, "", [])},
        )


@pytest.mark.django_db
def test_joint_meeting_pages(scene, secretary, login):
    tree = scene.tree
    client = login(secretary)
    url = reverse("meetings:joint_meeting_create", args=[tree.committee.pk])
    bad = client.post(url, {"date": "1999-01-01", "place": "x", "topic": "", "agenda": "a"})
    assert bad.status_code == 200 and not JointMeeting.objects.exists()
    too_long = {"date": "2026-03-10", "place": "x" * 201, "topic": "t", "agenda": "a"}
    assert client.post(url, {**too_long, "units": [scene.unit.pk]}).status_code == 200
    response = client.post(
        url,
        {
            "date": "2026-03-10",
            "place": "社区党群服务中心",
            "topic": "共驻共建项目对接",
            "agenda": "通报需求清单",
            "units": [scene.unit.pk],
        },
    )
    record = JointMeeting.objects.get()
    assert response.url == record.get_absolute_url()
    invitation = record.invitations.get()
    response = client.post(
        reverse("meetings:joint_meeting_record", args=[record.pk]),
        {
            "minutes": "认领项目3个",
            "resolutions": "共建活动室",
            f"attended_{invitation.pk}": "on",
            f"participants_{invitation.pk}": "王经理、张主任",
        },
    )
    assert response.status_code == 302
    page = client.get(record.get_absolute_url()).content.decode()
    assert "王经理、张主任" in page and "共建活动室" in page
    listed = client.get(
        reverse("meetings:joint_meetings", args=[tree.committee.pk]), {"year": 2026}
    )
    assert "1 / 1" in listed.content.decode()
    empty = client.get(reverse("meetings:joint_meetings", args=[tree.committee.pk]), {"year": 2025})
    assert "共驻共建项目对接" not in empty.content.decode()


# --- visits


@pytest.mark.django_db
def test_visits(scene, secretary, login):
    tree = scene.tree
    with pytest.raises(ValidationError):  # not yet happened
        joint.visit_record(
            actor=None,
            committee=tree.committee,
            unit=scene.unit,
            date=datetime.date(2099, 1, 1),
            visitors="王书记",
            purpose="了解需求",
        )
    client = login(secretary)
    url = reverse("meetings:visit_create", args=[tree.committee.pk])
    data = {"date": "2026-03-10", "unit": scene.unit.pk, "visitors": "王书记", "purpose": "需求"}
    assert client.post(url, {**data, "purpose": "p" * 201}).status_code == 200
    response = client.post(url, {**data, "outcome": "认领助学项目"})
    visit = Visit.objects.get()
    assert response.url == visit.get_absolute_url()
    assert AuditEvent.objects.filter(action="visit.record", object_id=visit.pk).exists()
    page = client.get(reverse("meetings:visits", args=[tree.committee.pk]), {"year": 2026})
    assert "区供电公司党委" in page.content.decode()
    assert "认领助学项目" in client.get(visit.get_absolute_url()).content.decode()


# --- training of grid staff


@pytest.mark.django_db
def test_training_invites_grid_staff_and_ticks_attendance(scene, secretary, login):
    tree = scene.tree
    staff = grid_member(tree, "周网格员")
    stranger = MemberFactory(node=tree.building, name="吴党员")
    assert set(joint.grid_staff(tree.committee)) == {staff, scene.member}
    client = login(secretary)
    url = reverse("meetings:training_create", args=[tree.committee.pk])
    data = {"date": "2026-03-10", "topic": "网格员业务培训", "trainer": "街道", "place": "中心"}
    assert client.post(url, {**data, "trainees": [stranger.pk]}).status_code == 200
    assert (
        client.post(url, {**data, "trainer": "t" * 101, "trainees": [staff.pk]}).status_code == 200
    )
    assert client.post(url, {**data, "level": "l" * 101, "trainees": [staff.pk]}).status_code == 200
    response = client.post(
        url, {**data, "level": "新任网格员", "trainees": [staff.pk, scene.member.pk]}
    )
    training = Training.objects.get()
    assert response.url == training.get_absolute_url()
    assert training.attendance.count() == 2
    client.post(
        reverse("meetings:training_attendance", args=[training.pk]), {"present": [staff.pk]}
    )
    assert list(training.attendance.filter(present=True).values_list("member", flat=True)) == [
        staff.pk
    ]
    page = client.get(reverse("meetings:trainings", args=[tree.committee.pk]), {"year": 2026})
    assert "1 / 2" in page.content.decode() and "新任网格员" in page.content.decode()


@pytest.mark.django_db
def test_training_attendance_waits_for_the_day(scene):
    staff = grid_member(scene.tree, "周网格员")
    training = joint.training_create(
        actor=None,
        committee=scene.tree.committee,
        date=datetime.date(2099, 1, 1),
        topic="培训",
        trainer="街道",
        place="中心",
        trainees=[staff],
    )
    with pytest.raises(ValidationError):
        joint.training_attendance(actor=None, training=training, present_ids=[staff.pk])


# --- query budgets: the same for 2 and 10 rows


def grow(scene, count, start):
    tree = scene.tree
    staff = grid_member(tree, f"网格员{start}")
    for i in range(start, start + count):
        unit = second_unit(tree, name=f"单位{i:03d}")
        meeting(tree, [scene.unit, unit], topic=f"联席会议{i}")
        joint.visit_record(
            actor=None,
            committee=tree.committee,
            unit=unit,
            date=DAY,
            visitors="王书记",
            purpose="走访",
        )
        joint.training_create(
            actor=None,
            committee=tree.committee,
            date=DAY,
            topic=f"培训{i}",
            trainer="街道",
            place="中心",
            trainees=[staff, scene.member],
        )


def queries(client, url) -> int:
    client.get(url, {"year": 2026})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"year": 2026})
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["meetings:joint_meetings", "meetings:visits", "meetings:trainings"]
)
def test_list_pages_keep_their_query_budget(name, scene, secretary, login):
    client = login(secretary)
    url = reverse(name, args=[scene.tree.committee.pk])
    grow(scene, 2, 0)
    few = queries(client, url)
    grow(scene, 8, 2)
    assert queries(client, url) == few
