"""Party members: the roster, the detail page with masked numbers, the forms, the full view."""

from __future__ import annotations

import copy

from django.db.models import F
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from organizations import access, actions, rules, selectors
from organizations.filters import MemberFilter
from organizations.forms import MemberForm
from organizations.models import PartyMember
from organizations.views.base import ActionFormView, RosterView, client_ip

MEMBERS = PartyMember.objects.select_related("node", "node__parent", "workplace")


class MemberListView(RosterView):
    body_template = "organizations/_member_table.html"
    roster = "members"
    importable_kinds = (rules.COMMITTEE, rules.GRID, rules.BUILDING)
    filterset_class = MemberFilter
    title = _("Party members")

    def rows(self):
        return selectors.members_under(self.request.user, self.object)

    def table_rows(self, queryset):
        # The columns the table shows and nothing more: each row's home, its parent and its
        # unit as whole models cost more than building the rows (docs/performance.md § 8).
        # The export shares rows() and writes every column.
        return (
            queryset.select_related(None)
            .only("name", "category", "party_status", "phone", "resident_id")
            .annotate(
                home_name=F("node__name"),
                home_parent_name=F("node__parent__name"),
                workplace_name=F("workplace__name"),
            )
        )


class MemberCreateView(ActionFormView):
    """Register a party member at a building or household below the node in the URL."""

    permission = access.MANAGE_ROSTER
    form_class = MemberForm
    title = _("Add a party member")
    success_message = _("The party member has been added.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["homes"] = selectors.home_choices(self.request.user, self.object)
        kwargs["workplaces"] = selectors.workplace_choices(self.request.user)
        if self.object.kind in selectors.HOME_LEVELS:
            kwargs["initial"] = {**kwargs.get("initial", {}), "node": self.object}
        return kwargs

    def perform(self, form):
        data = dict(form.cleaned_data)
        home = data.pop("node")
        return actions.member_create(actor=self.actor, node=home, ip=self.ip, **data)


class MemberUpdateView(ActionFormView):
    permission = access.MANAGE_ROSTER
    scope_queryset = MEMBERS
    form_class = MemberForm
    title = _("Edit the party member")
    success_message = _("Your changes have been saved.")

    def get_form_kwargs(self):
        user, member = self.request.user, self.object
        within = selectors.committee_of(member.node) or member.node
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = copy.copy(member)
        kwargs["homes"] = selectors.home_choices(user, within)
        kwargs["workplaces"] = selectors.workplace_choices(user)
        return kwargs

    def perform(self, form):
        changes = {k: form.cleaned_data[k] for k in form.changed_data}
        if not changes:
            return self.object
        return actions.member_update(actor=self.actor, member=self.object, ip=self.ip, **changes)


class MemberDetailView(access.ScopedMixin, TemplateView):
    """ID number and phone masked; the full values only through MemberRevealView."""

    permission = access.VIEW_ROSTER
    scope_queryset = MEMBERS
    template_name = "organizations/member_detail.html"

    def get_context_data(self, **kwargs):
        user, member = self.request.user, self.object
        kwargs.update(
            member=member,
            posts=selectors.member_posts(member),
            may_reveal=access.can(user, access.VIEW_SENSITIVE, member),
            may_edit=access.can(user, access.MANAGE_ROSTER, member),
        )
        return super().get_context_data(**kwargs)


class MemberRevealView(access.ScopedMixin, View):
    """The full ID number and phone; every use is written to the audit log (by the action)."""

    permission = access.VIEW_SENSITIVE
    scope_queryset = MEMBERS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        revealed = actions.member_reveal(
            actor=request.user, member=self.object, ip=client_ip(request)
        )
        context = {"member": self.object, "revealed": revealed}
        if request.htmx:
            return render(request, "organizations/_member_sensitive.html", context)
        # Without JavaScript the whole page comes back, with the full values in place.
        detail = MemberDetailView(request=request, kwargs=kwargs, object=self.object)
        context = detail.get_context_data(**context)
        return render(request, MemberDetailView.template_name, context)
