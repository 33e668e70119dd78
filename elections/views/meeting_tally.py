"""The tally sheet of one round: hidden until the chief scrutineer signs the count off."""

from __future__ import annotations

from django.views.generic import TemplateView

from elections.selectors import meeting as selectors
from elections.views.meeting_base import RoundPageMixin
from organizations import access


class TallyView(RoundPageMixin, TemplateView):
    """Issued, returned, valid, invalid, the votes, who is elected, run-off and seats left."""

    permission = access.VIEW
    template_name = "elections/meeting/tally.html"

    def get_context_data(self, **kwargs):
        round_ = self.object
        result, rows = selectors.named_result(round_)
        kwargs.update(
            result=result,
            rows=rows,
            is_chief=selectors.is_chief_scrutineer(self.election, self.request.user),
            rounds=self.election.rounds.order_by("category", "number"),
        )
        return super().get_context_data(**kwargs)
