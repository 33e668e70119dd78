"""Permission-matrix rows for the Excel templates, imports and exports of the rosters."""

from tests.matrix import REDIRECT, Row


def roster_on(attr, roster):
    return lambda s: {"pk": getattr(s.tree, attr).pk, "roster": roster}


ROWS: dict[str, Row] = {
    "organizations:roster_import": Row(roster_on("committee", "members")),
    "organizations:roster_import_template": Row(roster_on("committee", "members")),
    # With no failed import in the session, the problems link goes back to the import page.
    "organizations:roster_import_errors": Row(roster_on("committee", "members"), allowed=REDIRECT),
    "organizations:roster_export": Row(roster_on("grid", "recipients")),
}
