"""What the meeting-day views share: loading the election or round through the gate, and
small POST views that call one action and go back with its message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.generic import View

from elections.models import Election, Round
from organizations import access
from organizations.views.base import BreadcrumbsMixin, client_ip


class ElectionPageMixin(BreadcrumbsMixin, access.ScopedMixin):
    """A page of one election, reached through the user's scope; crumbs lead to its committee."""

    permission = access.RUN_ELECTIONS
    scope_queryset = Election.objects.select_related("committee")

    @property
    def election(self) -> Election:
        return self.object

    def crumb_node(self):
        return self.election.committee

    def get_context_data(self, **kwargs):
        kwargs.setdefault("election", self.election)
        if "may_run" not in kwargs:
            kwargs["may_run"] = self.permission == access.RUN_ELECTIONS or access.can(
                self.request.user, access.RUN_ELECTIONS, self.election
            )
        return super().get_context_data(**kwargs)


class RoundPageMixin(ElectionPageMixin):
    """A page of one round of a vote."""

    scope_queryset = Round.objects.select_related("election__committee")

    @property
    def election(self) -> Election:
        return self.object.election

    def get_context_data(self, **kwargs):
        kwargs.setdefault("round", self.object)
        return super().get_context_data(**kwargs)


def console_url(election: Election) -> str:
    return reverse("elections:meeting", kwargs={"pk": election.pk})


class ActionPostView(access.ScopedMixin, View):
    """POST only: call one action, show its refusal or `success_message`, go back to a page."""

    http_method_names = ["post"]
    permission = access.RUN_ELECTIONS
    success_message = ""

    def perform(self):
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.perform()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if self.success_message:
                messages.success(request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    @property
    def actor(self):
        return self.request.user

    @property
    def ip(self):
        return client_ip(self.request)
