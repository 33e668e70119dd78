"""The audit log search for district staff."""

from django.urls import reverse

from organizations import actions
from organizations.models import Role
from tests.organizations.web import text


def test_district_staff_search_the_log_by_action_user_and_organisation(scene, role_user, login):
    district = role_user(Role.DISTRICT_STAFF, scene.tree.district)
    secretary = role_user(Role.COMMUNITY_SECRETARY, scene.tree.committee)
    actions.member_reveal(actor=secretary, member=scene.member, ip="10.0.0.8")
    client = login(district)
    url = reverse("organizations:audit")

    page = text(client.get(url, {"action": "member.reveal"}))
    assert "10.0.0.8" in page and secretary.username in page
    assert "household.create" not in page

    page = text(client.get(url, {"actor": secretary.username}))
    assert "member.reveal" in page and "node.create" not in page

    page = text(client.get(url, {"node": scene.tree.other_street.pk, "action": "member."}))
    assert "member.reveal" not in page

    assert "member.reveal" in text(client.get(url, {"since": "2000-01-01", "until": "2999-12-31"}))
    assert "member.reveal" not in text(client.get(url, {"until": "2000-01-01"}))
