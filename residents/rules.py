"""Pure rules of the residents' side (no database). Messages name the numbers."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.utils.translation import gettext as _

from organizations.rules import BUILDING, COMMITTEE, GRID

# Letters and digits that cannot be mistaken for one another when read aloud or written down.
TICKET_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TICKET_LENGTH = 8
HANDLING_LEVELS = (BUILDING, GRID, COMMITTEE)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str = ""


def new_ticket() -> str:
    """An unguessable code of 8 unambiguous characters, shown as ABCD-2345."""
    code = "".join(secrets.choice(TICKET_ALPHABET) for _i in range(TICKET_LENGTH))
    return f"{code[:4]}-{code[4:]}"


def normalise_ticket(typed: str) -> str:
    """What a resident typed (any case, spaces, with or without the dash) as stored."""
    code = "".join(c for c in typed.upper() if c.isalnum())
    return f"{code[:4]}-{code[4:]}" if len(code) == TICKET_LENGTH else ""


def can_escalate(*, level: int, closed: bool, reason: str) -> Verdict:
    """A matter goes one level up (building → grid → community), with a reason, while open."""
    if closed:
        return Verdict(False, _("A closed matter cannot be escalated."))
    if level not in HANDLING_LEVELS:
        return Verdict(False, _("Matters are handled at building, grid or community level."))
    if level == COMMITTEE:
        return Verdict(
            False, _("The community committee is the highest level; it cannot be escalated.")
        )
    if not reason.strip():
        return Verdict(False, _("Give the reason for escalating."))
    return Verdict(True)


def can_close(*, closed: bool, answer: str) -> Verdict:
    if closed:
        return Verdict(False, _("The matter is already closed."))
    if not answer.strip():
        return Verdict(False, _("Write the answer to the resident before closing."))
    return Verdict(True)


def within_grid_rate(resolved_within: int, closed: int) -> int | None:
    """Percent of closed matters resolved without leaving the grid; None with none closed."""
    if closed <= 0:
        return None
    return round(resolved_within * 100 / closed)


def mask_contact(contact: str) -> str:
    """Keep the first 3 and last 2 characters of a contact (a phone number), star the rest."""
    if len(contact) <= 5:
        return "*" * len(contact)
    return contact[:3] + "*" * (len(contact) - 5) + contact[-2:]


def overdue(days_since: int | None, limit_days: int) -> bool:
    """Not visited for more than `limit_days` days (never visited counts as overdue)."""
    return days_since is None or days_since > limit_days
