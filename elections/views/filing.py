"""The secretary's side of steps 11–12: the filing status, filing the result, the founding."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from elections import actions
from elections.forms.filing import FoundingForm, ResultFileForm
from elections.models import Election, Stage
from elections.selectors import filing as selectors
from organizations import access
from organizations import selectors as org_selectors
from organizations.views.base import ActionFormView, BreadcrumbsMixin


class ElectionMixin:
    permission = access.RUN_ELECTIONS
    scope_queryset = Election.objects.select_related("committee")

    def crumb_node(self):
        return self.object.committee

    def get_cancel_url(self):
        return reverse("elections:election_filing", args=[self.object.pk])

    def get_success_url_for(self, result):
        return self.get_cancel_url()


def filing_context(election: Election) -> dict:
    """What templates/elections/filing/_election_filing.html shows."""
    return {
        "election": election,
        "filings": list(selectors.election_filings(election)),
        "may_file": election.stage == Stage.COUNTED,
        "may_found": election.stage == Stage.RECORDED,
        "founded": election.stage == Stage.FOUNDED,
        "filed": election.reached(Stage.FILED)
        and selectors.latest_result_filing(election) is not None,
    }


class ElectionFilingView(ElectionMixin, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    template_name = "elections/filing/election_filing.html"

    def get_context_data(self, **kwargs):
        kwargs.update(filing_context(self.object))
        return super().get_context_data(**kwargs)


class ResultFileView(ElectionMixin, ActionFormView):
    form_class = ResultFileForm
    template_name = "elections/filing/result_file.html"
    title = _("File the election result with the street")
    success_message = _("The election result report has been sent to the street committee.")

    def get_context_data(self, **kwargs):
        kwargs.update(filing_context(self.object))
        return super().get_context_data(**kwargs)

    def perform(self, form):
        return actions.result_file(actor=self.actor, election=self.object, ip=self.ip)


class FoundingRecordView(ElectionMixin, ActionFormView):
    form_class = FoundingForm
    template_name = "elections/filing/founding_form.html"
    title = _("Record the founding meeting")
    success_message = _(
        "The founding meeting has been recorded; the posts have started and the appointment "
        "letters can be printed."
    )

    def get_form_kwargs(self):
        committee = self.object.committee
        return {
            **super().get_form_kwargs(),
            "write_ins": actions.write_ins_unmatched(self.object),
            "people": org_selectors.person_choices(self.request.user, committee),
        }

    def perform(self, form):
        with transaction.atomic():
            for category, key, person in form.matches():
                actions.write_in_match(
                    actor=self.actor,
                    election=self.object,
                    category=category,
                    key=key,
                    person=person,
                    ip=self.ip,
                )
            return actions.founding_record(
                actor=self.actor,
                election=self.object,
                held_on=form.cleaned_data["held_on"],
                ip=self.ip,
            )
