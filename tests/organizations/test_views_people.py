"""Party members, households and service recipients through their pages."""

import datetime

from django.urls import reverse
from django.utils.html import escape

from organizations.models import AuditEvent, Household, PartyMember, ServiceRecipient
from tests.factories import resident_id
from tests.organizations.web import text

GOOD_ID = resident_id(77, birth="19850615")


def member_data(node, **changes):
    data = {
        "name": "王建国",
        "gender": "M",
        "birth_date": "1985-06-15",
        "phone": "13912345678",
        "resident_id": GOOD_ID,
        "party_status": "full",
        "joined_on": "2008-07-01",
        "category": "in_service",
        "node": node.pk,
        "relationship_held_at": "区供电公司党委",
    }
    return {**data, **changes}


def test_a_member_is_registered_through_the_form(tree, secretary, login):
    response = login(secretary).post(
        reverse("organizations:member_create", args=[tree.committee.pk]),
        member_data(tree.household),
    )
    member = PartyMember.objects.get(name="王建国")
    assert response.status_code == 302 and response.url == member.get_absolute_url()
    assert member.node == tree.household and member.resident_id == GOOD_ID
    assert AuditEvent.objects.filter(action="member.create", object_id=str(member.pk)).count() == 1


def test_a_wrong_id_checksum_is_explained_and_nothing_is_saved(tree, secretary, login):
    wrong = GOOD_ID[:17] + ("0" if GOOD_ID[17] != "0" else "1")
    response = login(secretary).post(
        reverse("organizations:member_create", args=[tree.committee.pk]),
        member_data(tree.building, resident_id=wrong),
    )
    page = text(response)
    assert response.status_code == 200
    [error] = response.context["form"].errors["resident_id"]
    assert GOOD_ID[17] in error and escape(error) in page  # names the expected character
    assert 'value="王建国"' in page and 'value="13912345678"' in page  # nothing typed is lost
    assert not PartyMember.objects.filter(name="王建国").exists()


def test_a_home_must_be_a_building_or_household_in_scope(tree, secretary, login):
    client = login(secretary)
    url = reverse("organizations:member_create", args=[tree.committee.pk])
    for home in (tree.grid, tree.other_building):
        assert client.post(url, member_data(home)).status_code == 200
    assert not PartyMember.objects.filter(name="王建国").exists()


def test_lists_and_the_detail_page_mask_the_id_and_phone(scene, secretary, login):
    member = scene.member
    client = login(secretary)
    for url in (
        reverse("organizations:member_list", args=[scene.tree.committee.pk]),
        reverse("organizations:member", args=[member.pk]),
    ):
        page = text(client.get(url))
        assert member.masked_resident_id in page and member.masked_phone in page
        assert member.resident_id not in page and member.phone not in page


def test_show_in_full_writes_exactly_one_audit_event(scene, secretary, login):
    member = scene.member
    url = reverse("organizations:member_reveal", args=[member.pk])
    response = login(secretary).post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert member.resident_id in text(response) and member.phone in text(response)
    assert "<html" not in text(response)  # the partial only
    events = AuditEvent.objects.filter(action="member.reveal", object_id=str(member.pk))
    assert [e.actor for e in events] == [secretary]


def test_show_in_full_without_javascript_returns_the_whole_page(scene, secretary, login):
    response = login(secretary).post(reverse("organizations:member_reveal", args=[scene.member.pk]))
    assert "<html" in text(response) and scene.member.resident_id in text(response)


def test_show_in_full_is_refused_without_the_sensitive_data_permission(scene, office, login):
    client = login(office)
    detail = text(client.get(reverse("organizations:member", args=[scene.member.pk])))
    reveal_url = reverse("organizations:member_reveal", args=[scene.member.pk])
    assert reveal_url not in detail
    assert client.post(reveal_url, HTTP_HX_REQUEST="true").status_code == 403
    assert not AuditEvent.objects.filter(action="member.reveal").exists()


def test_the_edit_form_never_shows_the_full_id_and_keeps_it_when_left_empty(scene, office, login):
    member = scene.member
    client = login(office)
    url = reverse("organizations:member_update", args=[member.pk])
    assert member.resident_id not in text(client.get(url))
    data = member_data(member.node, name="李红梅", resident_id="", phone="")
    data.update(birth_date="1980-01-01")
    response = client.post(url, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == "李红梅" and member.resident_id == scene.member.resident_id
    event = AuditEvent.objects.get(action="member.update", object_id=str(member.pk))
    assert "name" in event.data["fields"] and "resident_id" not in event.data["fields"]


def test_roster_filters_by_grid_and_category(scene, secretary, login):
    url = reverse("organizations:member_list", args=[scene.tree.committee.pk])
    client = login(secretary)
    assert scene.member.name in text(client.get(url, {"grid": scene.tree.grid.pk}))
    assert scene.member.name not in text(client.get(url, {"category": "floating"}))


def test_households_and_recipients_are_added_where_they_belong(scene, secretary, login):
    tree, client = scene.tree, login(secretary)
    response = client.post(
        reverse("organizations:household_create", args=[tree.building.pk]),
        {"address": "幸福路1号1单元102", "head_name": "赵强", "people_count": 4},
    )
    assert response.status_code == 302
    assert Household.objects.get(address="幸福路1号1单元102").node == tree.building
    assert (
        client.get(reverse("organizations:household_create", args=[tree.grid.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("organizations:recipient_create", args=[tree.grid.pk]),
        {"name": "钱爷爷", "kind": "elderly", "household": scene.household.pk, "needs": "助餐"},
    )
    assert response.status_code == 302
    assert ServiceRecipient.objects.get(name="钱爷爷").household == scene.household


def test_editing_a_household_keeps_it_under_its_building(scene, secretary, login):
    response = login(secretary).post(
        reverse("organizations:household_update", args=[scene.household.pk]),
        {"address": scene.household.address, "head_name": "孙丽", "people_count": 2},
    )
    assert response.status_code == 302
    scene.household.refresh_from_db()
    assert (scene.household.head_name, scene.household.people_count) == ("孙丽", 2)


def test_a_joining_date_before_birth_is_refused(tree, secretary, login):
    response = login(secretary).post(
        reverse("organizations:member_create", args=[tree.committee.pk]),
        member_data(tree.building, joined_on=str(datetime.date(1980, 1, 1))),
    )
    assert response.status_code == 200
    assert not PartyMember.objects.filter(name="王建国").exists()
