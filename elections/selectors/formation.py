"""Reads of the formation pages (steps 1–7): the timeline, the counts, the pickers, the notice."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from elections import rules, strokes
from elections.actions import attendance
from elections.models import (
    STAGE_ORDER,
    Basis,
    Category,
    Election,
    Nomination,
    Publicity,
    Review,
    Stage,
)
from organizations import access
from organizations import selectors as org_selectors
from organizations.models import MemberCategory, OrgNode, PartyMember

DONE, CURRENT, TO_COME = "done", "current", "to_come"


def elections_of(committee: OrgNode) -> QuerySet:
    """The committee's elections, newest first."""
    return Election.objects.filter(committee=committee).select_related("vacancy")


def election_scope() -> QuerySet:
    """What an election page's `pk` is looked up in (the gate narrows it to the user's scope)."""
    return Election.objects.select_related("committee", "vacancy")


@dataclass(frozen=True)
class Step:
    stage: str
    label: str
    state: str


def timeline(election: Election) -> list[Step]:
    """Every stage of the election, each done, current or to come."""
    current = STAGE_ORDER.index(election.stage)
    steps = []
    for index, (value, label) in enumerate(Stage.choices):
        state = DONE if index < current else CURRENT if index == current else TO_COME
        steps.append(Step(value, label, state))
    return steps


# ---------------------------------------------------------------------------------------------
# Counts on the election page


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    seats: int
    total: int
    pending: int
    accepted: int
    rejected: int
    needed: int
    problem: str | None


def seats_of(election: Election) -> list:
    """The published seats, part-time deputy secretaries first (the order of Category)."""
    return sorted(election.seats.all(), key=lambda seats: Category.values.index(seats.category))


def category_counts(election: Election) -> list[CategoryCount]:
    """Per category: seats, nominations by review state, and R1 (qualified ≥ 2 × seats)."""
    by_category = {
        row["category"]: row
        for row in election.nominations.values("category").annotate(
            total=Count("pk"),
            pending=Count("pk", filter=Q(review=Review.PENDING)),
            accepted=Count("pk", filter=Q(review=Review.ACCEPTED)),
            rejected=Count("pk", filter=Q(review=Review.REJECTED)),
        )
    }
    counts = []
    for seats in seats_of(election):
        row = by_category.get(seats.category, {})
        accepted = row.get("accepted", 0)
        label = seats.get_category_display()
        counts.append(
            CategoryCount(
                category=seats.category,
                label=label,
                seats=seats.count,
                total=row.get("total", 0),
                pending=row.get("pending", 0),
                accepted=accepted,
                rejected=row.get("rejected", 0),
                needed=rules.candidates_needed(seats.count),
                problem=rules.candidate_shortfall(label, accepted, seats.count),
            )
        )
    return counts


def community_members(election: Election) -> QuerySet:
    """Every party member living in the election's community (what R2 counts)."""
    return PartyMember.objects.filter(org_selectors.subtree_q(election.committee, "node__"))


@dataclass(frozen=True)
class RepresentativeCount:
    members: int
    chosen: int
    in_service: int
    needed: int
    percent: int
    in_service_needed: int
    problems: list[str]


def representative_count(election: Election, chosen_ids=None) -> RepresentativeCount:
    """R2 and R3 for the representatives on the roll, or for `chosen_ids` (a live preview)."""
    members = community_members(election)
    if chosen_ids is None:
        chosen = members.filter(
            pk__in=election.roll.filter(basis=Basis.REPRESENTATIVE).values("person_id")
        )
    else:
        chosen = members.filter(pk__in=list(chosen_ids))
    total = members.count()
    counted = chosen.aggregate(
        n=Count("pk"), in_service=Count("pk", filter=Q(category=MemberCategory.IN_SERVICE))
    )
    return RepresentativeCount(
        members=total,
        chosen=counted["n"],
        in_service=counted["in_service"],
        needed=rules.representatives_needed(total),
        percent=rules.policy("representative_share_percent"),
        in_service_needed=rules.policy("min_in_service_representatives"),
        problems=rules.representative_problems(total, counted["n"], counted["in_service"]),
    )


@dataclass(frozen=True)
class RollCount:
    due: int
    present: int
    excluded: int
    needed: int
    problem: str | None


def roll_count(election: Election) -> RollCount:
    """B1: those due (less approved exclusions), those present, the quorum and its verdict."""
    due, present = attendance(election)
    return RollCount(
        due=due,
        present=present,
        excluded=election.roll.exclude(excluded_reason="").count(),
        needed=rules.quorum_needed(due),
        problem=rules.quorum_problem(due, present),
    )


# ---------------------------------------------------------------------------------------------
# Lists and pickers


def nominations(election: Election) -> QuerySet:
    """The election's nominations with their nominee, unit and co-signer count."""
    return (
        election.nominations.select_related("nominee", "recommending_unit")
        .annotate(signers=Count("co_signers"))
        .order_by("category", "created_at", "pk")
    )


def roll(election: Election) -> QuerySet:
    """The meeting roll with each person's home and workplace."""
    return election.roll.select_related("person", "person__workplace").order_by(
        "basis", "person__name", "pk"
    )


def member_choices(user, election: Election) -> QuerySet:
    """The community's party members the user may list: whom the steps pick from."""
    return org_selectors.members_under(user, election.committee).order_by("name", "pk")


def unit_worker_choices(user, election: Election) -> QuerySet:
    """Members working in a unit linked to the community: unit secretaries and deputies."""
    linked = election.committee.unit_links.filter(ended_on__isnull=True).values("unit_id")
    return member_choices(user, election).filter(workplace__in=linked)


def unit_choices(user, election: Election) -> QuerySet:
    """The linked units that may recommend a nominee (组织推荐)."""
    return org_selectors.linked_units(user, election.committee).order_by("name", "pk")


def grid_choices(user, election: Election) -> QuerySet:
    return org_selectors.grid_choices(user, election.committee)


def grid_of_members(members, grids) -> dict[int, int | None]:
    """Member pk → the pk of the grid they live in (for filtering the pickers by grid).

    `members` need their `node` loaded; the grids' nested-set ranges answer without a query.
    """
    found = {}
    for member in members:
        home = member.node
        found[member.pk] = next(
            (
                g.pk
                for g in grids
                if g.tree_id == home.tree_id and g.lft <= home.lft and home.rght <= g.rght
            ),
            None,
        )
    return found


def may_run(user, election: Election) -> bool:
    return access.can(user, access.RUN_ELECTIONS, election)


# ---------------------------------------------------------------------------------------------
# The public notice


def public_election(public_id) -> Election | None:
    """An election by its public id, the only key residents see."""
    return Election.objects.filter(public_id=public_id).select_related("committee").first()


def public_candidates(election: Election) -> list[tuple[str, list[str]]]:
    """Once the review is closed: per category, the qualified nominees' names in stroke order."""
    if not election.reached(Stage.PUBLICITY):
        return []
    names: dict[str, list[str]] = {}
    accepted = Nomination.objects.filter(election=election, review=Review.ACCEPTED)
    for category, name in accepted.values_list("category", "nominee__name"):
        names.setdefault(category, []).append(name)
    return [
        (Category(category).label, strokes.in_stroke_order(names[category]))
        for category in Category.values
        if category in names
    ]


def publicity_of(election: Election) -> Publicity | None:
    return Publicity.objects.filter(election=election).first()
