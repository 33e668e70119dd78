"""Steps 11–12: the PDFs, filing the result, the inboxes of the street and district, founding."""

from django.urls import path

from elections.views import documents, filing, filing_inbox

urlpatterns = [
    # The meeting's paper: ballots of a round, the tally sheet once signed off
    path("rounds/<int:pk>/ballots.pdf", documents.BallotsPdfView.as_view(), name="ballots_pdf"),
    path(
        "rounds/<int:pk>/tally.pdf", documents.TallySheetPdfView.as_view(), name="tally_sheet_pdf"
    ),
    # The secretary: filing the result, the founding meeting, the letters
    path("elections/<int:pk>/filing/", filing.ElectionFilingView.as_view(), name="election_filing"),
    path("elections/<int:pk>/filing/send/", filing.ResultFileView.as_view(), name="result_file"),
    path(
        "elections/<int:pk>/report.pdf",
        documents.ResultReportPdfView.as_view(),
        name="result_report_pdf",
    ),
    path(
        "elections/<int:pk>/founding/",
        filing.FoundingRecordView.as_view(),
        name="founding_record",
    ),
    path("elections/<int:pk>/letters.pdf", documents.LettersPdfView.as_view(), name="letters_pdf"),
    # The street's and district's inbox
    path("inbox/<int:pk>/", filing_inbox.InboxView.as_view(), name="inbox"),
    path("filings/<int:pk>/", filing_inbox.FilingView.as_view(), name="filing"),
    path(
        "filings/<int:pk>/report.pdf",
        documents.FilingReportPdfView.as_view(),
        name="filing_report_pdf",
    ),
]
