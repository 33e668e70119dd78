"""Member units: the roster, the detail page, the forms, linking to one more committee."""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from organizations import access, actions, rules, selectors
from organizations.filters import UnitFilter
from organizations.forms import UnitCreateForm, UnitForm, UnitLinkForm
from organizations.models import MemberUnit
from organizations.views.base import ActionFormView, RequireKindMixin, RosterView


class UnitListView(RosterView):
    body_template = "organizations/_unit_table.html"
    roster = "units"
    importable_kinds = (rules.COMMITTEE,)
    filterset_class = UnitFilter
    title = _("Member units")

    def rows(self):
        return selectors.units_under(self.request.user, self.object).order_by("name", "pk")


class UnitCreateView(RequireKindMixin, ActionFormView):
    """Record a unit's party organisation and link it to the committee in the URL."""

    permission = access.MANAGE_ROSTER
    kinds = (rules.COMMITTEE,)
    form_class = UnitCreateForm
    title = _("Add a member unit")
    success_message = _("The member unit has been added and linked to this committee.")

    def perform(self, form):
        data = dict(form.cleaned_data)
        linked_on = data.pop("linked_on")
        return actions.unit_create(
            actor=self.actor, committee=self.object, linked_on=linked_on, ip=self.ip, **data
        )


class UnitScopedMixin:
    """Units are seen through a linked committee in scope, or by their own contact."""

    scope_queryset = MemberUnit.objects.all()


class EditableUnitMixin(UnitScopedMixin):
    """Editing a unit: roster managers of a linked committee, or the unit's own contact."""

    def load_object(self, request, kwargs):
        unit = super().load_object(request, kwargs)
        if not access.may_edit_unit(request.user, unit):
            raise PermissionDenied
        return unit


class UnitDetailView(UnitScopedMixin, access.ScopedMixin, TemplateView):
    template_name = "organizations/unit_detail.html"

    def get_context_data(self, **kwargs):
        user, unit = self.request.user, self.object
        kwargs.update(
            unit=unit,
            links=selectors.unit_links(unit),
            may_edit=access.may_edit_unit(user, unit),
        )
        return super().get_context_data(**kwargs)


class UnitUpdateView(EditableUnitMixin, ActionFormView):
    form_class = UnitForm
    title = _("Edit the member unit")
    success_message = _("Your changes have been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def perform(self, form):
        changes = {k: form.cleaned_data[k] for k in form.changed_data}
        if not changes:
            return self.object
        return actions.unit_update(actor=self.actor, unit=self.object, ip=self.ip, **changes)


class UnitLinkView(EditableUnitMixin, ActionFormView):
    """Link the unit to one more committee that the user manages; its affiliation stays."""

    form_class = UnitLinkForm
    title = _("Link the unit to another community committee")
    success_message = _("The unit has been linked.")

    def get_form_kwargs(self):
        committees = selectors.committees_to_link(self.request.user, self.object)
        return {**super().get_form_kwargs(), "committees": committees}

    def perform(self, form):
        actions.unit_link(
            actor=self.actor,
            unit=self.object,
            committee=form.cleaned_data["committee"],
            linked_on=form.cleaned_data["linked_on"],
            ip=self.ip,
        )
        return self.object
