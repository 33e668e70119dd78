"""The floor: what any page of this project costs before it does anything of its own.

The project's middleware, the session login (LoggedInMixin) and the base layout, plus exactly
one query. `make bench` loads it next to the real pages and reports each page's median latency
as a multiple of the floor's (docs/performance.md).
"""

from __future__ import annotations

from django.template import engines
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import View

from organizations.access import LoggedInMixin
from organizations.models import OrgNode

# Inline, so the floor adds no template file of its own; base.html is the real layout.
_TEMPLATE = SimpleLazyObject(
    lambda: engines["django"].from_string(
        "{% extends 'base.html' %}"
        "{% block title %}{{ title }}{% endblock title %}"
        "{% block content %}<h1>{{ title }}</h1><p>{{ note }}</p>{% endblock content %}"
    )
)


class FloorView(LoggedInMixin, View):
    """The base layout for a logged-in user and one indexed query: the number of districts."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        districts = OrgNode.objects.filter(parent__isnull=True).count()  # the one query
        context = {
            "title": _("Benchmark floor"),
            "note": _("%(count)s districts. This page is the benchmark's baseline.")
            % {"count": districts},
        }
        return TemplateResponse(request, _TEMPLATE, context)


floor = FloorView.as_view()
