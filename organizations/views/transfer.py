"""Rosters in and out of Excel: templates, imports (all or nothing) and scoped exports."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic.base import ContextMixin

from dajiwei import excel
from organizations import access, exports, imports, tasks
from organizations.views.base import BreadcrumbsMixin, client_ip
from organizations.views.households import HouseholdListView, RecipientListView
from organizations.views.people import MemberListView
from organizations.views.units import UnitListView

LIST_VIEWS = {
    "members": MemberListView,
    "units": UnitListView,
    "households": HouseholdListView,
    "recipients": RecipientListView,
}
SHOWN_ERRORS = 200
KEPT_ERRORS = 5000


def _session_key(node, roster) -> str:
    return f"organizations.import_errors:{node.pk}:{roster.slug}"


class RosterMixin:
    """The roster named in the URL; an import page only on the levels it may be started on."""

    importing = True

    def load_object(self, request, kwargs):
        node = super().load_object(request, kwargs)
        self.roster = imports.ROSTERS.get(kwargs["roster"])
        if self.roster is None or (self.importing and node.kind not in self.roster.import_kinds):
            raise Http404
        return node


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class RosterImportView(RosterMixin, BreadcrumbsMixin, access.ScopedMixin, ContextMixin, View):
    """Upload a filled-in template; small files at once, large ones as a job with progress."""

    permission = access.MANAGE_ROSTER
    template_name = "organizations/import.html"

    def get(self, request, *args, **kwargs):
        return self.page(ImportForm())

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        upload = form.cleaned_data["file"]
        problem = self.size_problem(upload.size)
        if problem:
            return self.page(form, problem=problem)
        if upload.size > imports.async_bytes():
            return self.start_job(upload)
        try:
            outcome = imports.roster_import(
                actor=request.user,
                node=self.object,
                roster=self.roster,
                data=upload.read(),
                filename=upload.name,
                ip=client_ip(request),
            )
        except imports.FileProblem as error:
            return self.page(form, problem=str(error))
        key = _session_key(self.object, self.roster)
        if outcome.errors:
            request.session[key] = [
                [e.row, e.column, e.reason] for e in outcome.errors[:KEPT_ERRORS]
            ]
            return self.page(form, errors=outcome.errors)
        request.session.pop(key, None)
        messages.success(
            request,
            ngettext(
                "%(count)d row has been imported.",
                "%(count)d rows have been imported.",
                outcome.created,
            )
            % {"count": outcome.created},
        )
        return HttpResponseRedirect(self.list_url())

    def size_problem(self, size: int) -> str:
        if size == 0:
            return _("The file is empty.")
        if size > imports.max_bytes():
            return _("The file is too large; please send one of at most %(mb)d MB.") % {
                "mb": imports.max_bytes() // (1024 * 1024)
            }
        return ""

    def start_job(self, upload):
        from notices.api import start_job

        path = default_storage.save(f"imports/{uuid.uuid4().hex}.xlsx", upload)
        start_job(
            actor=self.request.user,
            kind=tasks.import_kind(self.roster),
            task_name=tasks.IMPORT_TASK,
            node=self.object,
            node_id=self.object.pk,
            roster=self.roster.slug,
            actor_id=self.request.user.pk,
            path=path,
            filename=upload.name[:200],
            ip=client_ip(self.request),
        )
        messages.info(
            self.request,
            _("The file is large: it is being checked and imported in the background."),
        )
        return HttpResponseRedirect(self.request.path)

    def list_url(self) -> str:
        return reverse(f"organizations:{tasks._list_url(self.roster)}", args=[self.object.pk])

    def page(self, form, *, problem: str = "", errors=None):
        from notices.models import JobRun

        errors = errors or []
        context = {
            "node": self.object,
            "roster": self.roster,
            "title": _("Import: %(roster)s") % {"roster": self.roster.title},
            "form": form,
            "problem": problem,
            "errors": errors[:SHOWN_ERRORS],
            "error_count": len(errors),
            "list_url": self.list_url(),
            "job": JobRun.objects.filter(
                node=self.object,
                kind=tasks.import_kind(self.roster),
                actor=self.request.user,
            ).first(),
        }
        status = 400 if (problem or errors or form.errors) else 200
        return render(
            self.request, self.template_name, self.get_context_data(**context), status=status
        )


class ImportTemplateView(RosterMixin, access.ScopedMixin, View):
    """The roster's blank template, listing the places below this node the user manages."""

    permission = access.MANAGE_ROSTER

    def get(self, request, *args, **kwargs):
        places = imports.import_places(request.user, self.object, self.roster)
        content = imports.template_workbook(self.roster, places)
        return _xlsx(content, f"template-{self.roster.slug}.xlsx")


class ImportErrorsView(RosterMixin, access.ScopedMixin, View):
    """The problems of the user's last failed import here, as a workbook (from the session)."""

    permission = access.MANAGE_ROSTER

    def get(self, request, *args, **kwargs):
        stored = request.session.get(_session_key(self.object, self.roster))
        if not stored:
            return HttpResponseRedirect(
                reverse(
                    "organizations:roster_import",
                    kwargs={"pk": self.object.pk, "roster": self.roster.slug},
                )
            )
        errors = [imports.RowError(*e) for e in stored]
        return _xlsx(imports.error_workbook(errors), f"import-problems-{self.roster.slug}.xlsx")


class RosterExportView(RosterMixin, access.ScopedMixin, View):
    """The list the user sees (same selector, same filters, every page) as a workbook."""

    permission = access.VIEW_ROSTER
    importing = False

    def get(self, request, *args, **kwargs):
        listing = LIST_VIEWS[self.roster.slug]()
        listing.setup(request, *args, **kwargs)
        listing.object = self.object
        queryset = listing.get_queryset()
        filters = {k: v for k, v in request.GET.items() if v and k != "page"}
        content = exports.roster_export(
            actor=request.user,
            node=self.object,
            roster=self.roster,
            queryset=queryset,
            filters=filters,
            ip=client_ip(request),
        )
        return _xlsx(content, f"{self.roster.slug}-{self.object.pk}.xlsx")


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=excel.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
