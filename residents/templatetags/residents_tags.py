from django import template

from residents.models import Need

register = template.Library()
_LABELS = dict(Need.choices)


@register.filter
def need_label(value: str) -> str:
    return _LABELS.get(value, value)
