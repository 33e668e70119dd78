"""Dashboards per scope (district, street, community), each standing on organizations.access.

District and street pages need decide_filings on their node (street and district staff); a
community's page is also open to its own secretary and office (run_meetings there).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView

from dajiwei.excel import xlsx_response
from elections.selectors import filing as filing_selectors
from organizations import access
from organizations import rules as org_rules
from organizations.composition import verdicts
from organizations.views.base import BreadcrumbsMixin, RequireKindMixin

from . import cache as dashboard_cache
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

    def cache_key(self) -> str | None:
        """The key of the page's cached tables. The page's gate (decide_filings or
        run_meetings on the node) comes with seeing its whole scope, so they are the same for
        everyone who opens it and are cached per scope, year and day (ADR 0007); None when a
        user sees only part of the scope: they are then computed for them alone."""
        if not access.holds(self.request.user, access.VIEW, self.object):
            return None
        today = timezone.localdate()
        return dashboard_cache.key(self.object.pk, self.year(), today.isoformat(), self.export_url)

    def figures(self) -> list:
        """The page's tables (`tables.Table`), from the cache when shared."""
        name = self.cache_key()
        if name is None:
            return self.build()
        return dashboard_cache.get_or_build(f"{name}:tables", self.build)

    def figures_html(self) -> str:
        """The tables' markup. Cached apart from the tables: a page view then reads one string,
        not the tables' objects (unpickling them cost about as much as the floor)."""
        name = self.cache_key()
        if name is None:
            return self.render_tables(self.build())
        return dashboard_cache.get_or_build(
            f"{name}:html", lambda: self.render_tables(self.figures())
        )

    def build(self) -> list:
        year, today = self.year(), timezone.localdate()
        rows = selectors.committee_rows(self.request.user, self.object, year, today)
        scopes, total = selectors.rollup(self.object, rows)
        links = [self.link(scope.node) for scope in scopes]
        committees = self.object.kind != org_rules.DISTRICT
        return tables.build(scopes, total, links, committees=committees)

    def render_tables(self, found) -> str:
        context = {"tables": found, "node": self.object, "year": self.year()}
        return str(
            render_to_string("oversight/_tables.html", {**context, "export_url": self.export_url})
        )

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
        today = timezone.localdate()
        kwargs.update(
            node=self.object,
            year=self.year(),
            years=range(today.year - 3, today.year + 2),
            tables=SimpleLazyObject(self.figures),  # read by tests and exports, not the page
            tables_html=mark_safe(self.figures_html()),  # rendered with autoescape by render()
        )
        return super().get_context_data(**kwargs)


class DashboardView(ScopeScopedMixin, DashboardPage):
    export_url = "oversight:export"
    deadlines_url = "oversight:deadlines"

    def get_context_data(self, **kwargs):
        # The street's or district's own inbox: what the scope's filings wait for here.
        waiting, _decided = filing_selectors.inbox(self.request.user, self.object)
        kwargs["inbox_waiting"] = waiting.count()
        return super().get_context_data(**kwargs)


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
        table = next(t for t in self.figures() if t.key == kwargs["table"])
        return xlsx_response(
            f"dashboard-{self.object.pk}-{self.year()}-{table.key}.xlsx",
            [(table.title, [str(h) for h in table.header], table.export_rows())],
        )


class ExportView(ScopeScopedMixin, ExportPage):
    export_url = "oversight:export"  # the page's, so the page and its exports share one entry


class CommunityExportView(CommunityScopedMixin, ExportPage):
    export_url = "oversight:community_export"


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
