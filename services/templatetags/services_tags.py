"""The unit page's co-building block: registration (S3), commitments (S2), agreements (S1)."""

from django import template

from organizations import access
from services import selectors

register = template.Library()


@register.inclusion_tag("services/_unit_registration.html", takes_context=True)
def unit_registration(context, unit):
    user = context["request"].user
    registrations = list(selectors.registrations_of(user, unit))
    pending = selectors.unlinked_committees_to_register(unit)
    may_register = (
        user.has_perm(access.CHANGE_UNIT, unit)
        or pending.filter(access.scope_q(user, access.MANAGE_SERVICES)).exists()
    )
    commitments, agreements = selectors.unit_cobuilding(user, unit)
    may_commit = (
        user.has_perm(access.CHANGE_UNIT, unit)
        or selectors.linked_committees(unit)
        .filter(access.scope_q(user, access.MANAGE_SERVICES))
        .exists()
    )
    return {
        "unit": unit,
        "registrations": registrations,
        "may_register": may_register and pending.exists(),
        "commitments": commitments,
        "agreements": agreements,
        "may_commit": may_commit,
    }
