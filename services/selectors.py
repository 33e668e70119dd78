"""Reads of co-building and funds, through the access gate."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum

from organizations import access
from organizations.models import MemberUnit, OrgNode

from . import rules
from .models import Agreement, AgreementProject, Commitment, Fund, SpendState, UnitRegistration


def registrations_of(user, unit: MemberUnit) -> QuerySet:
    """The unit's registrations with the committees the user may see."""
    rows = UnitRegistration.objects.filter(unit=unit).select_related("committee")
    return access.visible(user, rows).order_by("registered_on")


def unlinked_committees_to_register(unit: MemberUnit) -> QuerySet:
    """The committees the unit is linked to and has not registered with yet."""
    return (
        OrgNode.objects.filter(unit_links__unit=unit, unit_links__ended_on__isnull=True)
        .exclude(unit_registrations__unit=unit)
        .order_by("name")
    )


def linked_committees(unit: MemberUnit) -> QuerySet:
    """The committees the unit is linked to now."""
    return OrgNode.objects.filter(
        unit_links__unit=unit, unit_links__ended_on__isnull=True
    ).order_by("name")


def unit_cobuilding(user, unit: MemberUnit) -> tuple[QuerySet, QuerySet]:
    """The unit's commitments and agreements: all of them for the unit's own contact, those
    of committees where the user sees the roster for staff."""
    commitments = Commitment.objects.filter(unit=unit).select_related("committee")
    agreements = Agreement.objects.filter(unit=unit).select_related("committee")
    if not user.has_perm(access.CHANGE_UNIT, unit):
        commitments = access.visible(user, commitments, access.VIEW_ROSTER)
        agreements = access.visible(user, agreements, access.VIEW_ROSTER)
    return (
        commitments.order_by("-year", "committee__name", "direction", "pk"),
        agreements.order_by("-year", "committee__name"),
    )


def units_of(committee: OrgNode) -> QuerySet:
    return MemberUnit.objects.filter(
        links__committee=committee, links__ended_on__isnull=True
    ).order_by("name")


def unit_overview(committee: OrgNode) -> QuerySet:
    """Each linked unit with its registration date (None when not registered)."""
    from django.db.models import OuterRef, Subquery

    registered = UnitRegistration.objects.filter(unit=OuterRef("pk"), committee=committee)
    return units_of(committee).annotate(
        registered_with_committee_on=Subquery(registered.values("registered_on")[:1])
    )


def commitments_of(user, committee: OrgNode, year: int | None = None) -> QuerySet:
    rows = access.visible(user, Commitment.objects.filter(committee=committee))
    if year:
        rows = rows.filter(year=year)
    return rows.select_related("unit")


def agreements_of(user, committee: OrgNode) -> QuerySet:
    rows = access.visible(user, Agreement.objects.filter(committee=committee))
    return rows.select_related("unit").annotate(project_count=Count("projects"))


def agreement_projects(agreement: Agreement) -> QuerySet:
    return AgreementProject.objects.filter(agreement=agreement).order_by("deadline", "pk")


def public_committee(public_id) -> OrgNode | None:
    from organizations import rules as org_rules

    return OrgNode.objects.filter(public_id=public_id, kind=org_rules.COMMITTEE).first()


def public_agreements(committee: OrgNode) -> list[dict]:
    """The agreements published on the community's notice page: only their public fields.

    Signed agreements only; no person's name, phone or file — the unit's name, year, goals,
    tasks, signing date, and each project's title, deadline and progress.
    """
    agreements = (
        Agreement.objects.filter(committee=committee, signed_on__isnull=False)
        .select_related("unit")
        .order_by("-year", "unit__name")
        .only("pk", "year", "goals", "community_tasks", "unit_tasks", "signed_on", "unit__name")
    )
    projects: dict[int, list[dict]] = {}
    for row in (
        AgreementProject.objects.filter(agreement__in=agreements)
        .order_by("deadline", "pk")
        .values("agreement_id", "title", "deadline", "progress")
    ):
        projects.setdefault(row.pop("agreement_id"), []).append(row)
    return [
        {
            "unit": a.unit.name,
            "year": a.year,
            "goals": a.goals,
            "community_tasks": a.community_tasks,
            "unit_tasks": a.unit_tasks,
            "signed_on": a.signed_on,
            "projects": projects.get(a.pk, []),
        }
        for a in agreements
    ]


def fund_summary(fund: Fund) -> dict:
    incomes = fund.incomes.aggregate(total=Sum("amount_fen"))["total"] or 0
    totals = fund.spends.aggregate(
        approved=Sum("amount_fen", filter=Q(state=SpendState.APPROVED)),
        pending=Sum("amount_fen", filter=Q(state=SpendState.RECORDED)),
    )
    approved, pending = totals["approved"] or 0, totals["pending"] or 0
    return {
        "budget": fund.budget_fen,
        "incomes": incomes,
        "approved": approved,
        "pending": pending,
        "balance": rules.balance_fen(fund.budget_fen, [incomes], [approved, pending]),
    }


def ledger(fund: Fund) -> list[dict]:
    """The year's ledger in date order: budget, incomes and spends with a running balance.

    Rejected spends are listed without moving the balance.
    """
    entries = [
        {
            "date": None,
            "kind": "budget",
            "text": "",
            "activity": "",
            "in": fund.budget_fen,
            "out": 0,
            "state": "",
        }
    ]
    for income in fund.incomes.order_by("received_on", "pk"):
        entries.append(
            {
                "date": income.received_on,
                "kind": "income",
                "text": income.source,
                "activity": "",
                "in": income.amount_fen,
                "out": 0,
                "state": "",
                "order": (income.received_on, 0, income.pk),
            }
        )
    for spend in fund.spends.order_by("spent_on", "pk"):
        entries.append(
            {
                "date": spend.spent_on,
                "kind": "spend",
                "text": spend.purpose,
                "activity": spend.activity,
                "in": 0,
                "out": spend.amount_fen if spend.state != SpendState.REJECTED else 0,
                "amount": spend.amount_fen,
                "state": spend.get_state_display(),
                "spend": spend,
                "order": (spend.spent_on, 1, spend.pk),
            }
        )
    head, rest = entries[0], sorted(entries[1:], key=lambda e: e["order"])
    running = 0
    for entry in [head, *rest]:
        running += entry["in"] - entry["out"]
        entry["balance"] = running
    return [head, *rest]


# ---------------------------------------------------------------------------------------------
# S4 dual registration


def home_committee(member) -> OrgNode | None:
    """The community committee above the member's home node."""
    from organizations import rules as org_rules

    home = OrgNode.objects.get(pk=member.node_id)
    return home.get_ancestors(include_self=True).filter(kind=org_rules.COMMITTEE).first()


def work_committees(member) -> QuerySet:
    """The committees the member's workplace unit is linked to now."""
    if member.workplace_id is None:
        return OrgNode.objects.none()
    return OrgNode.objects.filter(
        unit_links__unit_id=member.workplace_id, unit_links__ended_on__isnull=True
    ).order_by("name")


def my_registration_choices(member) -> list[tuple[OrgNode, str]]:
    """(committee, basis) pairs the member may still register with."""
    from .models import DualRegistration

    done = set(
        DualRegistration.objects.filter(member=member).values_list("committee_id", flat=True)
    )
    choices = []
    home = home_committee(member)
    if home is not None and home.pk not in done:
        choices.append((home, "home"))
    for committee in work_committees(member):
        if committee.pk not in done and (home is None or committee.pk != home.pk):
            choices.append((committee, "work"))
    return choices


def dual_coverage(committee: OrgNode) -> dict:
    """In-service members living in the community, how many of them registered there, and
    how many registered there because they work there."""
    from organizations.models import MemberCategory, PartyMember

    from .models import Basis, DualRegistration

    committee = OrgNode.objects.get(pk=committee.pk)  # fresh tree fields
    living = PartyMember.objects.filter(
        category=MemberCategory.IN_SERVICE,
        node__tree_id=committee.tree_id,
        node__lft__gte=committee.lft,
        node__rght__lte=committee.rght,
    )
    in_service = living.count()
    registered = DualRegistration.objects.filter(
        committee=committee, basis=Basis.HOME, member__in=living
    ).count()
    by_work = DualRegistration.objects.filter(committee=committee, basis=Basis.WORK).count()
    return {
        "in_service": in_service,
        "registered": registered,
        "percent": rules.coverage_percent(registered, in_service),
        "by_work": by_work,
    }


def dual_registrations_at(committee: OrgNode) -> QuerySet:
    from .models import DualRegistration

    return DualRegistration.objects.filter(committee=committee).select_related(
        "member", "member__workplace"
    )


# ---------------------------------------------------------------------------------------------
# S5 volunteer service


def service_places(member) -> QuerySet:
    """Where the member may record service: the committees they live in or registered with,
    and the grids of those committees."""
    from organizations import rules as org_rules

    committees = set(member.dual_registrations.values_list("committee_id", flat=True))
    home = home_committee(member)
    if home is not None:
        committees.add(home.pk)
    q = Q(pk__in=committees)
    for c in OrgNode.objects.filter(pk__in=committees):
        q |= Q(tree_id=c.tree_id, lft__gt=c.lft, rght__lt=c.rght, kind=org_rules.GRID)
    return OrgNode.objects.filter(q).order_by("tree_id", "lft")


def openings_of(committee: OrgNode) -> QuerySet:
    from .models import ServiceOpening

    return ServiceOpening.objects.filter(committee=committee).annotate(
        signup_count=Count("signups")
    )


def records_under(user, node: OrgNode) -> QuerySet:
    """Service records at the node and below, that the user may confirm."""
    from .models import ServiceRecord

    node = OrgNode.objects.get(pk=node.pk)
    rows = ServiceRecord.objects.filter(
        node__tree_id=node.tree_id, node__lft__gte=node.lft, node__rght__lte=node.rght
    )
    return access.visible(user, rows, access.CONFIRM_SERVICE).select_related("member", "node")


def member_summary(member, year: int) -> dict:
    """A member's confirmed service of a year, for their workplace party organisation."""
    from .models import RecordState

    records = list(
        member.service_records.filter(state=RecordState.CONFIRMED, served_on__year=year)
        .select_related("node", "opening", "confirmed_by")
        .order_by("served_on", "pk")
    )
    return {
        "member": member,
        "year": year,
        "records": records,
        "total": rules.total_hours(r.hours for r in records),
        "signups": list(
            member.service_signups.filter(created_at__year=year).select_related(
                "opening__committee"
            )
        ),
    }


# ---------------------------------------------------------------------------------------------
# A1 assessment


def assessment(committee: OrgNode, year: int) -> list[dict]:
    """Each linked unit's yearly score and breakdown (one query for all units)."""
    from django.db.models import Avg, Exists, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from meetings.joint import joint_rates

    from .models import RecordState, ServiceRecord

    agreement = Agreement.objects.filter(unit=OuterRef("pk"), committee=committee, year=year)
    progress = (
        AgreementProject.objects.filter(
            agreement__unit=OuterRef("pk"),
            agreement__committee=committee,
            agreement__year=year,
        )
        .values("agreement")
        .annotate(avg=Avg("progress"))
        .values("avg")
    )
    commitments = Commitment.objects.filter(unit=OuterRef("pk"), committee=committee, year=year)

    def count(queryset):
        return Coalesce(
            Subquery(
                queryset.values("unit").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    hours = (
        ServiceRecord.objects.filter(
            member__workplace=OuterRef("pk"), state=RecordState.CONFIRMED, served_on__year=year
        )
        .values("member__workplace")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    units = units_of(committee).annotate(
        is_registered=Exists(
            UnitRegistration.objects.filter(
                unit=OuterRef("pk"), committee=committee, registered_on__year__lte=year
            )
        ),
        agreement_signed=Exists(agreement.filter(signed_on__isnull=False)),
        agreement_progress=Subquery(progress[:1]),
        commitment_count=count(commitments),
        fulfilled_count=count(commitments.filter(status="fulfilled")),
        service_hours=Subquery(hours[:1]),
    )
    # Joint meetings (M4) held in the year up to today; a unit invited to none has no part.
    meeting_rates = joint_rates(committee, year)
    rows = []
    for unit in units:
        agreement_progress = unit.agreement_progress
        if unit.agreement_signed and agreement_progress is None:
            agreement_progress = 100  # signed, with no projects to measure
        score = rules.unit_score(
            registered=unit.is_registered,
            agreement_signed=unit.agreement_signed,
            agreement_progress=float(agreement_progress or 0),
            commitments=unit.commitment_count,
            fulfilled=unit.fulfilled_count,
            service_hours=unit.service_hours or 0,
            members=unit.member_count,
            meeting_rate=meeting_rates.get(unit.pk),
        )
        rows.append({"unit": unit, "score": score, "hours": unit.service_hours or 0})
    return rows


def commendations_of(committee: OrgNode, year: int) -> QuerySet:
    from .models import Commendation

    return Commendation.objects.filter(committee=committee, year=year).select_related("unit")
