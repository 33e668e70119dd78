"""Permission-matrix rows for the meeting-day pages (console, check-in, speeches, rounds, kiosk).

Each row builds an election of the organisations scene's tree with voting open.
"""

import datetime

from django.utils import timezone

from elections import actions
from elections.actions.checkin import check_in_token
from elections.models import Basis, Category, TellerRole
from tests.elections.builders import build_scene, to_publicity
from tests.factories import UserFactory
from tests.matrix import EVERYONE, REDIRECT, Row


def meeting(s):
    """The election scene of `s.tree` with the meeting open; built once per organisations scene.

    Like builders.to_meeting, with 11 representatives: the organisations scene adds a 51st
    party member to the community, so R2 needs 11 rather than 10.
    """
    if not hasattr(s, "meeting"):
        m = to_publicity(build_scene(s.tree))
        actions.publicity_publish(
            actor=None,
            election=m.election,
            starts_on=timezone.localdate() - datetime.timedelta(days=8),
            ends_on=timezone.localdate() - datetime.timedelta(days=1),
            meeting_at=timezone.now(),
            meeting_place="社区党群服务中心",
        )
        actions.representatives_set(actor=None, election=m.election, people=m.members[14:25])
        actions.roll_add(
            actor=None, election=m.election, person=m.members[25], basis=Basis.UNIT_SECRETARY
        )
        m.chief = UserFactory()
        actions.tellers_set(
            actor=None,
            election=m.election,
            tellers=[(m.members[40], TellerRole.CHIEF_SCRUTINEER, m.chief)],
        )
        for entry in m.election.roll.all():
            actions.check_in(actor=None, entry=entry)
        m.rounds = {r.category: r for r in actions.meeting_open(actor=None, election=m.election)}
        s.meeting = m
    return s.meeting


def election(s):
    return {"pk": meeting(s).election.pk}


def round_(s):
    return {"pk": meeting(s).rounds[Category.MEMBER].pk}


def public(s):
    return {"public_id": meeting(s).election.public_id}


def token(s):
    return {"token": check_in_token(meeting(s).election)}


POSTED = {"method": "post", "allowed": REDIRECT}

ROWS: dict[str, Row] = {
    "elections:meeting": Row(election),
    "elections:meeting_open": Row(election, **POSTED),
    "elections:meeting_qr": Row(election),
    # Any logged-in user may open the link; only a member on the roll can check in.
    "elections:meeting_check_in": Row(token, outsider=200, lacking=200),
    "elections:speeches": Row(election),
    "elections:round_code": Row(round_, **POSTED),
    "elections:round_paper_issued": Row(round_, **POSTED),
    "elections:round_close": Row(round_, **POSTED),
    # Any member in scope may post; the action lets only the chief scrutineer sign.
    "elections:round_sign_off": Row(round_, lacking=REDIRECT, **POSTED),
    # Tellers are party members: the page shows the form to tellers only.
    "elections:round_paper": Row(round_, lacking=200),
    "elections:round_tally": Row(round_, lacking=200),
    # The kiosk: no login, the one-time code is the credential.
    "elections:kiosk": Row(public, **EVERYONE),
    "elections:kiosk_thanks": Row(public, **EVERYONE),
}
