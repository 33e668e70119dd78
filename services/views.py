"""Pages of co-building (S1–S3) and funds (F1). Every page goes through organizations.access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dajiwei import excel
from meetings import selectors as meeting_selectors
from organizations import access
from organizations import rules as org_rules
from organizations.forms import add_action_errors
from organizations.models import MemberCategory, MemberUnit, OrgNode, PartyMember
from organizations.views.base import (
    ActionFormView,
    BreadcrumbsMixin,
    RequireKindMixin,
    client_ip,
)

from . import actions, documents, forms, rules, selectors
from .models import (
    Agreement,
    AgreementProject,
    Commitment,
    FundSpend,
    RecordState,
    ServiceOpening,
    ServiceRecord,
    SpendState,
)


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError as error:
        raise Http404 from error
    if not 2000 <= year <= 2100:
        raise Http404
    return year


class CommitteePage(RequireKindMixin, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    kinds = (org_rules.COMMITTEE,)
    permission = access.VIEW_ROSTER

    def get_context_data(self, **kwargs):
        kwargs.setdefault("node", self.object)
        user = self.request.user
        kwargs["may_manage"] = access.holds(user, access.MANAGE_SERVICES, self.object)
        return super().get_context_data(**kwargs)


class CommitteeForm(RequireKindMixin, ActionFormView):
    kinds = (org_rules.COMMITTEE,)
    permission = access.MANAGE_SERVICES


def _file_response(field):
    if not field:
        raise Http404
    response = FileResponse(field.open("rb"), filename=field.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------------------------------------
# S3 registration


class OverviewView(CommitteePage):
    """The committee's units: registered or not, and the links to commitments and agreements."""

    template_name = "services/overview.html"

    def get_context_data(self, **kwargs):
        kwargs["units"] = selectors.unit_overview(self.object)
        kwargs["public_url"] = reverse("services:public_agreements", args=[self.object.public_id])
        return super().get_context_data(**kwargs)


class UnitRegisterView(ActionFormView):
    """By the unit's contact, or by the office of a linked committee (MANAGE_SERVICES there)."""

    scope_queryset = MemberUnit.objects.all()
    form_class = forms.RegistrationForm
    title = _("Register the unit with the community")
    success_message = _("The unit's registration has been recorded.")

    def load_object(self, request, kwargs):
        unit = super().load_object(request, kwargs)
        self.committees = self.allowed_committees(request.user, unit)
        if not self.committees.exists():
            raise PermissionDenied
        return unit

    def allowed_committees(self, user, unit):
        committees = selectors.unlinked_committees_to_register(unit)
        if user.has_perm(access.CHANGE_UNIT, unit):
            return committees
        return committees.filter(access.scope_q(user, access.MANAGE_SERVICES))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "committees": self.committees}

    def perform(self, form):
        actions.unit_register(actor=self.actor, unit=self.object, ip=self.ip, **form.cleaned_data)
        return self.object


# ---------------------------------------------------------------------------------------------
# S2 commitments


class CommitmentListView(CommitteePage):
    template_name = "services/commitment_list.html"

    def get_context_data(self, **kwargs):
        year = _year(self.request)
        kwargs.update(
            year=year,
            commitments=selectors.commitments_of(self.request.user, self.object, year).order_by(
                "unit__name", "direction", "pk"
            ),
        )
        return super().get_context_data(**kwargs)


class CommitmentCreateView(CommitteeForm):
    form_class = forms.CommitmentForm
    title = _("Add a commitment")
    success_message = _("The commitment has been recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": selectors.units_of(self.object)}

    def perform(self, form):
        return _commitment_create(self, form, committee=self.object)


class UnitCommitmentCreateView(ActionFormView):
    """The unit's own contact records its commitments with a linked committee (S2); the office
    of a linked committee may too (MANAGE_SERVICES there)."""

    scope_queryset = MemberUnit.objects.all()
    form_class = forms.UnitCommitmentForm
    title = _("Record a commitment of the unit")
    success_message = _("The commitment has been recorded.")

    def load_object(self, request, kwargs):
        unit = super().load_object(request, kwargs)
        self.committees = selectors.linked_committees(unit)
        if not request.user.has_perm(access.CHANGE_UNIT, unit):
            self.committees = self.committees.filter(
                access.scope_q(request.user, access.MANAGE_SERVICES)
            )
        if not self.committees.exists():
            raise PermissionDenied
        return unit

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "committees": self.committees}

    def get_success_url_for(self, result):
        return self.object.get_absolute_url()

    def perform(self, form):
        return _commitment_create(self, form, unit=self.object)


def _commitment_create(view, form, **where):
    """A commitment from either side's form: the committee's (naming the unit) or the unit's
    (naming the committee); the amount is typed in yuan and kept in fen."""
    data = dict(form.cleaned_data)
    amount = data.pop("amount")
    return actions.commitment_create(
        actor=view.actor,
        amount_fen=rules.to_fen(amount) if amount is not None else None,
        ip=view.ip,
        **where,
        **data,
    )


class CommitmentFulfilView(ActionFormView):
    permission = access.MANAGE_SERVICES
    scope_queryset = Commitment.objects.select_related("committee", "unit")
    form_class = forms.FulfilmentForm
    title = _("Fulfilment of the commitment")
    success_message = _("The fulfilment has been recorded.")

    def crumb_node(self):
        return self.object.committee

    def get_initial(self):
        return {"status": self.object.status, "note": self.object.note}

    def get_cancel_url(self):
        return reverse("services:commitment_list", args=[self.object.committee_id])

    def perform(self, form):
        return actions.commitment_fulfil(
            actor=self.actor, commitment=self.object, ip=self.ip, **form.cleaned_data
        )


class CommitmentEvidenceView(access.ScopedMixin, View):
    permission = access.VIEW_ROSTER
    scope_queryset = Commitment.objects.all()

    def get(self, request, *args, **kwargs):
        return _file_response(self.object.evidence)


# ---------------------------------------------------------------------------------------------
# S1 agreements


class AgreementGateMixin(access.ScopedMixin):
    """An agreement: for staff who see its committee's roster, and for the unit's own contact
    (who sees only their own unit's agreements)."""

    permission = access.VIEW_ROSTER
    scope_queryset = Agreement.objects.select_related("committee", "unit")

    def load_object(self, request, kwargs):
        agreement = self.get_scope_queryset().filter(pk=kwargs["pk"]).first()
        if agreement is not None and request.user.has_perm(access.CHANGE_UNIT, agreement.unit):
            return agreement
        return super().load_object(request, kwargs)


class AgreementListView(CommitteePage):
    template_name = "services/agreement_list.html"

    def get_context_data(self, **kwargs):
        kwargs["agreements"] = selectors.agreements_of(self.request.user, self.object)
        kwargs["public_url"] = reverse("services:public_agreements", args=[self.object.public_id])
        return super().get_context_data(**kwargs)


class AgreementCreateView(CommitteeForm):
    form_class = forms.AgreementForm
    title = _("Add a co-building agreement")
    success_message = _("The agreement has been recorded; add its projects next.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "units": selectors.units_of(self.object),
            "resolutions": meeting_selectors.adopted_resolutions(self.object.pk),
        }

    def perform(self, form):
        return actions.agreement_create(
            actor=self.actor, committee=self.object, ip=self.ip, **form.cleaned_data
        )


class AgreementDetailView(BreadcrumbsMixin, AgreementGateMixin, TemplateView):
    template_name = "services/agreement_detail.html"

    def crumb_node(self):
        return self.object.committee

    def get_context_data(self, **kwargs):
        kwargs.update(
            agreement=self.object,
            projects=selectors.agreement_projects(self.object),
            may_manage=access.holds(
                self.request.user, access.MANAGE_SERVICES, self.object.committee
            ),
        )
        return super().get_context_data(**kwargs)


class AgreementSignView(ActionFormView):
    permission = access.MANAGE_SERVICES
    scope_queryset = Agreement.objects.select_related("committee", "unit")
    form_class = forms.SignForm
    title = _("Record the signing of the agreement")
    success_message = _("The signing has been recorded; the agreement is now published.")

    def crumb_node(self):
        return self.object.committee

    def perform(self, form):
        return actions.agreement_sign(
            actor=self.actor, agreement=self.object, ip=self.ip, **form.cleaned_data
        )


class ProjectAddView(AgreementSignView):
    form_class = forms.ProjectForm
    title = _("Add a project to the agreement")
    success_message = _("The project has been added.")

    def perform(self, form):
        return actions.project_add(
            actor=self.actor, agreement=self.object, ip=self.ip, **form.cleaned_data
        )


class ProjectProgressView(ActionFormView):
    permission = access.MANAGE_SERVICES
    scope_queryset = AgreementProject.objects.select_related("agreement__committee")
    form_class = forms.ProgressForm
    title = _("Progress of the project")
    success_message = _("The progress has been recorded.")

    def crumb_node(self):
        return self.object.agreement.committee

    def get_initial(self):
        return {"progress": self.object.progress, "progress_note": self.object.progress_note}

    def perform(self, form):
        return actions.project_progress(
            actor=self.actor, project=self.object, ip=self.ip, **form.cleaned_data
        )


class AgreementScanView(AgreementGateMixin, View):
    def get(self, request, *args, **kwargs):
        return _file_response(self.object.signed_scan)


class AgreementPdfView(AgreementGateMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            documents.agreement_pdf(self.object), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="agreement-{self.object.pk}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class PublicAgreementsView(access.PublicMixin, TemplateView):
    """The community's notice page (公示): signed agreements' public fields, no login."""

    template_name = "services/public_agreements.html"

    def get_context_data(self, **kwargs):
        committee = selectors.public_committee(kwargs["public_id"])
        if committee is None:
            raise Http404
        kwargs.update(
            committee_name=committee.name, agreements=selectors.public_agreements(committee)
        )
        return super().get_context_data(**kwargs)


# ---------------------------------------------------------------------------------------------
# F1 funds


class FundsView(CommitteePage):
    permission = access.MANAGE_FUNDS
    template_name = "services/funds.html"

    def get_context_data(self, **kwargs):
        year = _year(self.request)
        fund = actions.fund_for(self.object, year)
        user = self.request.user
        kwargs.update(
            year=year,
            fund=fund,
            summary=selectors.fund_summary(fund),
            ledger=selectors.ledger(fund),
            may_approve=access.holds(user, access.APPROVE_SPENDING, self.object),
        )
        return super().get_context_data(**kwargs)


class IncomeAddView(CommitteeForm):
    permission = access.MANAGE_FUNDS
    form_class = forms.IncomeForm
    title = _("Record a party-fee subsidy or other income")
    success_message = _("The income has been recorded.")

    def perform(self, form):
        data = dict(form.cleaned_data)
        income = actions.income_add(
            actor=self.actor,
            committee=self.object,
            amount_fen=_fen(data.pop("amount")),
            ip=self.ip,
            **data,
        )
        return income.fund


class SpendAddView(CommitteeForm):
    permission = access.MANAGE_FUNDS
    form_class = forms.SpendForm
    title = _("Record a spend")
    success_message = _("The spend has been recorded and awaits the secretary's approval.")

    def perform(self, form):
        data = dict(form.cleaned_data)
        spend = actions.spend_record(
            actor=self.actor,
            committee=self.object,
            amount_fen=_fen(data.pop("amount")),
            ip=self.ip,
            **data,
        )
        return spend.fund


def _fen(amount) -> int:
    try:
        return rules.to_fen(amount)
    except ValueError as error:
        raise ValidationError({"amount": _("Please give an amount in yuan and fen.")}) from error


class SpendDecideView(ActionFormView):
    permission = access.APPROVE_SPENDING
    scope_queryset = FundSpend.objects.select_related("fund__committee")
    form_class = forms.DecideForm
    title = _("Approve or reject the spend")

    def load_object(self, request, kwargs):
        spend = super().load_object(request, kwargs)
        if spend.state != SpendState.RECORDED:
            raise Http404
        return spend

    def crumb_node(self):
        return self.object.fund.committee

    def get_cancel_url(self):
        return self.object.fund.get_absolute_url()

    def get_context_data(self, **kwargs):
        spend = self.object
        kwargs.setdefault(
            "title",
            f"{self.title}: {spend.purpose} ({rules.yuan(spend.amount_fen)})",
        )
        return super().get_context_data(**kwargs)

    def perform(self, form):
        spend = actions.spend_decide(
            actor=self.actor, spend=self.object, approve=form.cleaned_data["approve"], ip=self.ip
        )
        return spend.fund


class SpendReceiptView(access.ScopedMixin, View):
    permission = access.MANAGE_FUNDS
    scope_queryset = FundSpend.objects.all()

    def get(self, request, *args, **kwargs):
        return _file_response(self.object.receipt)


class LedgerDownload(RequireKindMixin, access.ScopedMixin, View):
    kinds = (org_rules.COMMITTEE,)
    permission = access.MANAGE_FUNDS


class LedgerXlsxView(LedgerDownload):
    def get(self, request, *args, **kwargs):
        year = _year(request)
        fund = actions.fund_for(self.object, year)
        return excel.xlsx_response(
            f"ledger-{self.object.pk}-{year}.xlsx", documents.ledger_sheets(fund)
        )


class LedgerPdfView(LedgerDownload):
    def get(self, request, *args, **kwargs):
        year = _year(request)
        fund = actions.fund_for(self.object, year)
        response = HttpResponse(documents.ledger_pdf(fund), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="ledger-{self.object.pk}-{year}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


# ---------------------------------------------------------------------------------------------
# S4 dual registration


class MyRegistrationView(access.LoggedInMixin, FormView):
    """A member's own page: register with the community where they live and where they work."""

    template_name = "services/my_registration.html"
    form_class = forms.DualRegistrationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.member = PartyMember.objects.filter(user=request.user).first()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        choices = selectors.my_registration_choices(self.member) if self.member else []
        return {**super().get_form_kwargs(), "choices": choices}

    def get_context_data(self, **kwargs):
        kwargs["member"] = self.member
        if self.member is not None:
            kwargs["registrations"] = self.member.dual_registrations.select_related("committee")
            kwargs["in_service"] = self.member.category == MemberCategory.IN_SERVICE
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        if self.member is None:
            raise PermissionDenied
        data = dict(form.cleaned_data)
        committee, basis = form.by_key[data.pop("choice")]
        try:
            actions.dual_register(
                actor=self.request.user,
                member=self.member,
                committee=committee,
                basis=basis,
                ip=client_ip(self.request),
                **data,
            )
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your registration has been recorded."))
        return HttpResponseRedirect(reverse("services:my_registration"))


class DualCoverageView(CommitteePage):
    template_name = "services/dual_coverage.html"

    def get_context_data(self, **kwargs):
        kwargs.update(
            coverage=selectors.dual_coverage(self.object),
            registrations=selectors.dual_registrations_at(self.object),
        )
        return super().get_context_data(**kwargs)


# ---------------------------------------------------------------------------------------------
# S5 volunteer service


def _member_of(user):
    if not user.is_authenticated:
        return None
    return PartyMember.objects.filter(user=user).select_related("workplace").first()


class OpeningListView(CommitteePage):
    """Service posts and projects of the committee: every member of the community sees them."""

    permission = access.VIEW
    template_name = "services/opening_list.html"

    def get_context_data(self, **kwargs):
        kwargs["openings"] = selectors.openings_of(self.object)
        return super().get_context_data(**kwargs)


class OpeningCreateView(CommitteeForm):
    form_class = forms.OpeningForm
    title = _("Publish a service post or project")
    success_message = _("The post or project has been published.")

    def perform(self, form):
        return actions.opening_create(
            actor=self.actor, committee=self.object, ip=self.ip, **form.cleaned_data
        )


class SignupView(ActionFormView):
    permission = access.VIEW
    scope_queryset = ServiceOpening.objects.select_related("committee")
    form_class = forms.SignupForm
    title = _("Sign up for service")
    success_message = _("You have signed up.")

    def crumb_node(self):
        return self.object.committee

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", f"{self.title}: {self.object.title}")
        return super().get_context_data(**kwargs)

    def perform(self, form):
        member = _member_of(self.request.user)
        if member is None:
            raise ValidationError(_("Your login is not linked to a party member record."))
        actions.signup_create(
            actor=self.actor, opening=self.object, member=member, ip=self.ip, **form.cleaned_data
        )
        return self.object


class RecordListView(BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    """Service records at a grid (or a whole community) of a year, for confirmation."""

    permission = access.CONFIRM_SERVICE
    template_name = "services/record_list.html"

    def get_context_data(self, **kwargs):
        year = _year(self.request)
        rows = selectors.records_under(self.request.user, self.object).filter(served_on__year=year)
        kwargs.update(
            node=self.object,
            year=year,
            records=rows.order_by("state", "-served_on", "pk"),
        )
        return super().get_context_data(**kwargs)


class RecordConfirmView(ActionFormView):
    permission = access.CONFIRM_SERVICE
    scope_queryset = ServiceRecord.objects.select_related("node", "member", "opening")
    form_class = forms.ConfirmForm
    title = _("Confirm the service hours")

    def load_object(self, request, kwargs):
        record = super().load_object(request, kwargs)
        if record.state != RecordState.RECORDED:
            raise Http404
        return record

    def crumb_node(self):
        return self.object.node

    def get_cancel_url(self):
        return reverse("services:record_list", args=[self.object.node_id])

    def get_context_data(self, **kwargs):
        r = self.object
        kwargs.setdefault(
            "title",
            f"{self.title}: {r.member.name}, {r.served_on:%Y-%m-%d}, {r.hours}, {r.description}",
        )
        return super().get_context_data(**kwargs)

    def perform(self, form):
        actions.record_confirm(
            actor=self.actor, record=self.object, confirm=form.cleaned_data["confirm"], ip=self.ip
        )
        return self.object


class MyServiceView(access.LoggedInMixin, FormView):
    """A member's own service: sign-ups, records and their state, and recording new hours."""

    template_name = "services/my_service.html"
    form_class = forms.RecordForm

    def dispatch(self, request, *args, **kwargs):
        self.member = _member_of(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        if self.member is None:
            places, openings = OrgNode.objects.none(), ServiceOpening.objects.none()
        else:
            places = selectors.service_places(self.member)
            openings = ServiceOpening.objects.filter(signups__member=self.member)
        return {**super().get_form_kwargs(), "places": places, "openings": openings}

    def get_context_data(self, **kwargs):
        kwargs["member"] = self.member
        kwargs["year"] = timezone.localdate().year
        if self.member is not None:
            kwargs["signups"] = self.member.service_signups.select_related("opening__committee")
            kwargs["records"] = self.member.service_records.select_related("node").order_by(
                "-served_on", "pk"
            )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        if self.member is None:
            raise PermissionDenied
        try:
            actions.record_create(
                actor=self.request.user,
                member=self.member,
                ip=client_ip(self.request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your service hours await the grid secretary's check."))
        return HttpResponseRedirect(reverse("services:my_service"))


class SummaryDownload(View):
    format = "pdf"

    def member(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        member = self.member()
        summary = selectors.member_summary(member, _year(request))
        name = f"service-{member.pk}-{summary['year']}"
        if self.format == "xlsx":
            return excel.xlsx_response(f"{name}.xlsx", documents.summary_sheets(summary))
        response = HttpResponse(documents.summary_pdf(summary), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class MySummaryView(access.LoggedInMixin, SummaryDownload):
    def member(self):
        member = _member_of(self.request.user)
        if member is None:
            raise Http404
        return member


class MemberSummaryView(access.ScopedMixin, SummaryDownload):
    """Staff with the roster of the member's home download it for the member's workplace."""

    permission = access.VIEW_ROSTER
    scope_queryset = PartyMember.objects.select_related("workplace")

    def member(self):
        return self.object


# ---------------------------------------------------------------------------------------------
# A1 assessment and commendations


class AssessmentView(CommitteePage):
    template_name = "services/assessment.html"

    def get_context_data(self, **kwargs):
        year = _year(self.request)
        labels = documents.part_labels()
        rows = selectors.assessment(self.object, year)
        for row in rows:  # one cell per part, in the labels' order; None where not measured
            row["cells"] = [row["score"]["parts"].get(name) for name in labels]
        kwargs.update(
            year=year,
            rows=rows,
            labels=labels,
            commendations=selectors.commendations_of(self.object, year),
        )
        return super().get_context_data(**kwargs)


class CommendationCreateView(CommitteeForm):
    form_class = forms.CommendationForm
    title = _("Record a commendation")
    success_message = _("The commendation has been recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": selectors.units_of(self.object)}

    def perform(self, form):
        return actions.commendation_create(
            actor=self.actor, committee=self.object, ip=self.ip, **form.cleaned_data
        )


class UnitReportPdfView(LedgerDownload):
    """A unit's yearly assessment with its breakdown, for the unit's supervising body."""

    permission = access.VIEW_ROSTER

    def get(self, request, *args, **kwargs):
        year = _year(request)
        rows = [
            r for r in selectors.assessment(self.object, year) if r["unit"].pk == kwargs["unit_pk"]
        ]
        if not rows:
            raise Http404
        commendations = selectors.commendations_of(self.object, year).filter(
            unit_id=kwargs["unit_pk"]
        )
        content = documents.unit_report_pdf(self.object, rows[0], list(commendations), year)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="assessment-{kwargs["unit_pk"]}-{year}.pdf"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
