"""Step 7 on the day: 签到 by scanning the meeting's QR code, which carries a signed token.

The token names the election by its public id and is signed with a salt of its own, so it
cannot be forged or reused for another purpose; it expires after a day, so a photo of the
code passed round after the meeting is worth nothing. The member checks themselves in: the
logged-in user must be the party member on the roll.
"""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from elections.models import Election, RollEntry

from .meeting import check_in

_SALT = "elections.meeting.check-in"
TOKEN_MAX_AGE = 24 * 60 * 60  # seconds: the meeting day


def check_in_token(election: Election) -> str:
    """The signed token of the election's check-in QR code (URL-safe, timestamped)."""
    return signing.dumps(str(election.public_id), salt=_SALT, compress=True)


def token_election(token: str) -> Election | None:
    """The election a valid, unexpired token names, or None."""
    try:
        public_id = signing.loads(token, salt=_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return Election.objects.select_related("committee").filter(public_id=public_id).first()


def check_in_by_token(*, user, token: str, ip=None) -> RollEntry:
    """The logged-in member on the roll checks in with the QR token; again is harmless."""
    election = token_election(token)
    if election is None:
        raise ValidationError(
            _("This check-in code is not valid or has expired; please scan the code again.")
        )
    member = getattr(user, "party_member", None)
    entry = (
        RollEntry.objects.filter(election=election, person=member).select_related("person").first()
        if member is not None
        else None
    )
    if entry is None:
        raise ValidationError(
            _("You are not on the roll of this meeting; please see the staff at the entrance.")
        )
    return check_in(actor=user, entry=entry, ip=ip)
