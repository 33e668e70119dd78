"""Reads of election data for pages and documents."""

from __future__ import annotations

from elections.models import Round, RoundState

# A count shows only after the chief scrutineer has signed it off (architecture.md).
_RESULT_SHOWN = (RoundState.SIGNED_OFF, RoundState.VOID)


def round_result(round_: Round) -> dict | None:
    """The round's count, or None while it is still hidden from everyone."""
    return round_.result if round_.state in _RESULT_SHOWN else None
