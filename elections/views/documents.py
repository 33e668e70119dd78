"""Downloads of the election's PDFs: ballots, tally sheet, result report, appointment letters.

Each goes through the gate (organizations.access): the secretary's documents need
RUN_ELECTIONS on the committee, the street's copy of the report DECIDE_FILINGS on the street
(or district) the filing is addressed to. A document that does not exist yet is a 404.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.views import View

from elections import documents
from elections.models import Election, Round
from elections.selectors import filing as selectors
from organizations import access


class PdfView(access.ScopedMixin, View):
    permission = access.RUN_ELECTIONS

    def render(self) -> bytes:
        raise NotImplementedError

    def filename(self) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        try:
            content = self.render()
        except documents.NotAvailable as missing:
            raise Http404(str(missing)) from missing
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.filename()}"'
        response["Cache-Control"] = "private, no-store"
        return response


class BallotsPdfView(PdfView):
    """`?copies=N` (default: those due to attend) and `?per_page=1|2`."""

    scope_queryset = Round.objects.select_related("election__committee")

    def get(self, request, *args, **kwargs):
        try:
            self.copies = int(request.GET.get("copies") or self.object.due or 1)
            self.per_page = int(request.GET.get("per_page") or 1)
        except ValueError:
            return HttpResponseBadRequest("copies and per_page must be whole numbers")
        if not 1 <= self.copies <= documents.MAX_COPIES:
            return HttpResponseBadRequest(f"copies must be 1 to {documents.MAX_COPIES}")
        if self.per_page not in documents.BALLOTS_PER_PAGE:
            return HttpResponseBadRequest("per_page must be 1 or 2")
        return super().get(request, *args, **kwargs)

    def render(self):
        return documents.render_ballots(self.object, self.copies, self.per_page)

    def filename(self):
        return f"ballots-{self.object.category}-{self.object.number}.pdf"


class TallySheetPdfView(PdfView):
    scope_queryset = Round.objects.select_related("election__committee__parent")

    def render(self):
        return documents.render_tally_sheet(self.object)

    def filename(self):
        return f"tally-{self.object.category}-{self.object.number}.pdf"


class ResultReportPdfView(PdfView):
    """The secretary's copy: the report of the latest result filing of the election."""

    scope_queryset = Election.objects.select_related("committee__parent")

    def render(self):
        filing = selectors.latest_result_filing(self.object)
        if filing is None:
            raise documents.NotAvailable("The result has not been filed yet.")
        return documents.render_result_report(filing)

    def filename(self):
        return f"result-report-{self.object.pk}.pdf"


class FilingReportPdfView(PdfView):
    """The street's (or district's) copy, from its inbox."""

    permission = access.DECIDE_FILINGS
    scope_queryset = selectors.filings_query()

    def render(self):
        return documents.render_result_report(self.object)

    def filename(self):
        return f"result-report-filing-{self.object.pk}.pdf"


class LettersPdfView(PdfView):
    scope_queryset = Election.objects.select_related("committee__parent")

    def render(self):
        return documents.render_letters(self.object)

    def filename(self):
        return f"appointment-letters-{self.object.pk}.pdf"
