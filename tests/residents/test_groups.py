"""Special groups (S8): needs, visits, and who has not been visited for N days."""

import datetime

from django.urls import reverse
from django.utils import timezone

from organizations import actions as org_actions
from organizations.models import RecipientKind, Role
from residents import actions, selectors
from residents.models import Visit
from tests.organizations.web import text


def test_needs_and_visits_are_recorded_by_the_grid_secretary(scene, role_user, login):
    staff = login(role_user(Role.GRID_SECRETARY, scene.tree.grid))
    recipient = scene.recipient
    response = staff.post(
        reverse("residents:recipient_needs", args=[recipient.pk]), {"needs": ["meals", "comfort"]}
    )
    assert response.status_code == 302
    today = timezone.localdate()
    response = staff.post(
        reverse("residents:recipient_visit", args=[recipient.pk]),
        {"kind": "service", "need": "meals", "visited_on": today.isoformat(), "note": "送午餐"},
    )
    assert response.status_code == 302
    future = (today + datetime.timedelta(days=1)).isoformat()
    response = staff.post(
        reverse("residents:recipient_visit", args=[recipient.pk]),
        {"kind": "visit", "visited_on": future},
    )
    assert response.status_code == 200 and Visit.objects.count() == 1
    page = text(staff.get(reverse("residents:recipient", args=[recipient.pk])))
    assert "送午餐" in page
    listing = text(staff.get(reverse("residents:recipients", args=[scene.tree.grid.pk])))
    assert recipient.name in listing


def test_a_party_member_cannot_record_a_visit(scene, role_user, login):
    member = login(role_user(Role.PARTY_MEMBER, scene.tree.committee))
    url = reverse("residents:recipient_visit", args=[scene.recipient.pk])
    assert member.post(url, {"kind": "visit", "visited_on": "2026-11-01"}).status_code == 403


def test_not_visited_for_more_than_n_days(scene, settings, secretary):
    settings.DAJIWEI_RESIDENTS = settings.DAJIWEI_RESIDENTS | {"visit_overdue_days": 30}
    today = datetime.date(2026, 11, 26)
    grid = scene.tree.grid

    def person(name):
        return org_actions.recipient_create(
            actor=None, node=grid, name=name, kind=RecipientKind.ELDERLY
        )

    recent, edge, late = person("近访"), person("刚好"), person("久未")
    actions.visit_record(actor=None, recipient=recent, kind="visit", visited_on=today)
    actions.visit_record(
        actor=None, recipient=edge, kind="visit", visited_on=today - datetime.timedelta(days=30)
    )
    actions.visit_record(
        actor=None, recipient=late, kind="visit", visited_on=today - datetime.timedelta(days=31)
    )
    committee = type(grid).objects.get(pk=scene.tree.committee.pk)  # fresh nested-set bounds
    names = [r.name for r in selectors.not_visited(secretary, committee, today=today)]
    assert names == ["张奶奶", "久未"]  # never visited first, then the oldest visit
