"""The dashboards' tables: each chart is drawn from one of these, and each exports as .xlsx."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from elections.models import Stage

from . import charts
from .selectors import Figures, ScopeRow

KEYS = ("composition", "theme_days", "elections", "agreements", "dual", "hours", "funds", "matters")


@dataclass
class Table:
    key: str
    title: str
    header: list
    rows: list  # lists of cell values, the first one the row's name
    links: list = field(default_factory=list)  # the first cell's link per row, or None
    total: list | None = None
    chart: charts.Chart | None = None
    note: str = ""

    @property
    def lines(self) -> list[tuple[str | None, object, list]]:
        """(link, name, other cells) per row, for the page."""
        links = self.links or [None] * len(self.rows)
        return [(link, row[0], row[1:]) for link, row in zip(links, self.rows, strict=True)]

    def export_rows(self) -> list:
        return [*self.rows, self.total] if self.total else list(self.rows)


def yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def shown(value) -> str:
    """A percentage for the chart's value text; a dash where there is nothing to measure."""
    return "—" if value is None else f"{value}%"


def _table(
    key, title, header, scopes, total, cells, *, chart_value, chart_text, maximum=None, note=""
):
    rows = [[scope.node.name, *cells(scope.figures)] for scope in scopes]
    values = [
        (scope.node.name, chart_value(scope.figures), chart_text(scope.figures)) for scope in scopes
    ]
    return Table(
        key=key,
        title=title,
        header=header,
        rows=rows,
        total=[str(_("Total")), *cells(total)],
        chart=charts.bar_chart(values, maximum=maximum),
        note=note,
    )


def build(scopes: list[ScopeRow], total: Figures, links: list, *, committees: bool) -> list[Table]:
    """The page's eight tables, in the order the page shows them; `committees` when the rows
    are communities (they then list the composition rules each one fails)."""
    name = _("Organisation")
    tables = [
        _table(
            "composition",
            _("Committees breaking a composition rule"),
            [name, _("Committees"), _("Breaking a rule")],
            scopes,
            total,
            lambda f: [f.committees, f.breaking],
            chart_value=lambda f: f.breaking,
            chart_text=lambda f: f"{f.breaking} / {f.committees}",
            note=_("A rule fails when its verdict is a warning or a block (C1–C9)."),
        ),
        _table(
            "theme_days",
            _("Theme party day compliance"),
            [
                name,
                _("Committees"),
                _("Held this month"),
                _("Months held"),
                _("Months due"),
                _("Compliance for the year (%)"),
            ],
            scopes,
            total,
            lambda f: [
                f.committees,
                f.held_this_month,
                f.months_held,
                f.months_due,
                f.year_percent,
            ],
            chart_value=lambda f: f.year_percent,
            chart_text=lambda f: shown(f.year_percent),
            maximum=100,
            note=_(
                "A month counts when a theme party day dated in it was held or closed; the "
                "months due are those begun so far in the year."
            ),
        ),
        _elections(total),
        _table(
            "agreements",
            _("Co-building agreements signed in the year"),
            [name, _("Agreements of the year"), _("Signed")],
            scopes,
            total,
            lambda f: [f.agreements, f.signed],
            chart_value=lambda f: f.signed,
            chart_text=lambda f: f"{f.signed} / {f.agreements}",
        ),
        _table(
            "dual",
            _("Dual registration coverage"),
            [
                name,
                _("In-service members living here"),
                _("Registered where they live"),
                _("Coverage (%)"),
            ],
            scopes,
            total,
            lambda f: [f.in_service, f.registered, f.coverage],
            chart_value=lambda f: f.coverage,
            chart_text=lambda f: shown(f.coverage),
            maximum=100,
        ),
        _table(
            "hours",
            _("Volunteer hours confirmed in the year"),
            [name, _("Hours")],
            scopes,
            total,
            lambda f: [f.hours],
            chart_value=lambda f: f.hours,
            chart_text=lambda f: str(f.hours),
        ),
        _table(
            "funds",
            _("Activity funds spent against budget"),
            [
                name,
                _("Budget (yuan)"),
                _("Incomes (yuan)"),
                _("Spent (yuan)"),
                _("Awaiting approval (yuan)"),
                _("Spent of budget and incomes (%)"),
            ],
            scopes,
            total,
            lambda f: [
                yuan(f.budget_fen),
                yuan(f.incomes_fen),
                yuan(f.spent_fen),
                yuan(f.pending_fen),
                f.spent_percent,
            ],
            chart_value=lambda f: f.spent_percent,
            chart_text=lambda f: shown(f.spent_percent),
            maximum=100,
        ),
        _table(
            "matters",
            _("Residents' matters resolved within the grid"),
            [name, _("Closed in the year"), _("Resolved within the grid"), _("Rate (%)")],
            scopes,
            total,
            lambda f: [f.matters_closed, f.matters_within, f.within_rate],
            chart_value=lambda f: f.within_rate,
            chart_text=lambda f: shown(f.within_rate),
            maximum=100,
        ),
    ]
    for table in tables:
        if table.key == "composition" and committees:
            table.header = [*table.header, _("Rules failed")]
            table.rows = [
                [*row, " ".join(v.rule for v in scope.failing)]
                for row, scope in zip(table.rows, scopes, strict=True)
            ]
            table.total = [*table.total, ""]
        if table.key != "elections":
            table.links = links
    return tables


def _elections(total: Figures) -> Table:
    rows = [[str(label), total.stages.get(value, 0)] for value, label in Stage.choices]
    return Table(
        key="elections",
        title=_("Elections by stage"),
        header=[_("Stage"), _("Elections")],
        rows=rows,
        total=[str(_("Total")), sum(total.stages.values())],
        chart=charts.bar_chart([(label, n, str(n)) for label, n in rows]),
    )
