"""Query budgets of the residents' lists: the same for 10 and 1,000 rows, at most 12."""

import datetime

from django.urls import reverse

from organizations.models import OrgNode, RecipientKind, Role, ServiceRecipient
from residents.models import Matter, RecipientNeeds, Visit
from tests.organizations.test_query_budgets import queries

SIZES = (10, 1000)
BUDGET = 12


def fill_matters(tree, n):
    Matter.objects.all().delete()
    Matter.objects.bulk_create(
        Matter(
            ticket=f"{i:04d}-{i % 7:04d}"[:9],
            grid=tree.grid,
            node=tree.building if i % 2 else tree.grid,
            kind="request",
            description="需要帮助",
            status="closed" if i % 3 else "open",
        )
        for i in range(n)
    )


def fill_recipients(tree, n):
    Visit.objects.all().delete()
    RecipientNeeds.objects.all().delete()
    ServiceRecipient.objects.all().delete()
    people = ServiceRecipient.objects.bulk_create(
        ServiceRecipient(node=tree.grid, name=f"服务对象{i:04d}", kind=RecipientKind.ELDERLY)
        for i in range(n)
    )
    RecipientNeeds.objects.bulk_create(
        RecipientNeeds(recipient=p, needs=["meals", "comfort"]) for p in people
    )
    day = datetime.date(2026, 1, 1)
    Visit.objects.bulk_create(Visit(recipient=p, kind="visit", visited_on=day) for p in people[::2])


def test_matter_list_budget(tree, role_user, login):
    client = login(role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    committee = OrgNode.objects.get(pk=tree.committee.pk)
    url = reverse("residents:matters", args=[committee.pk])
    counts = []
    for n in SIZES:
        fill_matters(tree, n)
        counts.append(queries(client, url))
    assert counts[0] == counts[1] <= BUDGET, counts


def test_recipient_lists_budget(tree, role_user, login):
    client = login(role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    for url in (
        reverse("residents:recipients", args=[tree.grid.pk]),
        reverse("residents:not_visited", args=[tree.committee.pk]),
    ):
        counts = []
        for n in SIZES:
            fill_recipients(tree, n)
            counts.append(queries(client, url))
        assert counts[0] == counts[1] <= BUDGET, (url, counts)
