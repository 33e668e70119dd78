"""An election run to its count through the actions: for the benchmark's tally page and for
tests whose precondition is a counted (or filed) result. Fictitious people: the community's
own party members in the roles, teller logins made for the purpose.

One part-time deputy and two members are elected: two nominees per seat (R1, exactly 2:1),
the representatives the fewest R2 and R3 allow (in-service members first), everyone on the
roll checked in and voting at the kiosk for the first nominees of each category.
"""

from __future__ import annotations

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.utils import timezone

from organizations.models import MemberCategory, OrgNode, PartyMember, Post, PostKind

from . import actions, rules
from .models import Background, Category, Election, Route, TellerRole

SEATS = {Category.PARTTIME_DEPUTY: 1, Category.MEMBER: 2}


def _community_members(committee: OrgNode) -> list[PartyMember]:
    committee = OrgNode.objects.get(pk=committee.pk)  # fresh tree fields
    return list(
        PartyMember.objects.filter(
            node__tree_id=committee.tree_id,
            node__lft__gt=committee.lft,
            node__rght__lt=committee.rght,
        ).order_by("pk")
    )


def _teller_login(election: Election, role: str):
    return get_user_model().objects.create_user(
        username=f"teller-{election.pk}-{role}", password=secrets.token_urlsafe(16)
    )


def counted_election(committee: OrgNode, *, term: str = "2026—2031") -> Election:
    """A new election of `committee`, counted and signed off by its chief scrutineer."""
    members = _community_members(committee)
    secretary = Post.objects.get(node=committee, kind=PostKind.SECRETARY, ended_on__isnull=True)
    in_service = [m for m in members if m.category == MemberCategory.IN_SERVICE]
    others = [
        m
        for m in members
        if m.category != MemberCategory.IN_SERVICE and m.pk != secretary.person_id
    ]
    election = actions.election_create(actor=None, committee=committee, term=term)
    actions.direct_entry_add(
        actor=None,
        election=election,
        person=secretary.person,
        branch_post="社区党总支书记",
        post_kind=PostKind.SECRETARY,
    )
    actions.direct_entries_confirm(actor=None, election=election)
    actions.seats_publish(actor=None, election=election, seats=SEATS)
    nominees, start = {}, 0
    for category, seats in SEATS.items():
        count = rules.candidates_needed(seats)
        nominees[category] = [
            actions.nomination_submit(
                actor=None,
                election=election,
                category=category,
                nominee=person,
                route=Route.SELF,
                background=Background.UNIT_LEADER,
            )
            for person in others[start : start + count]
        ]
        start += count
    actions.nominations_close(actor=None, election=election)
    for nomination in [n for found in nominees.values() for n in found]:
        actions.nomination_review(actor=None, nomination=nomination, qualified=True)
    actions.review_close(actor=None, election=election)
    today = timezone.localdate()
    actions.publicity_publish(
        actor=None,
        election=election,
        starts_on=today - datetime.timedelta(days=8),
        ends_on=today - datetime.timedelta(days=1),
        meeting_at=timezone.now(),
        meeting_place="社区党群服务中心",
    )
    in_service_needed = rules.policy("min_in_service_representatives")
    needed = max(rules.representatives_needed(len(members)), in_service_needed)
    chosen = in_service[:in_service_needed]
    chosen_ids = {m.pk for m in chosen}
    representatives = (
        chosen + [m for m in members if m.pk not in chosen_ids][: needed - len(chosen)]
    )
    actions.representatives_set(actor=None, election=election, people=representatives)
    chief = _teller_login(election, "chief")
    actions.tellers_set(
        actor=None,
        election=election,
        tellers=[
            (others[start], TellerRole.CHIEF_SCRUTINEER, chief),
            (others[start + 1], TellerRole.COUNTER, _teller_login(election, "counter")),
        ],
    )
    roll = list(election.roll.all())
    for entry in roll:
        actions.check_in(actor=None, entry=entry)
    for round_ in actions.meeting_open(actor=None, election=election):
        marks = [str(n.pk) for n in nominees[round_.category][: round_.seats]]
        for entry in roll:
            code = actions.vote_code_issue(actor=None, round_=round_, entry=entry)
            actions.vote_cast(round_id=round_.pk, code=code, marks=marks)
        actions.round_close(actor=None, round_=round_)
        actions.round_sign_off(actor=chief, round_=round_)
    election.refresh_from_db()
    return election
