"""计票单, 选举结果报告 and 聘书: documents of one page or a few, laid out as they are."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from dajiwei.pdf import render_pdf
from elections.models import Election, Filing, Round
from elections.selectors import filing as selectors

from ._common import NotAvailable, committee_context


def render_tally_sheet(round_: Round) -> bytes:
    """计票单 of one round; only once the chief scrutineer has signed it off."""
    sheet = selectors.round_sheet(round_)
    if sheet is None:
        raise NotAvailable("The count is hidden until it is signed off.")
    return render_pdf(
        "pdf/elections/tally_sheet.html",
        {**committee_context(round_.election), "sheet": sheet, "round": round_},
    )


def render_result_report(filing: Filing) -> bytes:
    """选举结果报告 for a result (or roster) filing, with the chain's final hash in the footer."""
    if filing.election_id is None:
        raise NotAvailable("A removal has no election result report.")
    report = selectors.report(filing)
    return render_pdf(
        "pdf/elections/result_report.html",
        {
            **committee_context(report.election),
            "report": report,
            "reference": selectors.result_reference(filing),
            "dated": timezone.localdate(filing.submitted_at),
            "ratio": settings.DAJIWEI_ELECTIONS["candidate_ratio"],
        },
    )


def render_letters(election: Election) -> bytes:
    """聘书: one page per member appointed at the founding meeting, with the term."""
    posts = selectors.appointed_posts(election)
    held_on = selectors.founding_date(election)
    if not posts or held_on is None:
        raise NotAvailable("No one has been appointed by this election yet.")
    abbreviation = f"{election.committee.name}聘"
    letters = [
        {"post": post, "reference": selectors.reference_number(abbreviation, held_on.year, n)}
        for n, post in enumerate(posts, start=1)
    ]
    return render_pdf(
        "pdf/elections/letters.html",
        {
            **committee_context(election),
            "letters": letters,
            "held_on": held_on,
            "term_end": selectors.term_end(election.term, held_on),
        },
    )
