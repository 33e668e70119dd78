"""Pages for residents, no login: only what a grid's contact card shows (S6).

The card itself (photos, duties, service hours) is kept by the residents app; this page reads
it through residents.selectors and shows nothing else about anyone.
"""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView

from organizations import access


class PublicGridView(access.PublicMixin, TemplateView):
    """A grid's name, map, responsible persons (photo, name, post, phone, duties), hours."""

    template_name = "organizations/public_grid.html"

    def get_context_data(self, **kwargs):
        from residents import selectors

        grid = selectors.public_grid(kwargs["public_id"])
        if grid is None:
            raise Http404
        kwargs.update(
            grid=grid,
            contacts=selectors.card_people(grid),
            service_hours=selectors.service_hours(grid),
        )
        return super().get_context_data(**kwargs)
