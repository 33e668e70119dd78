"""The election's printed documents (docs/documents.md): `render_<doc>(...) -> bytes`.

选票 (paper ballots of a round), 计票单 (the tally sheet of a signed-off round), 选举结果报告 (the
result report to the street, with the final hash of the election's log) and 聘书 (appointment
letters, one per member the founding meeting appointed). Templates: templates/pdf/elections/.
"""

from ._common import NotAvailable
from .ballots import BALLOTS_PER_PAGE, MAX_COPIES, ballots_pdf, render_ballots
from .reports import render_letters, render_result_report, render_tally_sheet

__all__ = [
    "BALLOTS_PER_PAGE",
    "MAX_COPIES",
    "NotAvailable",
    "ballots_pdf",
    "render_ballots",
    "render_letters",
    "render_result_report",
    "render_tally_sheet",
]
