"""The annual 述职评议 report (PDF), through dajiwei/pdf.py."""

from __future__ import annotations

from dajiwei import pdf


def annual_report_pdf(context: dict) -> bytes:
    """`context`: annual.report_context(meeting); counts below the minimum are not in it."""
    return pdf.render_pdf("pdf/meetings/annual_report.html", context)
