"""S4 双报到: an in-service member registers where they live and where they work."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organizations import actions as org_actions
from organizations.models import AuditEvent, MemberCategory
from services import actions, rules, selectors
from services.models import Basis, DualRegistration
from tests.factories import MemberFactory
from tests.organizations.web import text
from tests.services import builders

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 4, 1)


@pytest.fixture
def commuter(scene):
    """Lives in 幸福社区 (first street); works at a unit linked to 和平社区 (other street)."""
    work_unit = builders.unit(scene.tree.other_committee, "区税务局党支部")
    member = MemberFactory(
        node=scene.tree.building, category=MemberCategory.IN_SERVICE, workplace=work_unit
    )
    org_actions.member_login_create(
        actor=None, member=member, username="commuter", password="pw-12345-xyz"
    )
    member.refresh_from_db()
    return member


def test_the_rule():
    assert rules.dual_registration_problem(
        in_service=False, basis="home", is_home=True, is_work=False
    )
    assert rules.dual_registration_problem(
        in_service=True, basis="home", is_home=False, is_work=True
    )
    assert rules.dual_registration_problem(
        in_service=True, basis="work", is_home=True, is_work=False
    )
    assert (
        rules.dual_registration_problem(in_service=True, basis="work", is_home=False, is_work=True)
        is None
    )
    assert rules.coverage_percent(1, 3) == 33 and rules.coverage_percent(0, 0) is None


def test_a_member_registers_at_home_and_at_work_on_their_own_page(scene, commuter, login):
    client = login(commuter.user)
    url = reverse("services:my_registration")
    page = text(client.get(url))
    assert "幸福社区大党委" in page and "和平社区大党委" in page
    home, work = scene.tree.committee, scene.tree.other_committee
    for committee, basis in ((home, "home"), (work, "work")):
        response = client.post(
            url, {"choice": f"{committee.pk}:{basis}", "registered_on": "2026-04-01"}
        )
        assert response.status_code == 302
    assert set(commuter.dual_registrations.values_list("committee_id", "basis")) == {
        (home.pk, Basis.HOME),
        (work.pk, Basis.WORK),
    }
    assert AuditEvent.objects.filter(action="services.dual_register").count() == 2
    coverage = selectors.dual_coverage(home)
    assert coverage["registered"] == 1 and coverage["in_service"] == 1
    assert selectors.dual_coverage(work)["by_work"] == 1


def test_wrong_community_or_not_in_service_is_refused(scene, commuter):
    with pytest.raises(ValidationError):
        actions.dual_register(
            actor=None,
            member=commuter,
            committee=scene.tree.other_committee,
            basis="home",
            registered_on=DAY,
        )
    retired = MemberFactory(node=scene.tree.building, category=MemberCategory.RETIRED)
    with pytest.raises(ValidationError):
        actions.dual_register(
            actor=None,
            member=retired,
            committee=scene.tree.committee,
            basis="home",
            registered_on=DAY,
        )
    actions.dual_register(
        actor=None, member=commuter, committee=scene.tree.committee, basis="home", registered_on=DAY
    )
    with pytest.raises(ValidationError):
        actions.dual_register(
            actor=None,
            member=commuter,
            committee=scene.tree.committee,
            basis="home",
            registered_on=DAY,
        )
    assert DualRegistration.objects.count() == 1


def test_coverage_page(scene, commuter, secretary, login):
    actions.dual_register(
        actor=None, member=commuter, committee=scene.tree.committee, basis="home", registered_on=DAY
    )
    MemberFactory(node=scene.tree.building, category=MemberCategory.IN_SERVICE)
    page = text(
        login(secretary).get(reverse("services:dual_coverage", args=[scene.tree.committee.pk]))
    )
    assert "(50%)" in page and commuter.name in page


def test_a_login_without_a_member_record(secretary, login):
    response = login(secretary).get(reverse("services:my_registration"))
    assert response.status_code == 200 and response.context["member"] is None
