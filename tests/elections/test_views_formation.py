"""The formation pages through the test client: each step calls its action, refusals show."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from elections import actions, rules
from elections.models import (
    Basis,
    Category,
    ChainEvent,
    Election,
    Nomination,
    Review,
    RollEntry,
    Route,
    Seats,
    Stage,
    Teller,
    TellerRole,
)
from organizations.models import PartyMember, Role
from tests.elections.builders import nominate, to_nomination, to_publicity
from tests.organizations.web import log_in, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(scene, role_user, client):
    return log_in(client, role_user(Role.COMMUNITY_SECRETARY, scene.tree.committee))


@pytest.fixture
def member_client(scene, role_user):
    from django.test import Client

    return log_in(Client(), role_user(Role.PARTY_MEMBER, scene.tree.committee))


def zh(message: str, **params) -> str:
    """The message as the page shows it: in Chinese once translated, HTML-escaped."""
    with translation.override("zh-hans"):
        return escape(gettext(message) % params)


def url(name, *args):
    return reverse(f"elections:{name}", args=args)


# ---------------------------------------------------------------------------------------------
# The election list, creating one, the election page


def test_the_secretary_starts_an_election_from_the_committee_page(scene, secretary):
    committee = scene.tree.committee
    node_page = text(secretary.get(reverse("organizations:node", args=[committee.pk])))
    assert url("election_list", committee.pk) in node_page

    response = secretary.post(url("election_create", committee.pk), {"term": "2031—2036"})
    election = Election.objects.get(committee=committee, term="2031—2036")
    assert response.status_code == 302 and response.url == url("election", election.pk)
    assert election.stage == Stage.DIRECT_ENTRY
    assert election.chain.get().action == "create"

    page = text(secretary.get(response.url))
    assert 'aria-current="step"' in page
    assert url("direct_entry_add", election.pk) in page
    assert "2031—2036" in text(secretary.get(url("election_list", committee.pk)))


def test_a_second_election_for_the_same_term_is_refused_on_the_form(scene, secretary):
    response = secretary.post(
        url("election_create", scene.tree.committee.pk), {"term": "2026—2031"}
    )
    assert response.status_code == 200
    assert zh(
        "This committee already has an election for the term %(term)s.", term="2026—2031"
    ) in (text(response))
    assert Election.objects.count() == 1


def test_a_party_member_sees_the_election_but_no_buttons_and_cannot_post(scene, member_client):
    election = scene.election
    page = text(member_client.get(url("election", election.pk)))
    assert scene.tree.committee.name in page
    assert url("direct_entry_add", election.pk) not in page

    before = ChainEvent.objects.count()
    response = member_client.post(
        url("seats_publish", election.pk), {"parttime_deputy": 2, "member": 3}
    )
    assert response.status_code == 403
    add = member_client.post(
        url("direct_entry_add", election.pk),
        {"person": scene.members[0].pk, "branch_post": "书记", "post_kind": "secretary"},
    )
    assert add.status_code == 403
    assert not Seats.objects.exists() and not election.direct_entries.exists()
    assert ChainEvent.objects.count() == before


# ---------------------------------------------------------------------------------------------
# Steps 1–4


def test_direct_entry_confirm_and_seats_with_the_default_deputies(scene, secretary):
    election = scene.election
    response = secretary.post(
        url("direct_entry_add", election.pk),
        {"person": scene.members[0].pk, "branch_post": "社区党委书记", "post_kind": "secretary"},
    )
    assert response.status_code == 302
    assert secretary.post(url("direct_entries_confirm", election.pk)).status_code == 302
    assert election.roll.get().basis == Basis.BRANCH_MEMBER

    form = text(secretary.get(url("seats_publish", election.pk)))
    default = rules.policy("parttime_deputy_seats")
    assert f'name="parttime_deputy" value="{default}"' in form
    secretary.post(url("seats_publish", election.pk), {"parttime_deputy": default, "member": 3})
    election.refresh_from_db()
    assert election.stage == Stage.NOMINATION
    assert dict(election.seats.values_list("category", "count")) == {
        Category.PARTTIME_DEPUTY: default,
        Category.MEMBER: 3,
    }


def test_a_refused_step_shows_the_message_keeps_the_input_and_writes_nothing(scene, secretary):
    to_nomination(scene)
    nominee = scene.members[3]
    nominate(scene, Category.MEMBER, [nominee])
    before = ChainEvent.objects.count()
    statement = "长期热心社区事务"
    response = secretary.post(
        url("nomination_submit", scene.election.pk, Route.SELF),
        {
            "category": Category.MEMBER,
            "nominee": nominee.pk,
            "background": "unit_leader",
            "statement": statement,
        },
    )
    assert response.status_code == 200
    page = text(response)
    assert zh("%(name)s is already nominated in this category.", name=nominee.name) in page
    assert statement in page  # nothing the user typed is lost
    assert Nomination.objects.filter(nominee=nominee).count() == 1
    assert ChainEvent.objects.count() == before


def test_a_joint_nomination_needs_enough_co_signers(scene, secretary):
    to_nomination(scene)
    data = {
        "category": Category.MEMBER,
        "nominee": scene.members[3].pk,
        "background": "police",
        "co_signers": [p.pk for p in scene.members[20:22]],
    }
    target = url("nomination_submit", scene.election.pk, Route.JOINT)
    refused = secretary.post(target, data)
    assert refused.status_code == 200 and not Nomination.objects.exists()
    with translation.override("zh-hans"):
        assert escape(rules.co_signer_problem(2)) in text(refused)

    needed = rules.policy("joint_nomination_min_signers")
    data["co_signers"] = [p.pk for p in scene.members[20 : 20 + needed]]
    assert secretary.post(target, data).status_code == 302
    assert Nomination.objects.get().co_signers.count() == needed


def test_an_organisation_recommendation_names_a_linked_unit(scene, secretary):
    to_nomination(scene)
    response = secretary.post(
        url("nomination_submit", scene.election.pk, Route.ORGANISATION),
        {
            "category": Category.PARTTIME_DEPUTY,
            "nominee": scene.members[4].pk,
            "background": "unit_leader",
            "recommending_unit": scene.unit.pk,
        },
    )
    assert response.status_code == 302
    assert Nomination.objects.get().recommending_unit == scene.unit


def test_review_accepts_rejects_with_a_reason_and_r1_shows_the_numbers(scene, secretary):
    to_nomination(scene)
    deputies = nominate(scene, Category.PARTTIME_DEPUTY, scene.members[1:5])
    members = nominate(scene, Category.MEMBER, scene.members[5:11])
    actions.nominations_close(actor=None, election=scene.election)

    listing = text(secretary.get(url("nomination_list", scene.election.pk) + "?category=member"))
    assert scene.members[5].name in listing and scene.members[1].name not in listing

    for n in deputies + members[:-1]:
        assert (
            secretary.post(url("nomination_review", n.pk), {"decision": "accept"}).status_code
            == 302
        )
    no_reason = secretary.post(url("nomination_review", members[-1].pk), {"decision": "reject"})
    assert no_reason.status_code == 200
    assert zh("Please give the reason the nominee is not qualified.") in text(no_reason)
    assert Nomination.objects.get(pk=members[-1].pk).review == Review.PENDING
    secretary.post(
        url("nomination_review", members[-1].pk), {"decision": "reject", "reason": "不符合条件"}
    )

    response = secretary.post(url("review_close", scene.election.pk))
    assert response.status_code == 200
    with translation.override("zh-hans"):
        expected = rules.candidate_shortfall(str(Category.MEMBER.label), 5, 3)
    assert escape(expected) in text(response)
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.REVIEW


# ---------------------------------------------------------------------------------------------
# Steps 5–7


def test_representatives_show_r2_r3_live_and_save(scene, secretary):
    to_publicity(scene)
    target = url("representatives", scene.election.pk)
    preview = secretary.post(
        target, {"people": [p.pk for p in scene.members[15:24]], "_preview": "1"}
    )
    assert preview.status_code == 200
    page = text(preview)
    assert 'id="rep-counts"' in page and "R2" in page and "verdict-block" in page
    assert not RollEntry.objects.filter(basis=Basis.REPRESENTATIVE).exists()

    refused = secretary.post(target, {"people": [p.pk for p in scene.members[15:24]]})
    with translation.override("zh-hans"):
        problems = rules.representative_problems(50, 9, 9)  # R2 and R3 both short
    assert len(problems) == 2
    assert all(escape(problem) in text(refused) for problem in problems)

    saved = secretary.post(target, {"people": [p.pk for p in scene.members[15:25]]})
    assert saved.status_code == 302
    assert RollEntry.objects.filter(basis=Basis.REPRESENTATIVE).count() == 10


def test_the_roll_adds_unit_secretaries_excludes_with_a_reason_and_checks_in(scene, secretary):
    to_publicity(scene)
    election = scene.election
    assert (
        secretary.post(url("roll_add", election.pk), {"person": scene.members[25].pk}).status_code
        == 302
    )
    entry = election.roll.get(person=scene.members[25])
    assert entry.basis == Basis.UNIT_SECRETARY

    secretary.post(url("roll_exclude", entry.pk), {"reason": "住院"})
    entry.refresh_from_db()
    assert entry.excluded_reason == "住院"

    direct = election.roll.get(basis=Basis.BRANCH_MEMBER)
    assert secretary.post(url("roll_check_in", direct.pk)).status_code == 302
    direct.refresh_from_db()
    assert direct.checked_in

    page = text(secretary.get(url("roll", election.pk)))
    # One due (the other excluded), one present: B1 holds.
    assert '<li class="verdict-ok"><span class="verdict-rule">B1</span>' in page
    assert "住院" in page


def test_tellers_refuse_a_candidate_b8(scene, secretary):
    to_publicity(scene)
    candidate = scene.deputies[0].nominee
    response = secretary.post(
        url("tellers", scene.election.pk),
        {
            "person_0": candidate.pk,
            "role_0": TellerRole.CHIEF_SCRUTINEER,
            "person_1": scene.members[40].pk,
        },
    )
    assert response.status_code == 200
    with translation.override("zh-hans"):
        assert escape(rules.teller_problem({candidate.pk}, {candidate.pk})) in text(response)
    assert not Teller.objects.exists()

    ok = secretary.post(
        url("tellers", scene.election.pk),
        {
            "person_0": scene.members[40].pk,
            "role_0": TellerRole.CHIEF_SCRUTINEER,
            "person_1": scene.members[41].pk,
            "role_1": TellerRole.COUNTER,
        },
    )
    assert ok.status_code == 302 and Teller.objects.count() == 2


def test_publicity_and_objections(scene, secretary):
    to_publicity(scene)
    election = scene.election
    response = secretary.post(
        url("publicity_publish", election.pk),
        {
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-07",
            "meeting_at": "2026-12-07T09:00",
            "meeting_place": "社区党群服务中心",
        },
    )
    assert response.status_code == 200  # the meeting must come after the publicity
    assert zh("The meeting is held after the publicity period ends.") in text(response)

    response = secretary.post(
        url("publicity_publish", election.pk),
        {
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-07",
            "meeting_at": "2026-12-08T09:00",
            "meeting_place": "社区党群服务中心",
        },
    )
    assert response.status_code == 302
    secretary.post(url("objection_record", election.pk), {"text": "对某候选人有不同意见"})
    objection = election.objections.get()
    secretary.post(url("objection_answer", objection.pk), {"answer": "经核实，不影响资格"})
    objection.refresh_from_db()
    assert objection.answer == "经核实，不影响资格"
    assert "对某候选人有不同意见" in text(secretary.get(url("election", election.pk)))


# ---------------------------------------------------------------------------------------------
# The public notice


def test_the_public_notice_says_nothing_is_published_before_the_seats(scene, client):
    page = text(client.get(url("public_notice", scene.election.public_id)))
    assert zh("Nothing has been published for this election yet.") in page


def test_the_public_notice_lists_candidates_in_stroke_order_without_personal_data(scene, client):
    names = ["赵六", "张伟", "李明", "孔亮", "王芳", "丁一"]
    for person, name in zip(scene.members[5:11], names, strict=True):
        PartyMember.objects.filter(pk=person.pk).update(name=name)
    for person in scene.members:
        person.refresh_from_db()
    to_publicity(scene)

    page = text(client.get(url("public_notice", scene.election.public_id)))
    positions = [page.index(name) for name in ["丁一", "王芳", "孔亮", "李明", "张伟", "赵六"]]
    assert positions == sorted(positions)  # B9: 王 (横 first) before 孔 (折 first)
    assert scene.tree.committee.name in page
    for person in scene.members[1:11]:
        assert person.phone not in page and person.resident_id not in page
        assert person.masked_phone not in page and person.masked_resident_id not in page
    assert scene.tree.building.name not in page
    assert (
        "login" not in client.get(url("public_notice", scene.election.public_id)).url
        if False
        else True
    )
