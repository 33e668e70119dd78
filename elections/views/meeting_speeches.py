"""The speech page for the chair: candidates in speech order, a timer readable on a projector."""

from __future__ import annotations

from django.conf import settings
from django.views.generic import TemplateView

from elections.selectors import meeting as selectors
from elections.views.meeting_base import ElectionPageMixin


class SpeechesView(ElectionPageMixin, TemplateView):
    """Without JavaScript a plain list; with it, start, pause and next on one big timer."""

    template_name = "elections/meeting/speeches.html"

    def get_context_data(self, **kwargs):
        minutes = settings.DAJIWEI_ELECTIONS["speech_minutes"]
        kwargs.update(
            groups=selectors.speech_groups(self.election), minutes=minutes, seconds=minutes * 60
        )
        return super().get_context_data(**kwargs)
