from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from dajiwei.links import url_formatter
from meetings import rules
from organizations import access

register = template.Library()


@register.simple_tag
def may_see_board(user) -> bool:
    """Whether the navigation shows the theme party day board: street and district staff.

    They are the holders of decide_filings (a street's or district's permission, ROLE_PERMISSIONS);
    the user's ranges are memoised for the request, so the navigation costs no extra query. The
    board itself checks VIEW on the street or district it shows.
    """
    if not user.is_authenticated:
        return False
    return access.holds_anywhere(user, access.DECIDE_FILINGS)


class _BoardCells:
    """The HTML of a board row's twelve cells, built in Python: 1,200 cells rendered tag by tag
    in the template took three quarters of the page's time (docs/performance.md § 6). Every
    value put in is escaped here or made of numbers (ids, the month key, the status)."""

    def __init__(self):
        self.detail = url_formatter("meetings:detail")
        self.month_list = url_formatter("meetings:list")
        self.labels = {
            rules.HELD: (escape(_("Held")), "✓"),
            rules.SCHEDULED: (escape(_("Scheduled")), "○"),
            rules.MISSING: (escape(_("Missing")), "✗"),
        }

    def row(self, committee, cells) -> str:
        return mark_safe("".join(self.cell(committee.pk, cell) for cell in cells))

    def cell(self, committee_id: int, cell: dict) -> str:
        status, key = cell["status"], cell["key"]
        label, mark = self.labels[status]
        if status == rules.MISSING:
            inner = f'<span role="img" title="{label}" aria-label="{key} {label}">{mark}</span>'
        else:
            href = (
                self.detail(cell["only"])
                if cell["only"]
                else f"{self.month_list(committee_id)}?month={key}"
            )
            inner = f'<a href="{href}" title="{label}" aria-label="{key} {label}">{mark}</a>'
        return f'<td class="cell-{status}">{inner}</td>'


@register.simple_tag(takes_context=True)
def board_cells(context, row) -> str:
    """`{% board_cells row %}`: the row's twelve month cells (one builder per page render)."""
    if "board_cells" not in context.render_context:
        context.render_context["board_cells"] = _BoardCells()
    builder = context.render_context["board_cells"]
    return builder.row(row["committee"], row["cells"])
