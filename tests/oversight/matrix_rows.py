"""Permission-matrix rows for the dashboards (issue 6)."""

from organizations.models import Role
from tests.matrix import REDIRECT, Row, on

STREET = (Role.STREET_STAFF, "street")


def export(attr, table="hours"):
    return lambda s: {"pk": getattr(s.tree, attr).pk, "table": table}


ROWS = {
    # A party member of a community has no dashboard: 403 from the home page too.
    "oversight:home": Row(outsider=REDIRECT, allowed=REDIRECT, allowed_role=STREET),
    "oversight:dashboard": Row(on("street"), lacking=404, allowed_role=STREET),
    "oversight:export": Row(export("street"), lacking=404, allowed_role=STREET),
    "oversight:community": Row(on("committee")),
    "oversight:community_export": Row(export("committee")),
    "oversight:deadlines": Row(on("street"), lacking=404, allowed_role=STREET),
    "oversight:community_deadlines": Row(on("committee")),
}
