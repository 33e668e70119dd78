"""Query budgets: the navigator, node page and rosters cost the same for 10 or 1,000 rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations import actions, rules
from organizations.models import (
    AuditEvent,
    Household,
    MemberUnit,
    OrgNode,
    PartyMember,
    Role,
    ServiceRecipient,
    UnitKind,
    UnitLink,
)
from tests.factories import UnitFactory, UserFactory, node

SIZES = (10, 1000)


def queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def wide_district(n: int) -> OrgNode:
    """A new district with `n` streets, inserted in bulk (the nested sets computed here)."""
    root = node(None, f"宽区{n}")
    streets = [
        OrgNode(
            kind=rules.STREET,
            name=f"街道{i:04d}",
            parent=root,
            tree_id=root.tree_id,
            level=1,
            lft=2 + 2 * i,
            rght=3 + 2 * i,
        )
        for i in range(n)
    ]
    OrgNode.objects.bulk_create(streets)
    OrgNode.objects.filter(pk=root.pk).update(rght=2 * n + 2)
    root.refresh_from_db()
    return root


def test_navigator_and_node_page_do_not_grow_with_children(db, login):
    counts = {}
    for n in SIZES:
        root = wide_district(n)
        user = UserFactory()
        actions.role_grant(actor=None, user=user, node=root, role=Role.DISTRICT_STAFF)
        client = login(user)
        node_url = reverse("organizations:node", args=[root.pk])
        counts[n] = (queries(client, reverse("organizations:navigator")), queries(client, node_url))
        assert client.get(node_url).content.decode().count("街道") >= n
    assert counts[10] == counts[1000]


def resident_ids(start: int, count: int):
    for i in range(start, start + count):
        first17 = f"330102{19800101 + i // 1000:08d}{i % 1000:03d}"
        yield first17 + rules.resident_id_check_char(first17)


def add_members(tree, start, count):
    unit = UnitFactory()
    PartyMember.objects.bulk_create(
        PartyMember(
            name=f"党员{i:04d}",
            gender="F",
            birth_date=datetime.date(1980, 1, 1),
            phone=f"139{i:08d}",
            resident_id=resident_id,
            party_status="full",
            joined_on=datetime.date(2005, 7, 1),
            category="resident",
            workplace=unit,
            node=tree.household if i % 2 else tree.building,
        )
        for i, resident_id in zip(
            range(start, start + count), resident_ids(start, count), strict=True
        )
    )


def add_units(tree, start, count):
    units = MemberUnit.objects.bulk_create(
        MemberUnit(name=f"单位{i:04d}", kind=UnitKind.ORGAN, superior="区委")
        for i in range(start, start + count)
    )
    UnitLink.objects.bulk_create(
        UnitLink(unit=u, committee=tree.committee, started_on=datetime.date(2026, 1, 1))
        for u in units
    )


def add_households(tree, start, count):
    Household.objects.bulk_create(
        Household(node=tree.building, address=f"幸福路{i}号") for i in range(start, start + count)
    )


def add_recipients(tree, start, count):
    household = Household.objects.create(node=tree.building, address="幸福路0号")
    ServiceRecipient.objects.bulk_create(
        ServiceRecipient(node=tree.grid, household=household, name=f"对象{i}", kind="elderly")
        for i in range(start, start + count)
    )


def add_events(tree, start, count):
    AuditEvent.objects.bulk_create(
        AuditEvent(actor=UserFactory(), action="test.event", node=tree.grid, object_repr=str(i))
        for i in range(start, start + min(count, 20))
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(action="test.event", node=tree.building, object_repr=str(i))
        for i in range(start + 20, start + count)
    )


ROSTERS = {
    "organizations:member_list": (add_members, Role.COMMUNITY_SECRETARY, "committee"),
    "organizations:unit_list": (add_units, Role.COMMUNITY_SECRETARY, "committee"),
    "organizations:household_list": (add_households, Role.COMMUNITY_SECRETARY, "committee"),
    "organizations:recipient_list": (add_recipients, Role.COMMUNITY_SECRETARY, "committee"),
    "organizations:audit": (add_events, Role.DISTRICT_STAFF, "district"),
}


@pytest.mark.parametrize("name", sorted(ROSTERS))
def test_roster_pages_do_not_grow_with_rows(name, tree, role_user, login):
    add_rows, role, where = ROSTERS[name]
    client = login(role_user(role, getattr(tree, where)))
    url = (
        reverse(name) if name == "organizations:audit" else reverse(name, args=[tree.committee.pk])
    )
    counts = {}
    done = 0
    for n in SIZES:
        add_rows(tree, done, n - done)
        done = n
        counts[n] = queries(client, url)
    assert counts[10] == counts[1000]
