"""Dashboards per scope (district, street, community), each standing on organizations.access.

District and street pages need decide_filings on their node (street and district staff); a
community's page is also open to its own secretary and office (run_meetings there).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from dajiwei.excel import xlsx_response
from organizations import access
from organizations import rules as org_rules
from organizations.composition import verdicts
from organizations.views.base import BreadcrumbsMixin, RequireKindMixin

from . import deadlines, selectors, tables

SCOPE_KINDS = (org_rules.DISTRICT, org_rules.STREET)


def may_see_community(user, committee) -> bool:
    """Street and district staff above it, or the committee's own secretary and office."""
    return access.holds(user, access.DECIDE_FILINGS, committee) or access.holds(
        user, access.RUN_MEETINGS, committee
    )


class HomeView(access.LoggedInMixin, View):
    """To the dashboard of the highest scope the user may watch."""

    def get(self, request):
        for root in access.scope_roots(request.user):
            if root.kind in SCOPE_KINDS and access.holds(request.user, access.DECIDE_FILINGS, root):
                return redirect("oversight:dashboard", pk=root.pk)
            if root.kind == org_rules.COMMITTEE and may_see_community(request.user, root):
                return redirect("oversight:community", pk=root.pk)
        raise PermissionDenied


class YearMixin:
    def year(self) -> int:
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
        except ValueError:
            return today.year
        return year if today.year - 10 <= year <= today.year + 1 else today.year

    def figures(self):
        """The page's tables, and the committee rows they were summed from."""
        year = self.year()
        rows = selectors.committee_rows(self.request.user, self.object, year, timezone.localdate())
        scopes, total = selectors.rollup(self.object, rows)
        links = [self.link(scope.node) for scope in scopes]
        committees = self.object.kind != org_rules.DISTRICT
        return tables.build(scopes, total, links, committees=committees), rows

    def link(self, node) -> str | None:
        if node.kind == org_rules.STREET:
            return reverse("oversight:dashboard", args=[node.pk])
        if node.kind == org_rules.COMMITTEE and node.pk != self.object.pk:
            return reverse("oversight:community", args=[node.pk])
        return None


class CommunityScopedMixin(RequireKindMixin, access.ScopedMixin):
    kinds = (org_rules.COMMITTEE,)

    def load_object(self, request, kwargs):
        committee = super().load_object(request, kwargs)  # 404 outside the user's scope
        if not may_see_community(request.user, committee):
            raise PermissionDenied
        return committee


class ScopeScopedMixin(RequireKindMixin, access.ScopedMixin):
    """decide_filings on the street or district, asked of the node just loaded (no query)."""

    kinds = SCOPE_KINDS

    def load_object(self, request, kwargs):
        node = super().load_object(request, kwargs)  # 404 outside the user's scope
        if not access.holds(request.user, access.DECIDE_FILINGS, node):
            raise PermissionDenied
        return node


class DashboardPage(YearMixin, BreadcrumbsMixin, TemplateView):
    template_name = "oversight/dashboard.html"

    def get_context_data(self, **kwargs):
        found, _rows = self.figures()
        today = timezone.localdate()
        kwargs.update(
            node=self.object,
            year=self.year(),
            years=range(today.year - 3, today.year + 2),
            tables=found,
        )
        return super().get_context_data(**kwargs)


class DashboardView(ScopeScopedMixin, DashboardPage):
    export_url = "oversight:export"
    deadlines_url = "oversight:deadlines"


class CommunityView(CommunityScopedMixin, DashboardPage):
    export_url = "oversight:community_export"
    deadlines_url = "oversight:community_deadlines"

    def get_context_data(self, **kwargs):
        kwargs["verdicts"] = [v for v in verdicts(self.object) if v.failing]
        return super().get_context_data(**kwargs)


class ExportPage(YearMixin, View):
    def get(self, request, *args, **kwargs):
        if kwargs["table"] not in tables.KEYS:
            raise Http404
        found, _rows = self.figures()
        table = next(t for t in found if t.key == kwargs["table"])
        return xlsx_response(
            f"dashboard-{self.object.pk}-{self.year()}-{table.key}.xlsx",
            [(table.title, [str(h) for h in table.header], table.export_rows())],
        )


class ExportView(ScopeScopedMixin, ExportPage):
    pass


class CommunityExportView(CommunityScopedMixin, ExportPage):
    pass


class DeadlinesPage(BreadcrumbsMixin, TemplateView):
    """The deadline tracker (issue 6): what falls due in the scope, most urgent first."""

    template_name = "oversight/deadlines.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        found = deadlines.items(self.request.user, self.object, today)
        labels = deadlines.kind_labels()
        kwargs.update(
            node=self.object,
            today=today,
            items=found,
            counts=[(labels[k], n) for k, n in deadlines.counts(found).items()],
        )
        return super().get_context_data(**kwargs)


class DeadlinesView(ScopeScopedMixin, DeadlinesPage):
    dashboard_url = "oversight:dashboard"


class CommunityDeadlinesView(CommunityScopedMixin, DeadlinesPage):
    dashboard_url = "oversight:community"
