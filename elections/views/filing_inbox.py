"""The street's and the district's inbox: filings waiting for a decision, and decided ones."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from elections import actions
from elections.forms.filing import FilingDecisionForm
from elections.models import FilingState
from elections.selectors import filing as selectors
from organizations import access, rules
from organizations.views.base import ActionFormView, BreadcrumbsMixin, RequireKindMixin

DECIDED_SHOWN = 50


class InboxView(RequireKindMixin, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    permission = access.DECIDE_FILINGS
    kinds = (rules.STREET, rules.DISTRICT)
    template_name = "elections/filing/inbox.html"

    def get_context_data(self, **kwargs):
        waiting, decided = selectors.inbox(self.request.user, self.object)
        kwargs.update(
            node=self.object,
            crumb_current=True,
            waiting=waiting,
            decided=decided[:DECIDED_SHOWN],
        )
        return super().get_context_data(**kwargs)


class FilingView(ActionFormView):
    """One filing: what it is, the report, the decision (approve, or return with a reason)."""

    permission = access.DECIDE_FILINGS
    scope_queryset = selectors.filings_query()
    form_class = FilingDecisionForm
    template_name = "elections/filing/filing.html"
    success_message = _("The decision has been recorded.")

    def crumb_node(self):
        return self.object.addressee

    def get_title(self):
        return self.object.get_kind_display()

    def get_cancel_url(self):
        return reverse("elections:inbox", args=[self.object.addressee_id])

    def get_success_url_for(self, result):
        return self.get_cancel_url()

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.get_title())
        kwargs.update(
            filing=self.object,
            waiting=self.object.state == FilingState.WAITING,
            trail=selectors.decision_trail(self.object),
        )
        return super().get_context_data(**kwargs)

    def perform(self, form):
        return actions.filing_decide(
            actor=self.actor,
            filing=self.object,
            approve=form.approve,
            reason=form.cleaned_data["reason"],
            ip=self.ip,
        )
