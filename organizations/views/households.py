"""Households (under a building) and service recipients (under a grid): rosters and forms."""

from __future__ import annotations

import copy

from django.utils.translation import gettext_lazy as _

from organizations import access, actions, rules, selectors
from organizations.filters import HouseholdFilter, RecipientFilter
from organizations.forms import HouseholdForm, RecipientForm
from organizations.models import Household, ServiceRecipient
from organizations.views.base import ActionFormView, RequireKindMixin, RosterView


class HouseholdListView(RosterView):
    body_template = "organizations/_household_table.html"
    roster = "households"
    importable_kinds = (rules.COMMITTEE, rules.GRID, rules.BUILDING)
    filterset_class = HouseholdFilter
    title = _("Households")

    def rows(self):
        return selectors.households_under(self.request.user, self.object)


class HouseholdCreateView(RequireKindMixin, ActionFormView):
    permission = access.MANAGE_ROSTER
    kinds = (rules.BUILDING,)
    form_class = HouseholdForm
    title = _("Add a household")
    success_message = _("The household has been added.")

    def perform(self, form):
        actions.household_create(
            actor=self.actor, node=self.object, ip=self.ip, **form.cleaned_data
        )
        return self.object


class HouseholdUpdateView(ActionFormView):
    permission = access.MANAGE_ROSTER
    scope_queryset = Household.objects.select_related("node")
    form_class = HouseholdForm
    title = _("Edit the household")
    success_message = _("Your changes have been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def get_cancel_url(self):
        return self.object.node.get_absolute_url()

    def perform(self, form):
        changes = {k: form.cleaned_data[k] for k in form.changed_data}
        actions.household_update(actor=self.actor, household=self.object, ip=self.ip, **changes)
        return self.object.node


class RecipientListView(RosterView):
    body_template = "organizations/_recipient_table.html"
    roster = "recipients"
    importable_kinds = (rules.COMMITTEE, rules.GRID)
    filterset_class = RecipientFilter
    title = _("Service recipients")

    def rows(self):
        return selectors.recipients_under(self.request.user, self.object)


class RecipientCreateView(RequireKindMixin, ActionFormView):
    permission = access.MANAGE_ROSTER
    kinds = (rules.GRID,)
    form_class = RecipientForm
    title = _("Add a service recipient")
    success_message = _("The service recipient has been added.")

    def get_form_kwargs(self):
        households = selectors.household_choices(self.request.user, self.object)
        return {**super().get_form_kwargs(), "households": households}

    def perform(self, form):
        actions.recipient_create(
            actor=self.actor, node=self.object, ip=self.ip, **form.cleaned_data
        )
        return self.object


class RecipientUpdateView(ActionFormView):
    permission = access.MANAGE_ROSTER
    scope_queryset = ServiceRecipient.objects.select_related("node")
    form_class = RecipientForm
    title = _("Edit the service recipient")
    success_message = _("Your changes have been saved.")

    def get_form_kwargs(self):
        households = selectors.household_choices(self.request.user, self.object.node)
        return {
            **super().get_form_kwargs(),
            "instance": copy.copy(self.object),
            "households": households,
        }

    def get_cancel_url(self):
        return self.object.node.get_absolute_url()

    def perform(self, form):
        changes = {k: form.cleaned_data[k] for k in form.changed_data}
        actions.recipient_update(actor=self.actor, recipient=self.object, ip=self.ip, **changes)
        return self.object.node
