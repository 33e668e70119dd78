"""One demo login per role, and the table `seed_demo` prints."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from organizations.models import Role, RoleAssignment

PASSWORD = "Dajiwei@2026"

# username → the role it demonstrates, in the order of the printed table
LOGINS: list[tuple[str, str]] = [
    ("district", Role.DISTRICT_STAFF),
    ("street", Role.STREET_STAFF),
    ("secretary", Role.COMMUNITY_SECRETARY),
    ("office", Role.COMMUNITY_OFFICE),
    ("grid", Role.GRID_SECRETARY),
    ("unit", Role.UNIT_CONTACT),
    ("member", Role.PARTY_MEMBER),
]


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    scope: str


def staff_user(username: str, full_name: str):
    """A login for a staff member who is not (as far as the demo knows) a party member."""
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=full_name
    )


def existing() -> list[Login]:
    """The demo logins as they stand in the database (their active role of that kind)."""
    found = []
    for username, role in LOGINS:
        assignment = (
            RoleAssignment.objects.filter(user__username=username, role=role, ended_at__isnull=True)
            .select_related("node", "unit")
            .first()
        )
        if assignment is None:
            continue
        scope = assignment.node.name
        if assignment.unit is not None:
            scope = f"{assignment.unit.name}（{scope}）"
        found.append(Login(username, Role(role).label, scope))
    return found


def table(logins: list[Login]) -> str:
    """A plain-text table: role, username, where it acts; then the shared password."""
    header = (_("Role"), _("Username"), _("Scope"))
    rows = [header] + [(str(x.role), x.username, x.scope) for x in logins]
    widths = [max(_width(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(_("Password for every demo login: %(password)s") % {"password": PASSWORD})
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
