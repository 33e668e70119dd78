"""Template helpers of the organisation pages."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from dajiwei.links import url_formatter
from organizations import access
from organizations.models import MemberCategory, PartyStatus

register = template.Library()


@register.simple_tag
def may_search_audit(user) -> bool:
    """Whether the navigation shows the audit log: the user holds view_audit somewhere (from
    the ranges memoised for the request: no query of its own on every page)."""
    if not user.is_authenticated:
        return False
    return access.holds_anywhere(user, access.VIEW_AUDIT)


@register.filter
def severity_class(verdict) -> str:
    """The CSS class of a composition verdict's severity (ok, info, warn, block)."""
    return f"verdict-{verdict.severity}"


class _MemberRows:
    """The party member roster's rows, built in Python: rendered tag by tag, 50 rows of seven
    cells cost more than the rest of the page (docs/performance.md § 8). Everything typed by a
    user is escaped here; the labels are translated and escaped once per page."""

    def __init__(self):
        self.detail = url_formatter("organizations:member")
        self.categories = {value: escape(label) for value, label in MemberCategory.choices}
        self.statuses = {value: escape(label) for value, label in PartyStatus.choices}

    def row(self, member) -> str:
        """`member` carries home_name, home_parent_name and workplace_name (MemberListView)."""
        parent = escape(member.home_parent_name or "")
        workplace = escape(member.workplace_name or "")
        return (
            f'<tr><td><a href="{self.detail(member.pk)}">{escape(member.name)}</a></td>'
            f"<td>{self.categories.get(member.category, escape(member.category))}</td>"
            f"<td>{self.statuses.get(member.party_status, escape(member.party_status))}</td>"
            f"<td>{parent} · {escape(member.home_name)}</td>"
            f'<td class="sensitive">{escape(member.masked_phone)}</td>'
            f'<td class="sensitive">{escape(member.masked_resident_id)}</td>'
            f"<td>{workplace}</td></tr>"
        )


@register.simple_tag
def member_rows(members) -> str:
    """`{% member_rows object_list %}`: one `<tr>` per party member of the roster's page."""
    builder = _MemberRows()
    return mark_safe("".join(builder.row(member) for member in members))
