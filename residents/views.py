"""Pages of the residents' side. Public pages (no login) show only what a contact card shows,
a matter's status and answer, and the form to record a matter; everything else goes through
organizations.access (a permission on the node)."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from organizations import access
from organizations import rules as org_rules
from organizations import selectors as org_selectors
from organizations.models import OrgNode, Post, ServiceRecipient
from organizations.views.base import ActionFormView, BreadcrumbsMixin, RequireKindMixin, client_ip

from . import actions, rules, selectors, tasks
from .forms import (
    AnswerForm,
    ContactCardForm,
    GridCardForm,
    MatterForm,
    NeedsForm,
    ReasonForm,
    StaffMatterForm,
    TicketForm,
    VisitForm,
)
from .models import ContactCard, Matter, MatterStatus


def _file(field):
    if not field:
        raise Http404
    try:
        return FileResponse(field.open("rb"), filename=field.name.rsplit("/", 1)[-1])
    except FileNotFoundError as missing:
        raise Http404 from missing


def _public_grid(public_id) -> OrgNode:
    grid = selectors.public_grid(public_id)
    if grid is None:
        raise Http404
    return grid


# ---------------------------------------------------------------------------------------------
# Public pages (no login)


class PublicMapView(access.PublicMixin, View):
    """The grid's map, as shown on its public page."""

    def get(self, request, public_id):
        return _file(_public_grid(public_id).map_image)


class PublicPhotoView(access.PublicMixin, View):
    """A responsible person's photo: only of an active public post of that grid."""

    def get(self, request, public_id, post):
        grid = _public_grid(public_id)
        found = org_selectors.public_grid_contacts(grid).filter(pk=post).first()
        card = ContactCard.objects.filter(post=found).first() if found else None
        if card is None:
            raise Http404
        return _file(card.photo)


def throttled(request) -> bool:
    """Count this client's public submissions in the current window; True when over the limit."""
    key = f"residents:submit:{client_ip(request) or 'unknown'}"
    window = selectors.config("public_submit_window_seconds")
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > selectors.config("public_submits_per_window")


class PublicMatterView(access.PublicMixin, FormView):
    """A resident records a matter from the grid's public page and gets a ticket code."""

    form_class = MatterForm
    template_name = "residents/public_matter_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.grid = _public_grid(kwargs["public_id"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if throttled(self.request):
            form.add_error(None, _("Too many submissions from here; please try again later."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        matter = actions.matter_create(
            actor=None, node=self.grid, ip=client_ip(self.request), **form.cleaned_data
        )
        return render(
            self.request,
            "residents/public_matter_done.html",
            {"grid": self.grid, "ticket": matter.ticket},
        )

    def get_context_data(self, **kwargs):
        kwargs["grid"] = self.grid
        return super().get_context_data(**kwargs)


class PublicStatusView(access.PublicMixin, TemplateView):
    """Follow a matter by its ticket code: its status and answer, nothing else."""

    template_name = "residents/public_status.html"

    def get_context_data(self, **kwargs):
        form = TicketForm(self.request.GET or None)
        matter = None
        if form.is_valid():
            matter = selectors.public_matter(rules.normalise_ticket(form.cleaned_data["ticket"]))
            if matter is None:
                form.add_error("ticket", _("No matter has this ticket code."))
        kwargs.update(form=form, matter=matter)
        return super().get_context_data(**kwargs)


# ---------------------------------------------------------------------------------------------
# Contact card (S6), for grid staff and the office


class GridOnly(RequireKindMixin):
    kinds = (org_rules.GRID,)


class CardEditView(GridOnly, ActionFormView):
    """The grid's service hours, its responsible persons' entries, the printed cards."""

    permission = access.MANAGE_SERVICES
    form_class = GridCardForm
    template_name = "residents/card_edit.html"
    title = gettext_lazy("Grid contact card")
    success_message = gettext_lazy("The service hours have been saved.")

    def get_initial(self):
        return {"service_hours": selectors.service_hours(self.object)}

    def get_cancel_url(self):
        return reverse("residents:card_edit", args=[self.object.pk])

    def get_success_url_for(self, result):
        return self.get_cancel_url()

    def perform(self, form):
        return actions.grid_card_update(
            actor=self.actor, node=self.object, ip=self.ip, **form.cleaned_data
        )

    def get_context_data(self, **kwargs):
        from notices.models import JobRun

        kwargs.update(
            people=selectors.card_people(self.object),
            batch=getattr(self.object, "card_batch", None),
            job=JobRun.objects.filter(
                node=self.object, kind=tasks.TASK, actor=self.request.user
            ).first(),
        )
        return super().get_context_data(**kwargs)


class ContactCardEditView(ActionFormView):
    permission = access.MANAGE_SERVICES
    scope_queryset = Post.objects.filter(ended_on__isnull=True).select_related("node", "person")
    form_class = ContactCardForm
    title = gettext_lazy("Contact card entry")
    success_message = gettext_lazy("The contact card entry has been saved.")

    def get_initial(self):
        card = ContactCard.objects.filter(post=self.object).first()
        return {"duties": card.duties if card else ""}

    def get_cancel_url(self):
        return reverse("residents:card_edit", args=[self.object.node_id])

    def get_success_url_for(self, result):
        return self.get_cancel_url()

    def perform(self, form):
        return actions.contact_card_update(
            actor=self.actor, post=self.object, ip=self.ip, **form.cleaned_data
        )


class CardsStartView(GridOnly, access.ScopedMixin, View):
    """Start the job that (re)generates the grid's printed cards."""

    permission = access.MANAGE_SERVICES

    def post(self, request, *args, **kwargs):
        from notices.api import start_job

        start_job(
            actor=request.user,
            kind=tasks.TASK,
            task_name=tasks.TASK,
            node=self.object,
            grid_id=self.object.pk,
            base_url=request.build_absolute_uri("/"),
        )
        messages.info(request, _("The cards are being prepared."))
        return HttpResponseRedirect(reverse("residents:card_edit", args=[self.object.pk]))


class CardsDownloadView(GridOnly, access.ScopedMixin, View):
    permission = access.MANAGE_SERVICES

    def get(self, request, *args, **kwargs):
        batch = getattr(self.object, "card_batch", None)
        if batch is None:
            raise Http404
        return _file(batch.pdf)


class PosterView(GridOnly, access.ScopedMixin, View):
    permission = access.MANAGE_SERVICES

    def get(self, request, *args, **kwargs):
        from django.http import HttpResponse

        from . import documents

        grid = self.object
        people = selectors.card_people(grid)
        map_path = None
        if grid.map_image:
            try:
                map_path = grid.map_image.path
            except NotImplementedError:  # storage without local paths
                map_path = None
        content = documents.poster_pdf(
            grid_name=grid.name,
            community=grid.parent.name if grid.parent_id else "",
            people=tasks.card_rows(people),
            hours=selectors.service_hours(grid),
            url=tasks.public_url(grid, request.build_absolute_uri("/")),
            map_path=map_path,
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="grid-{grid.pk}-poster.pdf"'
        return response


# ---------------------------------------------------------------------------------------------
# Matters (S7, S9)


class MatterListView(BreadcrumbsMixin, access.ScopedMixin, ListView):
    """Matters handled at this node or below, and each grid's resolved-within-the-grid rate."""

    permission = access.HANDLE_MATTERS
    paginate_by = 50
    template_name = "residents/matter_list.html"

    def get_queryset(self):
        status = self.request.GET.get("status", "")
        if status not in MatterStatus.values:
            status = ""
        return selectors.matters(self.request.user, self.object, status=status)

    def get_context_data(self, **kwargs):
        grids = OrgNode.objects.filter(
            org_selectors.subtree_q(self.object), kind=org_rules.GRID
        ).order_by("lft")
        rows = []
        for grid in selectors.grid_rates(grids)[:200]:
            rate = rules.within_grid_rate(grid.matters_within, grid.matters_closed)
            rows.append((grid, rate))
        kwargs.update(node=self.object, grid_rates=rows, statuses=MatterStatus.choices)
        return super().get_context_data(**kwargs)


class MatterCreateView(ActionFormView):
    permission = access.HANDLE_MATTERS
    form_class = StaffMatterForm
    title = gettext_lazy("Record a residents' matter")
    success_message = gettext_lazy("The matter has been recorded.")

    def load_object(self, request, kwargs):
        node = super().load_object(request, kwargs)
        if node.kind not in (org_rules.GRID, org_rules.BUILDING):
            raise Http404
        return node

    def get_form_kwargs(self):
        nodes = OrgNode.objects.filter(
            org_selectors.subtree_q(self.object),
            kind__in=(org_rules.GRID, org_rules.BUILDING),
        ).order_by("lft")
        return {**super().get_form_kwargs(), "nodes": nodes}

    def get_initial(self):
        return {"node": self.object}

    def perform(self, form):
        data = dict(form.cleaned_data)
        return actions.matter_create(actor=self.actor, ip=self.ip, **data)

    def get_success_url_for(self, result):
        return reverse("residents:matter", args=[result.pk])


class MatterView(BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    permission = access.HANDLE_MATTERS
    scope_queryset = Matter.objects.select_related("node", "grid")
    template_name = "residents/matter_detail.html"

    def get_context_data(self, **kwargs):
        matter = self.object
        contact = matter.contact
        if contact and not access.holds(self.request.user, access.VIEW_SENSITIVE, matter.node):
            contact = rules.mask_contact(contact)
        kwargs.update(
            matter=matter,
            contact=contact,
            escalations=matter.escalations.select_related("from_node", "to_node"),
            answer_form=kwargs.get("answer_form")
            or AnswerForm(
                # An open matter with an answer has had an interim one: the box starts unticked,
                # so saving a second interim answer does not close the matter by surprise.
                initial={"answer": matter.answer, "close": not matter.answer}
            ),
            reason_form=kwargs.get("reason_form") or ReasonForm(),
            may_escalate=matter.node.kind != org_rules.COMMITTEE,
        )
        return super().get_context_data(**kwargs)


class _MatterAction(MatterView):
    form_class = None

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.perform(form)
            except Exception as error:  # noqa: BLE001 - a ValidationError shows on the form
                from django.core.exceptions import ValidationError

                if not isinstance(error, ValidationError):
                    raise
                for message in error.messages:
                    form.add_error(None, message)
            else:
                return HttpResponseRedirect(self.after())
        return self.render_to_response(self.get_context_data(**{self.form_key: form}))

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("residents:matter", args=[self.object.pk]))


class MatterAnswerView(_MatterAction):
    form_class = AnswerForm
    form_key = "answer_form"

    def perform(self, form):
        kind = actions.matter_close if form.cleaned_data["close"] else actions.matter_answer
        kind(
            actor=self.request.user,
            matter=self.object,
            answer=form.cleaned_data["answer"],
            ip=client_ip(self.request),
        )
        messages.success(self.request, _("The answer has been saved."))

    def after(self):
        return reverse("residents:matter", args=[self.object.pk])


class MatterEscalateView(_MatterAction):
    form_class = ReasonForm
    form_key = "reason_form"

    def perform(self, form):
        self.escalated = actions.matter_escalate(
            actor=self.request.user,
            matter=self.object,
            reason=form.cleaned_data["reason"],
            ip=client_ip(self.request),
        )
        messages.success(self.request, _("The matter has been escalated one level up."))

    def after(self):
        node = self.escalated.node
        if access.holds(self.request.user, access.HANDLE_MATTERS, node):
            return reverse("residents:matter", args=[self.object.pk])
        return reverse("residents:matters", args=[self.object.grid_id])


# ---------------------------------------------------------------------------------------------
# Special groups (S8)


class RecipientListView(GridOnly, BreadcrumbsMixin, access.ScopedMixin, ListView):
    permission = access.VIEW_ROSTER
    paginate_by = 50
    template_name = "residents/recipient_list.html"

    def get_queryset(self):
        return selectors.recipients(self.request.user, self.object)

    def get_context_data(self, **kwargs):
        kwargs.update(node=self.object, overdue_days=selectors.config("visit_overdue_days"))
        return super().get_context_data(**kwargs)


class NotVisitedView(BreadcrumbsMixin, access.ScopedMixin, ListView):
    permission = access.VIEW_ROSTER
    paginate_by = 50
    template_name = "residents/not_visited.html"

    def get_queryset(self):
        return selectors.not_visited(self.request.user, self.object)

    def get_context_data(self, **kwargs):
        kwargs.update(node=self.object, overdue_days=selectors.config("visit_overdue_days"))
        return super().get_context_data(**kwargs)


class RecipientView(BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    permission = access.VIEW_ROSTER
    scope_queryset = ServiceRecipient.objects.select_related("node")
    template_name = "residents/recipient_detail.html"

    def get_context_data(self, **kwargs):
        recipient = self.object
        record = getattr(recipient, "resident_needs", None)
        needs = record.needs if record else []
        kwargs.update(
            recipient=recipient,
            needs=needs,
            visits=recipient.visits.all()[:100],
            may_manage=access.holds(self.request.user, access.MANAGE_ROSTER, recipient.node),
            needs_form=kwargs.get("needs_form") or NeedsForm(initial={"needs": needs}),
            visit_form=kwargs.get("visit_form") or VisitForm(),
        )
        return super().get_context_data(**kwargs)


class _RecipientAction(RecipientView):
    permission = access.MANAGE_ROSTER

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("residents:recipient", args=[self.object.pk]))

    def post(self, request, *args, **kwargs):
        from django.core.exceptions import ValidationError

        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.perform(form)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(reverse("residents:recipient", args=[self.object.pk]))
        return self.render_to_response(self.get_context_data(**{self.form_key: form}))


class NeedsUpdateView(_RecipientAction):
    form_class = NeedsForm
    form_key = "needs_form"

    def perform(self, form):
        actions.needs_update(
            actor=self.request.user,
            recipient=self.object,
            needs=form.cleaned_data["needs"],
            ip=client_ip(self.request),
        )


class VisitCreateView(_RecipientAction):
    form_class = VisitForm
    form_key = "visit_form"

    def perform(self, form):
        actions.visit_record(
            actor=self.request.user,
            recipient=self.object,
            ip=client_ip(self.request),
            **form.cleaned_data,
        )
