"""Writes of co-building and funds; each in one transaction with its audit event."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import rules as meeting_rules
from organizations import actions as org_actions
from organizations.models import MemberUnit, OrgNode

from . import rules
from .models import (
    Agreement,
    AgreementProject,
    Commitment,
    Fulfilment,
    Fund,
    FundIncome,
    FundSpend,
    SpendState,
    UnitRegistration,
)


def _check_upload(field: str, upload) -> None:
    if not upload:
        return
    head = upload.read(16)
    upload.seek(0)
    problem = rules.upload_problem(upload.name, upload.size, head, rules.setting("upload_max_mb"))
    if problem:
        raise ValidationError({field: problem})


def _check_linked(unit: MemberUnit, committee: OrgNode) -> None:
    if not unit.links.filter(committee=committee, ended_on__isnull=True).exists():
        raise ValidationError(_("The unit is not linked to this community committee."))


# ---------------------------------------------------------------------------------------------
# S3 registration


@transaction.atomic
def unit_register(
    *, actor, unit: MemberUnit, committee: OrgNode, registered_on: datetime.date, ip=None
) -> UnitRegistration:
    """The unit's party organisation registers (报到) with a linked community committee."""
    _check_linked(unit, committee)
    if UnitRegistration.objects.filter(unit=unit, committee=committee).exists():
        raise ValidationError(_("The unit has already registered with this committee."))
    if registered_on > timezone.localdate():
        raise ValidationError(
            {"registered_on": _("The registration date cannot be in the future.")}
        )
    registration = UnitRegistration.objects.create(
        unit=unit,
        committee=committee,
        registered_on=registered_on,
        recorded_by=org_actions.acting_user(actor),
    )
    if unit.registered_on is None:  # the unit record's own date: its first registration
        org_actions.unit_update(actor=actor, unit=unit, registered_on=registered_on, ip=ip)
    org_actions.audit(
        actor=actor,
        action="services.unit_register",
        node=committee,
        obj=registration,
        data={"unit": unit.pk, "registered_on": registered_on.isoformat()},
        ip=ip,
    )
    return registration


# ---------------------------------------------------------------------------------------------
# S2 commitments


@transaction.atomic
def commitment_create(
    *,
    actor,
    committee: OrgNode,
    unit: MemberUnit,
    year: int,
    direction: str,
    kind: str,
    description: str,
    amount_fen: int | None = None,
    opening_hours: str = "",
    ip=None,
) -> Commitment:
    _check_linked(unit, committee)
    if not description.strip():
        raise ValidationError({"description": _("Please say what is promised.")})
    if amount_fen is not None:
        problem = rules.amount_problem(amount_fen)
        if problem:
            raise ValidationError({"amount": problem})
    commitment = Commitment.objects.create(
        committee=committee,
        unit=unit,
        year=year,
        direction=direction,
        kind=kind,
        description=description.strip(),
        amount_fen=amount_fen,
        opening_hours=opening_hours.strip(),
    )
    org_actions.audit(
        actor=actor, action="services.commitment_create", node=committee, obj=commitment, ip=ip
    )
    return commitment


@transaction.atomic
def commitment_fulfil(
    *, actor, commitment: Commitment, status: str, note: str = "", evidence=None, ip=None
) -> Commitment:
    """Record how far a commitment is fulfilled, with evidence (a PDF or a picture)."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if status not in Fulfilment.values:
        raise ValidationError({"status": _("Unknown fulfilment status.")})
    _check_upload("evidence", evidence)
    commitment.status, commitment.note = status, note.strip()
    if evidence:
        commitment.evidence = evidence
    commitment.save()
    org_actions.audit(
        actor=actor,
        action="services.commitment_fulfil",
        node=commitment.committee,
        obj=commitment,
        data={"status": status, "evidence": bool(evidence)},
        ip=ip,
    )
    return commitment


# ---------------------------------------------------------------------------------------------
# S1 agreements


@transaction.atomic
def agreement_create(
    *,
    actor,
    committee: OrgNode,
    unit: MemberUnit,
    year: int,
    goals: str,
    community_tasks: str = "",
    unit_tasks: str = "",
    resolution=None,
    ip=None,
) -> Agreement:
    """One agreement per unit per community a year; it may cite the committee meeting's
    resolution that approved it."""
    _check_linked(unit, committee)
    if resolution is not None:
        problem = meeting_rules.cited_resolution_problem(
            same_committee=resolution.meeting.committee_id == committee.pk,
            adopted=resolution.adopted,
        )
        if problem:
            raise ValidationError({"resolution": problem})
    if not goals.strip():
        raise ValidationError({"goals": _("Please state the agreement's goals.")})
    if Agreement.objects.filter(committee=committee, unit=unit, year=year).exists():
        raise ValidationError(
            _("%(unit)s already has a co-building agreement for %(year)s.")
            % {"unit": unit.name, "year": year}
        )
    try:
        with transaction.atomic():
            agreement = Agreement.objects.create(
                committee=committee,
                unit=unit,
                year=year,
                goals=goals.strip(),
                community_tasks=community_tasks.strip(),
                unit_tasks=unit_tasks.strip(),
                resolution=resolution,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(unit)s already has a co-building agreement for %(year)s.")
            % {"unit": unit.name, "year": year}
        ) from error
    org_actions.audit(
        actor=actor, action="services.agreement_create", node=committee, obj=agreement, ip=ip
    )
    return agreement


@transaction.atomic
def agreement_sign(
    *, actor, agreement: Agreement, signed_on: datetime.date, signed_scan=None, ip=None
) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    problem = rules.signing_problem(signed_on, agreement.year)
    if problem:
        raise ValidationError({"signed_on": problem})
    _check_upload("signed_scan", signed_scan)
    agreement.signed_on = signed_on
    if signed_scan:
        agreement.signed_scan = signed_scan
    agreement.save()
    org_actions.audit(
        actor=actor,
        action="services.agreement_sign",
        node=agreement.committee,
        obj=agreement,
        data={"signed_on": signed_on.isoformat(), "scan": bool(signed_scan)},
        ip=ip,
    )
    return agreement


@transaction.atomic
def project_add(
    *, actor, agreement: Agreement, title: str, owner: str, deadline: datetime.date, ip=None
) -> AgreementProject:
    problem = rules.deadline_problem(deadline, agreement.year)
    if problem:
        raise ValidationError({"deadline": problem})
    if not title.strip() or not owner.strip():
        raise ValidationError(_("A project needs a title and an owner."))
    project = AgreementProject.objects.create(
        agreement=agreement, title=title.strip(), owner=owner.strip(), deadline=deadline
    )
    org_actions.audit(
        actor=actor, action="services.project_add", node=agreement.committee, obj=project, ip=ip
    )
    return project


@transaction.atomic
def project_progress(
    *, actor, project: AgreementProject, progress: int, progress_note: str = "", ip=None
) -> AgreementProject:
    problem = rules.progress_problem(progress)
    if problem:
        raise ValidationError({"progress": problem})
    project = AgreementProject.objects.select_for_update().get(pk=project.pk)
    before = project.progress
    project.progress, project.progress_note = progress, progress_note.strip()
    project.save(update_fields=["progress", "progress_note"])
    org_actions.audit(
        actor=actor,
        action="services.project_progress",
        node=project.agreement.committee,
        obj=project,
        data={"from": before, "to": progress},
        ip=ip,
    )
    return project


# ---------------------------------------------------------------------------------------------
# F1 funds


def fund_for(committee: OrgNode, year: int) -> Fund:
    """The year's funds, created with the budget of the setting the first time they are used."""
    fund, _created = Fund.objects.get_or_create(
        committee=committee, year=year, defaults={"budget_fen": rules.yearly_budget_fen()}
    )
    return fund


def fund_balance(fund: Fund) -> int:
    incomes = fund.incomes.aggregate(total=Sum("amount_fen"))["total"] or 0
    held = (
        fund.spends.filter(~Q(state=SpendState.REJECTED)).aggregate(total=Sum("amount_fen"))[
            "total"
        ]
        or 0
    )
    return rules.balance_fen(fund.budget_fen, [incomes], [held])


def _locked_fund(committee: OrgNode, year: int) -> Fund:
    fund = fund_for(committee, year)
    return Fund.objects.select_for_update().get(pk=fund.pk)


@transaction.atomic
def income_add(
    *,
    actor,
    committee: OrgNode,
    amount_fen: int,
    source: str,
    received_on: datetime.date,
    ip=None,
) -> FundIncome:
    """Record money added to the year's funds (a party-fee subsidy)."""
    problem = rules.amount_problem(amount_fen)
    if problem:
        raise ValidationError({"amount": problem})
    fund = _locked_fund(committee, received_on.year)
    income = FundIncome.objects.create(
        fund=fund,
        amount_fen=amount_fen,
        source=source.strip(),
        received_on=received_on,
        recorded_by=org_actions.acting_user(actor),
    )
    org_actions.audit(
        actor=actor,
        action="services.income_add",
        node=committee,
        obj=income,
        data={"amount_fen": amount_fen, "year": fund.year},
        ip=ip,
    )
    return income


@transaction.atomic
def spend_record(
    *,
    actor,
    committee: OrgNode,
    amount_fen: int,
    purpose: str,
    spent_on: datetime.date,
    activity: str = "",
    receipt=None,
    ip=None,
) -> FundSpend:
    """Record a spend; it holds its amount at once. Over the balance it is refused.

    The year's fund row is locked (SELECT … FOR UPDATE) before the balance is read, so two
    spends recorded at the same moment are checked one after the other.
    """
    if not purpose.strip():
        raise ValidationError({"purpose": _("Please give the purpose of the spend.")})
    _check_upload("receipt", receipt)
    fund = _locked_fund(committee, spent_on.year)
    problem = rules.spend_problem(fund_balance(fund), amount_fen, fund.year)
    if problem:
        raise ValidationError({"amount": problem})
    spend = FundSpend(
        fund=fund,
        amount_fen=amount_fen,
        purpose=purpose.strip(),
        spent_on=spent_on,
        activity=activity.strip(),
        recorded_by=org_actions.acting_user(actor),
    )
    if receipt:
        spend.receipt = receipt
    spend.save()
    org_actions.audit(
        actor=actor,
        action="services.spend_record",
        node=committee,
        obj=spend,
        data={"amount_fen": amount_fen, "year": fund.year},
        ip=ip,
    )
    return spend


@transaction.atomic
def spend_decide(*, actor, spend: FundSpend, approve: bool, ip=None) -> FundSpend:
    """The secretary approves a recorded spend, or rejects it (its amount is freed)."""
    spend = FundSpend.objects.select_related("fund__committee").get(pk=spend.pk)
    Fund.objects.select_for_update().get(pk=spend.fund_id)
    spend = FundSpend.objects.select_for_update().get(pk=spend.pk)
    if spend.state != SpendState.RECORDED:
        raise ValidationError(_("This spend has already been decided."))
    spend.state = SpendState.APPROVED if approve else SpendState.REJECTED
    spend.decided_by = org_actions.acting_user(actor)
    spend.decided_at = timezone.now()
    spend.save(update_fields=["state", "decided_by", "decided_at"])
    org_actions.audit(
        actor=actor,
        action="services.spend_approve" if approve else "services.spend_reject",
        node=spend.fund.committee,
        obj=spend,
        data={"amount_fen": spend.amount_fen},
        ip=ip,
    )
    return spend


# ---------------------------------------------------------------------------------------------
# S4 dual registration


@transaction.atomic
def dual_register(
    *,
    actor,
    member,
    committee: OrgNode,
    basis: str,
    registered_on: datetime.date,
    skills: str = "",
    preferred_service: str = "",
    ip=None,
):
    """An in-service member registers (报到) with their home community or a work community."""
    from organizations.models import MemberCategory

    from . import selectors
    from .models import DualRegistration

    home = selectors.home_committee(member)
    problem = rules.dual_registration_problem(
        in_service=member.category == MemberCategory.IN_SERVICE,
        basis=basis,
        is_home=home is not None and home.pk == committee.pk,
        is_work=selectors.work_committees(member).filter(pk=committee.pk).exists(),
    )
    if problem:
        raise ValidationError(problem)
    if DualRegistration.objects.filter(member=member, committee=committee).exists():
        raise ValidationError(_("You have already registered with this community."))
    registration = DualRegistration.objects.create(
        member=member,
        committee=committee,
        basis=basis,
        registered_on=registered_on,
        skills=skills.strip(),
        preferred_service=preferred_service.strip(),
    )
    org_actions.audit(
        actor=actor,
        action="services.dual_register",
        node=committee,
        obj=registration,
        data={"basis": basis, "member": member.pk},
        ip=ip,
    )
    return registration


# ---------------------------------------------------------------------------------------------
# S5 volunteer service


@transaction.atomic
def opening_create(
    *,
    actor,
    committee: OrgNode,
    kind: str,
    title: str,
    description: str = "",
    place: str = "",
    schedule: str = "",
    ip=None,
):
    from .models import ServiceOpening

    if not title.strip():
        raise ValidationError({"title": _("Please give the post or project a title.")})
    opening = ServiceOpening.objects.create(
        committee=committee,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        place=place.strip(),
        schedule=schedule.strip(),
    )
    org_actions.audit(
        actor=actor, action="services.opening_create", node=committee, obj=opening, ip=ip
    )
    return opening


@transaction.atomic
def signup_create(*, actor, opening, member, mode: str, group_name: str = "", ip=None):
    """A member takes up a post or project: by directed commitment or self-chosen."""
    from .models import ServiceOpening, Signup

    opening = ServiceOpening.objects.select_for_update().get(pk=opening.pk)
    if not opening.is_open:
        raise ValidationError(_("This post or project is no longer open for sign-up."))
    if Signup.objects.filter(opening=opening, member=member).exists():
        raise ValidationError(_("You have already signed up for this."))
    signup = Signup.objects.create(
        opening=opening, member=member, mode=mode, group_name=group_name.strip()
    )
    org_actions.audit(
        actor=actor,
        action="services.signup",
        node=opening.committee,
        obj=signup,
        data={"mode": mode, "group": signup.group_name},
        ip=ip,
    )
    return signup


@transaction.atomic
def record_create(
    *,
    actor,
    member,
    node: OrgNode,
    served_on: datetime.date,
    hours,
    description: str,
    opening=None,
    ip=None,
):
    """A member records hours of service where they served; the grid secretary confirms."""
    from . import selectors
    from .models import ServiceRecord

    problem = rules.hours_problem(hours, served_on, timezone.localdate())
    if problem:
        raise ValidationError({"hours": problem})
    if not selectors.service_places(member).filter(pk=node.pk).exists():
        raise ValidationError(
            {"node": _("Service is recorded in a community you live in or registered with.")}
        )
    if not description.strip():
        raise ValidationError({"description": _("Please say what was done.")})
    record = ServiceRecord.objects.create(
        member=member,
        node=node,
        opening=opening,
        served_on=served_on,
        hours=hours,
        description=description.strip(),
    )
    org_actions.audit(
        actor=actor,
        action="services.record_create",
        node=node,
        obj=record,
        data={"hours": str(hours), "member": member.pk},
        ip=ip,
    )
    return record


@transaction.atomic
def record_confirm(*, actor, record, confirm: bool, ip=None):
    """The grid secretary (CONFIRM_SERVICE) confirms the hours, or turns them down."""
    from .models import RecordState, ServiceRecord

    record = ServiceRecord.objects.select_for_update().select_related("member").get(pk=record.pk)
    problem = rules.confirm_problem(
        confirmer_is_member=actor is not None and record.member.user_id == actor.pk,
        state=record.state,
    )
    if problem:
        raise ValidationError(problem)
    record.state = RecordState.CONFIRMED if confirm else RecordState.REJECTED
    record.confirmed_by = org_actions.acting_user(actor)
    record.confirmed_at = timezone.now()
    record.save(update_fields=["state", "confirmed_by", "confirmed_at"])
    org_actions.audit(
        actor=actor,
        action="services.record_confirm" if confirm else "services.record_reject",
        node=record.node,
        obj=record,
        data={"hours": str(record.hours)},
        ip=ip,
    )
    return record


# ---------------------------------------------------------------------------------------------
# A1 commendations


@transaction.atomic
def commendation_create(
    *,
    actor,
    committee: OrgNode,
    unit: MemberUnit,
    year: int,
    title: str,
    decided_on: datetime.date,
    note: str = "",
    ip=None,
):
    from .models import Commendation

    _check_linked(unit, committee)
    if not title.strip():
        raise ValidationError({"title": _("Please name the commendation.")})
    commendation = Commendation.objects.create(
        committee=committee,
        unit=unit,
        year=year,
        title=title.strip(),
        decided_on=decided_on,
        note=note.strip(),
    )
    org_actions.audit(
        actor=actor,
        action="services.commendation_create",
        node=committee,
        obj=commendation,
        ip=ip,
    )
    return commendation
