"""What the organisation views share: the client address, form views that call an action, rosters.

Every view here stands on organizations.access: ScopedMixin loads `self.object` through the
user's scope (404 outside it, 403 without the permission), lists come from selectors.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.views.generic import FormView, TemplateView

from organizations import access, page_cache, selectors
from organizations.forms import add_action_errors
from organizations.models import OrgNode


def client_ip(request) -> str | None:
    """The address the audit log records: nginx's X-Real-IP when settings.BEHIND_PROXY."""
    if settings.BEHIND_PROXY and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR") or None


class RequireKindMixin:
    """Pages that exist only for some levels of the tree: any other node has no such page."""

    kinds: tuple[int, ...] = ()

    def load_object(self, request, kwargs):
        obj = super().load_object(request, kwargs)
        if self.kinds and obj.kind not in self.kinds:
            raise Http404
        return obj


class BreadcrumbsMixin:
    """The way down to the page's node: its ancestors the user can see (one query), then itself.

    The node is `self.object` when that is an organisation, else the node it belongs to (a
    member's home, a post's organisation); objects on no node (member units) have none.
    """

    def crumb_node(self) -> OrgNode | None:
        if isinstance(self.object, OrgNode):
            return self.object
        return getattr(self.object, "node", None)

    def get_context_data(self, **kwargs):
        node = self.crumb_node()
        if node is not None:
            kwargs.setdefault("crumb_node", node)
            kwargs.setdefault("crumbs", selectors.breadcrumbs(self.request.user, node))
        return super().get_context_data(**kwargs)


class ActionFormView(BreadcrumbsMixin, access.ScopedMixin, FormView):
    """A form whose valid data goes to one action; the action's ValidationError shows on it.

    Subclasses implement `perform(form)` (call the action, return the object to go to) and
    `success_message`.
    """

    template_name = "organizations/form.html"
    title = ""
    success_message = ""

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url_for(result))

    def get_success_url_for(self, result) -> str:
        return result.get_absolute_url()

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.title)
        kwargs.setdefault("object", self.object)
        kwargs.setdefault("cancel_url", self.get_cancel_url())
        return super().get_context_data(**kwargs)

    @property
    def actor(self):
        return self.request.user

    @property
    def ip(self):
        return client_ip(self.request)


class RosterView(BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    """A filtered, paginated list of what hangs below the node in the URL.

    The page's body (filters, count, table, pages) is rendered from `body_template` and kept in
    the cache (organizations.page_cache), keyed by the node, the query and whether the user may
    manage the roster (the rows' edit links); the transfer links below it follow the user.
    """

    template_name = "organizations/roster.html"
    body_template = ""  # extends organizations/_roster_body.html: the table's head and rows
    roster = ""  # its name in the import and export URLs (organizations.exports)
    importable_kinds: tuple[int, ...] = ()  # the levels whose page offers an import
    permission = access.VIEW_ROSTER
    paginate_by = 50
    filterset_class = None
    title = ""

    def rows(self):
        raise NotImplementedError

    def table_rows(self, queryset):
        """What the table's page loads from the filtered rows (a page may load fewer columns)."""
        return queryset

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None,
            queryset=self.rows(),
            user=self.request.user,
            node=self.object,
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        node = self.object
        may_manage = access.holds(self.request.user, access.MANAGE_ROSTER, node)
        query = urlencode(sorted((k, v) for k, vs in self.request.GET.lists() for v in vs))
        digest = hashlib.sha256(query.encode()).hexdigest()[:32]  # typed text stays out of keys
        body = page_cache.cached(
            (self.roster, node.pk, int(may_manage), digest), lambda: self.render_body(may_manage)
        )
        kwargs.update(
            node=node,
            title=self.title,
            may_manage=may_manage,
            roster=self.roster,
            importable=node.kind in self.importable_kinds,
            body=body,
        )
        return super().get_context_data(**kwargs)

    def render_body(self, may_manage: bool) -> str:
        page = self.page(self.table_rows(self.get_queryset()))
        context = {
            "node": self.object,
            "filter": self.filterset,
            "page_obj": page,
            "object_list": page.object_list,
            "may_manage": may_manage,
        }
        return render_to_string(self.body_template, context, request=self.request)

    def page(self, rows):
        """The page the query asks for ("last" too); one that is not there is not found."""
        paginator = Paginator(rows, self.paginate_by)
        number = self.request.GET.get("page") or 1
        try:
            return paginator.page(paginator.num_pages if number == "last" else number)
        except InvalidPage as error:
            raise Http404(str(error)) from None
