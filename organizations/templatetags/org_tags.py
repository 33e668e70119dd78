"""Template helpers of the organisation pages."""

from django import template

from organizations import access
from organizations.models import OrgNode

register = template.Library()


@register.simple_tag
def may_search_audit(user) -> bool:
    """Whether the navigation shows the audit log: the user holds view_audit somewhere."""
    if not user.is_authenticated:
        return False
    return access.visible(user, OrgNode.objects.all(), access.VIEW_AUDIT).exists()


@register.filter
def severity_class(verdict) -> str:
    """The CSS class of a composition verdict's severity (ok, info, warn, block)."""
    return f"verdict-{verdict.severity}"
