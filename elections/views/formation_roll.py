"""Step 7: the meeting roll (unit secretaries, exclusions with a reason, check-in), tellers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from elections import actions
from elections.forms.formation import ExcludeForm, RollAddForm, TellersForm
from elections.models import Basis, RollEntry, Stage
from elections.selectors import formation as selectors
from elections.views.formation_base import (
    ChildStepView,
    ElectionChildMixin,
    ElectionMixin,
    StepView,
)
from organizations import access
from organizations.views.base import BreadcrumbsMixin, client_ip


def roll_url(election) -> str:
    return reverse("elections:roll", args=[election.pk])


class RollView(ElectionMixin, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    """Who is due at the meeting and why, who is excluded, who has checked in; B1."""

    template_name = "elections/formation/roll.html"

    def get_context_data(self, **kwargs):
        election = self.election
        may_run = selectors.may_run(self.request.user, election)
        kwargs.update(
            election=election,
            entries=selectors.roll(election),
            attendance=selectors.roll_count(election),
            may_edit=may_run and election.stage == Stage.PUBLICITY,
            may_check_in=may_run and election.stage in (Stage.PUBLICITY, Stage.MEETING),
        )
        return super().get_context_data(**kwargs)


class RollAddView(StepView):
    form_class = RollAddForm
    title = _("Add a unit party secretary or deputy")
    explanation = _(
        "The party secretaries and deputies of the member units are due at the meeting; the "
        "members of the community party organisation and the representatives are added by "
        "their own steps."
    )
    success_message = _("The person has been added to the meeting roll.")

    def get_form_kwargs(self):
        people = selectors.unit_worker_choices(self.request.user, self.election)
        return {**super().get_form_kwargs(), "people": people}

    def perform(self, form):
        return actions.roll_add(
            actor=self.actor,
            election=self.election,
            person=form.cleaned_data["person"],
            basis=Basis.UNIT_SECRETARY,
            ip=self.ip,
        )

    def get_success_url_for(self, result) -> str:
        return roll_url(self.election)


class RollExcludeView(ChildStepView):
    scope_queryset = RollEntry.objects.select_related("election__committee", "person")
    form_class = ExcludeForm
    title = _("Exclude from those due to attend")
    explanation = _("Someone who cannot attend is no longer counted as due; the reason is kept.")
    success_message = _("The exclusion has been recorded.")

    def perform(self, form):
        return actions.roll_exclude(
            actor=self.actor, entry=self.object, reason=form.cleaned_data["reason"], ip=self.ip
        )

    def get_success_url_for(self, result) -> str:
        return roll_url(self.election)

    def get_cancel_url(self) -> str:
        return roll_url(self.election)


class CheckInView(ElectionChildMixin, access.ScopedMixin, View):
    """签到 by ticking: one POST per person, back to the roll."""

    permission = access.RUN_ELECTIONS
    scope_queryset = RollEntry.objects.select_related("election__committee", "person")
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            actions.check_in(actor=request.user, entry=self.object, ip=client_ip(request))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return HttpResponseRedirect(f"{roll_url(self.election)}#entry-{self.object.pk}")


class TellersView(StepView):
    form_class = TellersForm
    template_name = "elections/formation/tellers.html"
    title = _("Choose the tellers")
    explanation = _(
        "Scrutineers and counters are not candidates (B8); one of them is the chief "
        "scrutineer, who signs off the count. Each teller enters ballots with their own login."
    )
    success_message = _("The tellers have been chosen.")

    def get_initial(self):
        return TellersForm.initial_for(list(self.election.tellers.select_related("user")))

    def get_form_kwargs(self):
        people = selectors.member_choices(self.request.user, self.election)
        return {**super().get_form_kwargs(), "people": people}

    def perform(self, form):
        return actions.tellers_set(
            actor=self.actor,
            election=self.election,
            tellers=form.cleaned_data["tellers"],
            ip=self.ip,
        )
