"""Parts of the organisation pages kept rendered in the cache: an organisation's sections
(the organisations below with their counts, the posts, the linked units, the composition
verdicts) and a roster's body (its filters, count, table and pages).

Both are the same for everyone who may open the page: its gate (VIEW, or VIEW_ROSTER, on the
node) implies seeing every node below and every unit linked to them. What does follow the user
(a few links) is in the key. The markup is kept under a generation token that every write of
what the parts show renews (dajiwei/generations.py, as the dashboards do: ADR 0007); the key
also holds the subtree counts' generation, which the bulk writers renew (organizations.counts:
imports, tree creation, the seed), and the day and language. Rendered tag by tag on each view,
these parts cost their pages about half their time (docs/performance.md § 8).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from dajiwei.generations import Generation

from . import counts

GENERATION = Generation("orgpages")
WATCHED = (
    "organizations.OrgNode",
    "organizations.PartyMember",
    "organizations.Household",
    "organizations.ServiceRecipient",
    "organizations.Post",
    "organizations.MemberUnit",
    "organizations.UnitLink",
)


def connect() -> None:
    GENERATION.renew_on_writes(WATCHED)


def cached(parts, render: Callable[[], str]) -> SafeString:
    """The markup `render()` makes for the page part named by `parts` (what it depends on
    besides the watched rows), from the cache while current."""
    key = ":".join(
        (
            GENERATION.prefix(),
            GENERATION.current(),
            counts.generation(),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            *(str(part) for part in parts),
        )
    )
    return mark_safe(GENERATION.get_or_build(key, lambda: str(render())))  # rendered, escaped
