"""The action links of an organisation's page, for what the user may do there.

Built here rather than tag by tag in the template: two dozen conditional `{% url %}` links cost
the committee page more than its tables (docs/performance.md § 8), and the rules of which link
shows where read better as one list.
"""

from __future__ import annotations

from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations import rules

POST_LEVELS = frozenset(rules.POST_LEVEL.values())


class Link(NamedTuple):
    label: str
    url: str
    primary: bool  # a plain button; the others are secondary


def node_links(node, may: dict[str, bool]) -> list[Link]:
    """The links in the order shown; `may` is views.tree.node_permissions(user, node)."""
    kind = node.kind
    committee, grid, building = (
        kind == rules.COMMITTEE,
        kind == rules.GRID,
        kind == rules.BUILDING,
    )
    has_children, has_members = kind < rules.HOUSEHOLD, kind >= rules.COMMITTEE
    staff_above = may["see_dashboard"] and not has_members  # a street's or district's page
    wanted = [
        (may["manage_tree"], _("Edit"), "organizations:node_update", False),
        (
            may["manage_tree"] and has_children,
            _("Add an organisation below"),
            "organizations:node_create",
            True,
        ),
        (
            kind in POST_LEVELS and may["manage_posts"],
            _("Start a post"),
            "organizations:post_start",
            True,
        ),
        (may["manage_posts"], _("Roles and logins"), "organizations:node_roles", False),
        (staff_above, _("Inbox"), "elections:inbox", True),
        (staff_above, _("Dashboard"), "oversight:dashboard", False),
        (committee, _("Elections"), "elections:election_list", False),
        (committee, _("Theme party days"), "meetings:list", False),
        (committee, _("Committee meetings"), "meetings:committee_meetings", False),
        (committee, _("Annual representatives' meetings"), "meetings:annual_list", False),
        (committee and may["see_dashboard"], _("Dashboard"), "oversight:community", False),
        (committee and may["view_roster"], _("Co-building"), "services:overview", False),
        (may["handle_matters"], _("Residents' matters"), "residents:matters", False),
        (
            grid and may["manage_services"],
            _("Contact card and printing"),
            "residents:card_edit",
            False,
        ),
        (grid and may["view_roster"], _("Special groups"), "residents:recipients", False),
        (
            may["view_roster"] and not grid and not building,
            _("Service recipients not visited lately"),
            "residents:not_visited",
            False,
        ),
        (
            may["manage_posts"] and (grid or building),
            _("Appoint"),
            "elections:appointment_create",
            False,
        ),
        (may["view_roster"], _("Party members"), "organizations:member_list", False),
        (may["view_roster"], _("Member units"), "organizations:unit_list", False),
        (may["view_roster"], _("Households"), "organizations:household_list", False),
        (may["view_roster"], _("Service recipients"), "organizations:recipient_list", False),
        (
            may["manage_roster"] and has_members,
            _("Add a party member"),
            "organizations:member_create",
            True,
        ),
        (
            may["manage_roster"] and committee,
            _("Add a member unit"),
            "organizations:unit_create",
            True,
        ),
        (
            may["manage_roster"] and building,
            _("Add a household"),
            "organizations:household_create",
            True,
        ),
        (
            may["manage_roster"] and grid,
            _("Add a service recipient"),
            "organizations:recipient_create",
            True,
        ),
    ]
    return [
        Link(label, reverse(name, args=[node.pk]), primary)
        for shown, label, name, primary in wanted
        if shown
    ]
