"""The election's rules as pure functions: numbers in, verdicts out.

Each rule names its clause in docs/domain.md §4: R1–R3 come from the policy's 二(四), B1–B9 are
the defaults after the party's election regulations (2020). Nothing here touches the database or
the request. Thresholds are compared in integers (cross-multiplied), never in floats, so an edge
such as "exactly 4/5" or "exactly half" is decided exactly.

Policy numbers come from settings.DAJIWEI_ELECTIONS so a district can change them; DEFAULTS
holds the documented defaults and is used when the setting is absent.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _

from dajiwei import uploads

DEFAULTS: dict[str, int] = {
    "candidate_ratio": 2,  # R1: qualified nominees : seats ≥ 2 : 1, per category
    "representative_share_percent": 20,  # R2: representatives ≥ 20 % of party members, rounded up
    "min_in_service_representatives": 10,  # R3: ≥ 10 in-service members among them
    "quorum_numerator": 4,  # B1: present must be MORE than 4/5 of those due
    "quorum_denominator": 5,
    "joint_nomination_min_signers": 5,  # 党员联名举荐: the policy is silent; a documented default
    "parttime_deputy_seats": 2,  # default seats for part-time deputy secretaries
    "speech_minutes": 5,  # 竞职演讲
    "kiosk_code_length": 10,  # one-time kiosk codes, from KIOSK_CODE_ALPHABET
    "kiosk_wrong_codes": 5,  # wrong codes one client may enter within kiosk_wrong_code_minutes
    "kiosk_wrong_code_minutes": 10,
}

# Kiosk codes: digits and capitals without the look-alikes 0/O, 1/I/L.
KIOSK_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def policy(key: str) -> int:
    """One of the election's policy numbers (a key of DEFAULTS)."""
    return getattr(settings, "DAJIWEI_ELECTIONS", DEFAULTS)[key]


def _check_counts(**counts: int) -> None:
    for name, value in counts.items():
        if value < 0:
            raise ValueError(f"{name} cannot be negative: {value}")


# ---------------------------------------------------------------------------------------------
# R1: candidates per category


def candidates_needed(seats: int) -> int:
    """R1: the fewest qualified nominees a category with `seats` seats needs (2:1)."""
    _check_counts(seats=seats)
    return policy("candidate_ratio") * seats


def candidate_shortfall(category_label: str, qualified: int, seats: int) -> str | None:
    """R1: why a category has too few qualified nominees, or None (exactly 2:1 passes)."""
    _check_counts(qualified=qualified, seats=seats)
    needed = candidates_needed(seats)
    if qualified >= needed:
        return None
    return _(
        "The %(category)s category needs at least %(needed)d qualified nominees; "
        "it has %(qualified)d."
    ) % {"category": category_label, "needed": needed, "qualified": qualified, "seats": seats}


# ---------------------------------------------------------------------------------------------
# R2, R3: the representatives


def representatives_needed(total_members: int) -> int:
    """R2: 20 % of the community's party members, rounded up (47 → 10, 51 → 11, 0 → 0)."""
    _check_counts(total_members=total_members)
    percent = policy("representative_share_percent")
    return -(-total_members * percent // 100)


def representative_problems(
    total_members: int, representatives: int, in_service_representatives: int
) -> list[str]:
    """R2 and R3: what the representatives lack, each message with its numbers; [] if none."""
    _check_counts(
        total_members=total_members,
        representatives=representatives,
        in_service_representatives=in_service_representatives,
    )
    if in_service_representatives > representatives:
        raise ValueError("in-service representatives cannot outnumber the representatives")
    problems = []
    needed = representatives_needed(total_members)
    if representatives < needed:
        problems.append(
            _(
                "Representatives must be at least %(percent)d%% of the community's "
                "%(total)d party members, that is %(needed)d; there are %(count)d."
            )
            % {
                "percent": policy("representative_share_percent"),
                "total": total_members,
                "needed": needed,
                "count": representatives,
            }
        )
    minimum = policy("min_in_service_representatives")
    if in_service_representatives < minimum:
        problems.append(
            _(
                "At least %(needed)d of the representatives must be in-service party members; "
                "there are %(count)d."
            )
            % {"needed": minimum, "count": in_service_representatives}
        )
    return problems


# ---------------------------------------------------------------------------------------------
# B1: quorum


def has_quorum(due: int, present: int) -> bool:
    """B1: present is MORE than 4/5 of those due (40 of 50 is not a quorum, 41 is)."""
    _check_counts(due=due, present=present)
    return present * policy("quorum_denominator") > due * policy("quorum_numerator")


def quorum_needed(due: int) -> int:
    """B1: the fewest present that make a quorum of `due` (50 → 41)."""
    _check_counts(due=due)
    return due * policy("quorum_numerator") // policy("quorum_denominator") + 1


def quorum_problem(due: int, present: int) -> str | None:
    """B1: why the meeting may not vote, or None when it has its quorum."""
    _check_counts(due=due, present=present)
    if present > due:
        return _(
            "%(present)d voters are checked in but only %(due)d are due to attend; check the roll."
        ) % {"present": present, "due": due}
    if has_quorum(due, present):
        return None
    return _(
        "More than %(numerator)d/%(denominator)d of the %(due)d voters due must be present, "
        "that is at least %(needed)d; %(present)d are present."
    ) % {
        "numerator": policy("quorum_numerator"),
        "denominator": policy("quorum_denominator"),
        "due": due,
        "needed": quorum_needed(due),
        "present": present,
    }


# ---------------------------------------------------------------------------------------------
# B2, B3: ballots and rounds


def ballot_is_valid(for_marks: int, seats: int) -> bool:
    """B2: a ballot with more ○ (赞成) marks than seats, write-ins included, is invalid.

    A blank ballot (0 marks) is valid: it abstains on every candidate.
    """
    _check_counts(for_marks=for_marks, seats=seats)
    return for_marks <= seats


def ballot_problem(for_marks: int, seats: int) -> str | None:
    """B2 at the kiosk: why an electronic ballot is refused before it is cast, or None."""
    if ballot_is_valid(for_marks, seats):
        return None
    return _(
        "You may vote for at most %(seats)d; this ballot has %(marks)d votes for. "
        "A ballot with more is invalid."
    ) % {"seats": seats, "marks": for_marks}


def round_is_void(issued: int, returned: int) -> bool:
    """B3: a round is void, and voted again, when more ballots come back than were issued."""
    _check_counts(issued=issued, returned=returned)
    return returned > issued


def round_problem(issued: int, returned: int) -> str | None:
    """B3: why a round is void, or None."""
    if not round_is_void(issued, returned):
        return None
    return _(
        "%(returned)d ballots came back but only %(issued)d were issued; "
        "the round is void and must be voted again."
    ) % {"returned": returned, "issued": issued}


# ---------------------------------------------------------------------------------------------
# B4: threshold


def votes_needed(due: int) -> int:
    """B4: the fewest votes that elect — more than half of those due (50 → 26, 51 → 26)."""
    _check_counts(due=due)
    return due // 2 + 1


def is_elected(votes: int, due: int) -> bool:
    """B4: more than half of those due to attend; exactly half is not enough."""
    _check_counts(votes=votes, due=due)
    return votes * 2 > due


# ---------------------------------------------------------------------------------------------
# B8: tellers; joint nomination


def tellers_who_are_candidates(
    teller_ids: Iterable[object], candidate_ids: Iterable[object]
) -> frozenset[object]:
    """B8: the tellers (监票人, 计票人) who are also candidates; there must be none."""
    return frozenset(teller_ids) & frozenset(candidate_ids)


def teller_problem(teller_ids: Iterable[object], candidate_ids: Iterable[object]) -> str | None:
    """B8: why these tellers cannot count this election, or None."""
    clash = tellers_who_are_candidates(teller_ids, candidate_ids)
    if not clash:
        return None
    return _("Tellers cannot be candidates; %(count)d of the chosen tellers are candidates.") % {
        "count": len(clash)
    }


def co_signer_problem(count: int) -> str | None:
    """Joint nomination (党员联名举荐): why too few party members signed, or None."""
    _check_counts(count=count)
    minimum = policy("joint_nomination_min_signers")
    if count >= minimum:
        return None
    return _(
        "A joint nomination needs at least %(needed)d party members of the community "
        "as co-signers; it has %(count)d."
    ) % {"needed": minimum, "count": count}


# ---------------------------------------------------------------------------------------------
# Uploaded evidence (a unit's written notice, 二(六)): small, and really a PDF or a picture

upload_problem = uploads.upload_problem  # the same check everywhere (dajiwei/uploads.py)


def kiosk_wrong_codes_recent(times: Iterable[float], now: float) -> list[float]:
    """The wrong-code times still inside the window of `kiosk_wrong_code_minutes`."""
    window = policy("kiosk_wrong_code_minutes") * 60
    return [t for t in times if now - t < window]


def kiosk_throttled(times: Iterable[float], now: float) -> str | None:
    """Why this client may not try another code now, or None.

    The first `kiosk_wrong_codes` wrong codes within the window are answered normally; once
    that many are recent the next try is refused until the oldest leaves the window.
    """
    allowed = policy("kiosk_wrong_codes")
    if len(kiosk_wrong_codes_recent(times, now)) < allowed:
        return None
    return _(
        "%(count)d wrong codes were entered here within %(minutes)d minutes. Please wait a "
        "few minutes or ask the meeting staff."
    ) % {"count": allowed, "minutes": policy("kiosk_wrong_code_minutes")}
