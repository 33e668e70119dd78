"""A round's steps on the console: a kiosk code for a voter, paper ballots handed out, closing
the vote, and the chief scrutineer's sign-off.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import View

from elections import actions
from elections.forms.meeting import CodeIssueForm, PaperIssueForm
from elections.models import Round
from elections.selectors import meeting as selectors
from elections.views.meeting_base import ActionPostView, console_url
from organizations import access
from organizations.views.base import client_ip

_ROUNDS = Round.objects.select_related("election__committee")


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@method_decorator(never_cache, name="dispatch")
class CodeIssueView(access.ScopedMixin, View):
    """A one-time kiosk code for a checked-in voter, shown once in large type and never kept."""

    http_method_names = ["post"]
    permission = access.RUN_ELECTIONS
    scope_queryset = _ROUNDS

    def post(self, request, *args, **kwargs):
        round_ = self.object
        form = CodeIssueForm(request.POST, voters=selectors.voters_without_code(round_))
        if not form.is_valid():
            _form_errors(request, form)
            return HttpResponseRedirect(console_url(round_.election))
        entry = form.cleaned_data["entry"]
        try:
            code = actions.vote_code_issue(
                actor=request.user, round_=round_, entry=entry, ip=client_ip(request)
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(console_url(round_.election))
        return render(
            request,
            "elections/meeting/code.html",
            {"round": round_, "election": round_.election, "entry": entry, "code": code},
        )


class PaperIssueView(ActionPostView):
    """发出: how many paper ballots were handed out in this round."""

    scope_queryset = _ROUNDS
    success_message = gettext_lazy("The number of ballots handed out has been recorded.")

    def perform(self):
        form = PaperIssueForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        actions.paper_issue(
            actor=self.actor, round_=self.object, issued=form.cleaned_data["issued"], ip=self.ip
        )

    def get_success_url(self):
        return console_url(self.object.election)


class RoundCloseView(ActionPostView):
    """Close the vote and count it; refused while two entries of a paper sheet disagree."""

    scope_queryset = _ROUNDS
    success_message = gettext_lazy(
        "The round is closed and counted; the result shows once the chief scrutineer signs it off."
    )

    def perform(self):
        actions.round_close(actor=self.actor, round_=self.object, ip=self.ip)

    def get_success_url(self):
        return console_url(self.object.election)


class RoundSignOffView(ActionPostView):
    """The chief scrutineer signs the count off (the action checks who signs)."""

    permission = access.VIEW  # the chief scrutineer need not run the election
    scope_queryset = _ROUNDS
    success_message = gettext_lazy("The count is signed off and the result is shown.")

    def perform(self):
        actions.round_sign_off(actor=self.actor, round_=self.object, ip=self.ip)

    def get_success_url(self):
        return reverse("elections:round_tally", kwargs={"pk": self.object.pk})
