"""The election's event log as a hash chain (architecture.md, "Elections: secrecy and integrity").

Each event stores its payload, the hash of the event before it (GENESIS for the first) and its
own hash: sha256 over the previous hash followed by the payload as canonical JSON (keys sorted,
no spaces, UTF-8 with Chinese kept as is). Changing, removing or reordering an event breaks the
link at that event; cutting events off the end is caught by comparing the last hash with the
one printed on the filing (`verify(..., head=...)`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

GENESIS = "0" * 64

_HASH = re.compile(r"^[0-9a-f]{64}$")


def canonical(payload: Mapping[str, Any]) -> bytes:
    """The bytes hashed for a payload; only JSON values (no dates, Decimals, NaN) are allowed."""
    return json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def next_hash(prev_hash: str, payload: Mapping[str, Any]) -> str:
    """The hash of an event with `payload` that follows the event hashed `prev_hash`."""
    if not _HASH.match(prev_hash):
        raise ValueError("prev_hash must be 64 lowercase hex digits")
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(payload)).hexdigest()


def verify(
    events: Iterable[tuple[Mapping[str, Any], str, str]], head: str | None = None
) -> int | None:
    """The index of the first broken link among (payload, prev_hash, hash) events, or None.

    With `head` (the last hash as printed on the filing), a chain that does not end there is
    broken at len(events): the link after the last stored event is missing.
    """
    expected_prev = GENESIS
    count = 0
    for index, (payload, prev_hash, this_hash) in enumerate(events):
        count = index + 1
        if prev_hash != expected_prev or this_hash != _hash_or_none(prev_hash, payload):
            return index
        expected_prev = this_hash
    if head is not None and head != expected_prev:
        return count
    return None


def _hash_or_none(prev_hash: str, payload: Mapping[str, Any]) -> str | None:
    try:
        return next_hash(prev_hash, payload)
    except (TypeError, ValueError):
        return None
