"""Theme party days: scheduling, attendance, QR check-in, photos, iCal."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar

from meetings import actions
from meetings.models import Presence, State
from organizations import actions as org_actions
from organizations.models import AuditEvent
from tests.factories import MemberFactory
from tests.meetings.helpers import theme_day
from tests.organizations.web import png_bytes

pytestmark = pytest.mark.django_db


def test_default_invitees_are_the_post_holders(scene):
    record = theme_day(scene.tree.committee)
    assert [a.member for a in record.attendance.all()] == [scene.member]
    assert AuditEvent.objects.filter(action="theme_day.create").count() == 1


def test_a_theme_day_belongs_to_a_committee(scene):
    with pytest.raises(ValidationError):
        theme_day(scene.tree.street)


def test_states_and_closing_requires_minutes(scene):
    record = theme_day(scene.tree.committee)
    actions.theme_day_mark_held(actor=None, theme_day=record)
    with pytest.raises(ValidationError):
        actions.theme_day_close(actor=None, theme_day=record)
    actions.theme_day_update(actor=None, theme_day=record, minutes="学习了文件。")
    actions.theme_day_close(actor=None, theme_day=record)
    assert record.state == State.CLOSED
    with pytest.raises(ValidationError):
        actions.theme_day_update(actor=None, theme_day=record, topic="改")


def test_cancel_needs_a_reason(scene):
    record = theme_day(scene.tree.committee)
    with pytest.raises(ValidationError):
        actions.theme_day_cancel(actor=None, theme_day=record, reason="")
    actions.theme_day_cancel(actor=None, theme_day=record, reason="台风")
    assert record.state == State.CANCELLED


def test_invite_only_community_members(scene):
    record = theme_day(scene.tree.committee)
    outsider = MemberFactory(node=scene.tree.other_building)
    with pytest.raises(ValidationError):
        actions.invite(actor=None, theme_day=record, member=outsider)
    neighbour = MemberFactory(node=scene.tree.building)
    actions.invite(actor=None, theme_day=record, member=neighbour)
    assert record.attendance.count() == 2


def test_tick_list_leave_and_make_up(scene):
    record = theme_day(scene.tree.committee)
    other = actions.invite(
        actor=None, theme_day=record, member=MemberFactory(node=scene.tree.building)
    )
    first = record.attendance.get(member=scene.member)
    actions.attendance_tick(actor=None, theme_day=record, present_ids=[first.pk])
    first.refresh_from_db()
    other.refresh_from_db()
    assert (first.presence, other.presence) == (Presence.PRESENT, Presence.ABSENT)
    with pytest.raises(ValidationError):
        actions.attendance_update(actor=None, attendance=other, presence=Presence.LEAVE)
    actions.attendance_update(
        actor=None, attendance=other, presence=Presence.LEAVE, leave_reason="出差"
    )
    actions.attendance_update(
        actor=None,
        attendance=other,
        makeup_on=datetime.date(2026, 11, 20),
        makeup_note="自学并交心得",
    )
    other.refresh_from_db()
    assert other.makeup_on == datetime.date(2026, 11, 20)


def member_login(member, username):
    return org_actions.member_login_create(
        actor=None, member=member, username=username, password="pw-For-tests-1"
    )


def test_qr_check_in_by_a_community_member(scene, login):
    record = theme_day(scene.tree.committee)
    neighbour = MemberFactory(node=scene.tree.building)
    client = login(member_login(neighbour, "neighbour"))
    url = reverse("meetings:check_in", args=[record.pk, record.checkin_token])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    row = record.attendance.get(member=neighbour)
    assert (row.presence, row.by_qr, row.invited) == (Presence.PRESENT, True, False)
    wrong = reverse("meetings:check_in", args=[record.pk, "wrong"])
    assert client.get(wrong).status_code == 404


def test_qr_check_in_refused_to_another_community(scene):
    record = theme_day(scene.tree.committee)
    stranger = MemberFactory(node=scene.tree.other_building)
    user = member_login(stranger, "stranger")
    with pytest.raises(ValidationError):
        actions.check_in(user=user, theme_day=record, token=record.checkin_token)


def test_qr_code_is_an_svg(scene, secretary, login):
    record = theme_day(scene.tree.committee)
    response = login(secretary).get(reverse("meetings:qr", args=[record.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def upload(name, data, content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_photo_validated_by_content_and_served_through_the_gate(scene, secretary, login):
    record = theme_day(scene.tree.committee)
    with pytest.raises(ValidationError):
        actions.photo_add(actor=None, theme_day=record, upload=upload("x.png", b"not an image"))
    from PIL import Image

    gif = io.BytesIO()
    Image.new("RGB", (2, 2)).save(gif, format="GIF")
    with pytest.raises(ValidationError):
        actions.photo_add(actor=None, theme_day=record, upload=upload("x.jpg", gif.getvalue()))
    photo = actions.photo_add(actor=None, theme_day=record, upload=upload("a.jpg", png_bytes()))
    assert photo.image.name.endswith(".png")
    response = login(secretary).get(reverse("meetings:photo", args=[photo.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()


def test_photo_size_limit(scene, settings):
    settings.DAJIWEI_MEETINGS = {**settings.DAJIWEI_MEETINGS, "photo_max_mb": 0}
    record = theme_day(scene.tree.committee)
    with pytest.raises(ValidationError):
        actions.photo_add(actor=None, theme_day=record, upload=upload("a.png", png_bytes()))


def test_photo_upload_page(scene, secretary, login):
    record = theme_day(scene.tree.committee)
    client = login(secretary)
    url = reverse("meetings:photo_add", args=[record.pk])
    response = client.post(url, {"image": upload("a.png", png_bytes())})
    assert response.status_code == 302
    response = client.post(url, {"image": upload("a.png", b"GIF89a....")})
    assert response.status_code == 200
    assert record.photos.count() == 1


def test_ical_feeds(scene, client):
    record = theme_day(scene.tree.committee)
    feed = actions.feed_for_committee(scene.tree.committee)
    response = client.get(reverse("meetings:ical_committee", args=[feed.token]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [f"{record.form_label}: {record.topic}"]
    member = actions.feed_for_member(scene.member)
    response = client.get(reverse("meetings:ical_member", args=[member.token]))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
    assert client.get(reverse("meetings:ical_committee", args=["nope"])).status_code == 404
    # A member's token is not a committee's.
    assert client.get(reverse("meetings:ical_committee", args=[member.token])).status_code == 404


def test_schedule_through_the_page(scene, secretary, login):
    client = login(secretary)
    response = client.post(
        reverse("meetings:create", args=[scene.tree.committee.pk]),
        {
            "topic": "走访慰问困难党员",
            "form": "comfort",
            "date": "2026-11-28",
            "start_time": "14:30",
            "place": "幸福社区",
        },
    )
    assert response.status_code == 302
    detail = client.get(response.url)
    assert "走访慰问困难党员" in detail.content.decode()
    listing = client.get(reverse("meetings:list", args=[scene.tree.committee.pk]))
    assert "走访慰问困难党员" in listing.content.decode()
