"""Member units: recorded on a committee, edited by its managers or the unit's contact, linked."""

from django.urls import reverse

from organizations.models import MemberUnit, Role, UnitLink
from tests.organizations.web import text


def unit_data(**changes):
    data = {
        "name": "区人民医院党委",
        "kind": "institution",
        "superior": "区卫健局党委",
        "registered_on": "2026-02-01",
        "contact_name": "陈敏",
        "contact_phone": "13800001111",
        "member_count": 85,
        "linked_on": "2026-02-01",
    }
    return {**data, **changes}


def test_a_unit_is_recorded_and_linked_to_the_committee(tree, secretary, login):
    response = login(secretary).post(
        reverse("organizations:unit_create", args=[tree.committee.pk]), unit_data()
    )
    unit = MemberUnit.objects.get(name="区人民医院党委")
    assert response.status_code == 302 and response.url == unit.get_absolute_url()
    assert [link.committee for link in unit.links.all()] == [tree.committee]
    assert unit.superior == "区卫健局党委"  # its own affiliation is kept


def test_a_bad_contact_phone_is_refused(tree, secretary, login):
    response = login(secretary).post(
        reverse("organizations:unit_create", args=[tree.committee.pk]),
        unit_data(contact_phone="12345"),
    )
    assert response.status_code == 200 and 'value="区人民医院党委"' in text(response)
    assert not MemberUnit.objects.exists()


def test_the_units_contact_may_edit_it(scene, role_user, login):
    contact = role_user(Role.UNIT_CONTACT, scene.tree.committee, unit=scene.unit)
    data = unit_data(name=scene.unit.name, member_count=40)
    response = login(contact).post(reverse("organizations:unit_update", args=[scene.unit.pk]), data)
    assert response.status_code == 302
    scene.unit.refresh_from_db()
    assert scene.unit.member_count == 40


def test_a_unit_is_linked_to_another_committee(scene, role_user, login):
    district = role_user(Role.DISTRICT_STAFF, scene.tree.district)
    response = login(district).post(
        reverse("organizations:unit_link", args=[scene.unit.pk]),
        {"committee": scene.tree.other_committee.pk, "linked_on": "2026-04-01"},
    )
    assert response.status_code == 302
    assert UnitLink.objects.filter(unit=scene.unit, committee=scene.tree.other_committee).exists()


def test_the_unit_roster_lists_linked_units_and_filters_by_kind(scene, secretary, login):
    url = reverse("organizations:unit_list", args=[scene.tree.committee.pk])
    client = login(secretary)
    assert scene.unit.name in text(client.get(url))
    assert scene.unit.name not in text(client.get(url, {"kind": "organ"}))
