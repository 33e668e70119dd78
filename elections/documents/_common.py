"""What the election's documents share: the names printed in their headings."""

from __future__ import annotations

from elections.models import Election
from elections.selectors import filing as selectors


class NotAvailable(LookupError):
    """The document does not exist yet (a hidden count, no one appointed yet)."""


def committee_context(election: Election) -> dict:
    committee = election.committee
    street = committee.parent
    return {
        "election": election,
        "committee": committee,
        "community": selectors.community_name(committee),
        "street_committee": selectors.street_committee_name(street) if street else "",
    }
