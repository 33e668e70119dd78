"""Filters of the roster and audit pages (django-filter); their choices come from selectors."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import (
    AuditEvent,
    Household,
    MemberCategory,
    MemberUnit,
    OrgNode,
    PartyMember,
    PartyStatus,
    RecipientKind,
    ServiceRecipient,
    UnitKind,
)

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _within(queryset, prefix, node):
    return queryset.filter(selectors.subtree_q(node, prefix)) if node else queryset


class RosterFilter(django_filters.FilterSet):
    """A roster's filters; the view passes the user and the node the roster hangs under."""

    def __init__(self, *args, user, node, **kwargs):
        super().__init__(*args, **kwargs)


class GridRosterFilter(RosterFilter):
    """A roster that can be narrowed to one grid among those the user sees under the node.

    The grids are read once, as names and tree ranges: as model choices they were walked
    through a server-side cursor of whole organisations for the options, and the chosen one
    was loaded again to filter by (docs/performance.md § 8)."""

    grid = django_filters.ChoiceFilter(label=_("grid"), method="in_grid", empty_label=_("all"))

    def __init__(self, *args, user, node, **kwargs):
        super().__init__(*args, user=user, node=node, **kwargs)
        grids = selectors.grid_choices(user, node).values_list(
            "pk", "name", "tree_id", "lft", "rght"
        )
        self.grid_ranges = {str(pk): node_range for pk, _name, *node_range in grids}
        self.filters["grid"].extra["choices"] = [(str(pk), name) for pk, name, *_range in grids]

    def in_grid(self, queryset, name, value):
        tree_id, lft, rght = self.grid_ranges[value]
        return _within(queryset, "node__", OrgNode(tree_id=tree_id, lft=lft, rght=rght))


class MemberFilter(GridRosterFilter):
    name = django_filters.CharFilter(label=_("full name contains"), lookup_expr="icontains")
    category = django_filters.ChoiceFilter(
        label=_("category"), choices=MemberCategory.choices, empty_label=_("all")
    )
    party_status = django_filters.ChoiceFilter(
        label=_("party status"), choices=PartyStatus.choices, empty_label=_("all")
    )

    class Meta:
        model = PartyMember
        fields = ["name", "category", "party_status", "grid"]


class UnitFilter(RosterFilter):
    name = django_filters.CharFilter(label=_("name contains"), lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=UnitKind.choices, empty_label=_("all")
    )

    class Meta:
        model = MemberUnit
        fields = ["name", "kind"]


class HouseholdFilter(GridRosterFilter):
    address = django_filters.CharFilter(label=_("address contains"), lookup_expr="icontains")
    head_name = django_filters.CharFilter(
        label=_("head of household contains"), lookup_expr="icontains"
    )

    class Meta:
        model = Household
        fields = ["address", "head_name", "grid"]


class RecipientFilter(RosterFilter):
    name = django_filters.CharFilter(label=_("full name contains"), lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=RecipientKind.choices, empty_label=_("all")
    )

    class Meta:
        model = ServiceRecipient
        fields = ["name", "kind"]


class AuditFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(label=_("action"), lookup_expr="startswith")
    actor = django_filters.CharFilter(
        label=_("username"), field_name="actor__username", lookup_expr="iexact"
    )
    node = django_filters.ModelChoiceFilter(
        label=_("organisation (and below)"),
        method="in_node",
        queryset=None,
        empty_label=_("all"),
    )
    since = django_filters.DateFilter(
        label=_("from"), field_name="created_at", lookup_expr="date__gte", **DATE
    )
    until = django_filters.DateFilter(
        label=_("to"), field_name="created_at", lookup_expr="date__lte", **DATE
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "node", "since", "until"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["node"].queryset = selectors.audit_node_choices(user)

    def in_node(self, queryset, name, value):
        return _within(queryset, "node__", value)
