from django import template

from services import rules

register = template.Library()


@register.filter
def yuan(fen):
    """Fen as yuan: 120000 → "1,200.00"."""
    return rules.yuan(int(fen or 0))
