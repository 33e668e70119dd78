"""Printed and downloaded documents: the co-building agreement, the funds ledger (PDF, xlsx)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dajiwei.pdf import render_pdf

from . import rules, selectors
from .models import Agreement, Fund


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def agreement_pdf(agreement: Agreement) -> bytes:
    """共驻共建协议书 (documents.md): both parties, goals, each side's tasks, projects, signing."""
    return render_pdf(
        "pdf/services/agreement.html",
        {
            "agreement": agreement,
            "community": agreement.committee.name,
            "unit": agreement.unit,
            "goals": _lines(agreement.goals),
            "community_tasks": _lines(agreement.community_tasks),
            "unit_tasks": _lines(agreement.unit_tasks),
            "projects": list(selectors.agreement_projects(agreement)),
        },
    )


def _ledger_rows(fund: Fund):
    for entry in selectors.ledger(fund):
        yield (
            entry,
            [
                entry["date"].isoformat() if entry["date"] else "",
                {"budget": _("District budget"), "income": _("Income"), "spend": _("Spend")}[
                    entry["kind"]
                ],
                entry["text"],
                entry["activity"],
                rules.yuan(entry["in"]) if entry["in"] else "",
                rules.yuan(entry.get("amount", entry["out"])) if entry["kind"] == "spend" else "",
                entry["state"],
                rules.yuan(entry["balance"]),
            ],
        )


def ledger_header() -> list[str]:
    return [
        _("Date"),
        _("Kind"),
        _("Purpose or source"),
        _("Activity"),
        _("In (yuan)"),
        _("Out (yuan)"),
        _("State"),
        _("Balance (yuan)"),
    ]


def ledger_sheets(fund: Fund):
    """One sheet for xlsx_response: the ledger with a running balance."""
    rows = [row for _entry, row in _ledger_rows(fund)]
    return [(f"{fund.year}", ledger_header(), rows)]


def ledger_pdf(fund: Fund) -> bytes:
    return render_pdf(
        "pdf/services/ledger.html",
        {
            "fund": fund,
            "community": fund.committee.name,
            "header": ledger_header(),
            "rows": [row for _entry, row in _ledger_rows(fund)],
            "summary": {k: rules.yuan(v) for k, v in selectors.fund_summary(fund).items()},
        },
    )


# ---------------------------------------------------------------------------------------------
# S5: a member's annual service summary, for their workplace party organisation


def summary_header() -> list[str]:
    return [_("Date"), _("Where"), _("Post or project"), _("What was done"), _("Hours")]


def summary_rows(summary: dict) -> list[list]:
    return [
        [
            r.served_on.isoformat(),
            r.node.name,
            r.opening.title if r.opening else "",
            r.description,
            float(r.hours),
        ]
        for r in summary["records"]
    ]


def summary_sheets(summary: dict):
    rows = summary_rows(summary)
    rows.append(["", "", "", _("Total"), float(summary["total"])])
    return [(f"{summary['year']}", summary_header(), rows)]


def summary_pdf(summary: dict) -> bytes:
    return render_pdf(
        "pdf/services/service_summary.html",
        {**summary, "header": summary_header(), "rows": summary_rows(summary)},
    )


# ---------------------------------------------------------------------------------------------
# A1: a unit's yearly assessment, for its supervising body


def part_labels() -> dict[str, str]:
    return {
        "registration": _("Registration"),
        "agreement": _("Co-building agreement"),
        "commitments": _("Commitments fulfilled"),
        "service": _("Members' service hours"),
        "meetings": _("Joint meetings attended"),
    }


def unit_report_pdf(committee, row: dict, commendations, year: int) -> bytes:
    labels = part_labels()
    parts = [
        (labels[name], points, out_of) for name, (points, out_of) in row["score"]["parts"].items()
    ]
    return render_pdf(
        "pdf/services/unit_report.html",
        {
            "community": committee.name,
            "unit": row["unit"],
            "year": year,
            "parts": parts,
            "score": row["score"],
            "hours": row["hours"],
            "commendations": commendations,
        },
    )
