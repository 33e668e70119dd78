"""What the formation pages share: the election in the URL, through the gate, and its step forms.

Reading pages need VIEW on the election's committee, every step RUN_ELECTIONS (403 without it,
404 outside the user's scope). Each step form calls one action; the action's ValidationError
shows on the form with what the user typed.
"""

from __future__ import annotations

from django.urls import reverse

from elections.models import Election
from elections.selectors import formation as selectors
from organizations import access
from organizations.views.base import ActionFormView


def election_url(election: Election) -> str:
    return reverse("elections:election", args=[election.pk])


class ElectionMixin:
    """The URL's `pk` is an election; breadcrumbs lead to its committee."""

    scope_queryset = selectors.election_scope()

    @property
    def election(self) -> Election:
        return self.object

    def crumb_node(self):
        return self.election.committee


class ElectionChildMixin(ElectionMixin):
    """The URL's `pk` is a record of an election (a nomination, an objection, a roll entry)."""

    @property
    def election(self) -> Election:
        return self.object.election


class StepView(ElectionMixin, ActionFormView):
    """One step of the election: a form that calls its action, then back to the election."""

    permission = access.RUN_ELECTIONS
    template_name = "elections/formation/step.html"
    explanation = ""

    def get_success_url_for(self, result) -> str:
        return election_url(self.election)

    def get_cancel_url(self) -> str:
        return election_url(self.election)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("election", self.election)
        kwargs.setdefault("explanation", self.explanation)
        return super().get_context_data(**kwargs)


class ChildStepView(ElectionChildMixin, StepView):
    """A step on one record of the election."""
