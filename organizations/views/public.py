"""Pages for residents, no login: only what a grid's contact card shows."""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView

from organizations import access, selectors


class PublicGridView(access.PublicMixin, TemplateView):
    """A grid's name, its community and its responsible persons (name, post, phone)."""

    template_name = "organizations/public_grid.html"

    def get_context_data(self, **kwargs):
        grid = selectors.public_grid(kwargs["public_id"])
        if grid is None:
            raise Http404
        kwargs.update(grid=grid, contacts=selectors.public_grid_contacts(grid))
        return super().get_context_data(**kwargs)
