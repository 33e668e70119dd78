"""签到 by QR code: the meeting's code on the screen, and the page a member's phone opens.

Opening the link shows who is checking in and one button: the check-in itself is a POST, so a
link preview or a prefetching browser never checks anyone in.
"""

from __future__ import annotations

import segno
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from elections import actions
from elections.actions.checkin import check_in_by_token, check_in_token, token_election
from elections.models import RollEntry
from elections.views.meeting_base import ElectionPageMixin
from organizations import access
from organizations.views.base import client_ip


@method_decorator(never_cache, name="dispatch")
class CheckInQRView(ElectionPageMixin, TemplateView):
    """The meeting's check-in QR code, for the screen at the entrance (a fresh token each time)."""

    template_name = "elections/meeting/qr.html"

    def get_context_data(self, **kwargs):
        path = reverse(
            "elections:meeting_check_in", kwargs={"token": check_in_token(self.election)}
        )
        url = self.request.build_absolute_uri(path)
        # segno writes the SVG itself from the URL; nothing user-typed goes into it unescaped.
        svg = segno.make(url, error="m").svg_inline(scale=8, border=2, title=None)
        due, present = actions.attendance(self.election)
        kwargs.update(check_in_url=url, qr_svg=mark_safe(svg), due=due, present=present)  # noqa: S308
        return super().get_context_data(**kwargs)


@method_decorator(never_cache, name="dispatch")
class CheckInView(access.LoggedInMixin, TemplateView):
    """A logged-in member on the roll checks themselves in; anyone else is told why not."""

    template_name = "elections/meeting/check_in.html"

    def get_context_data(self, **kwargs):
        election = token_election(self.kwargs["token"])
        member = getattr(self.request.user, "party_member", None)
        entry = None
        if election is not None and member is not None:
            entry = RollEntry.objects.filter(election=election, person=member).first()
        kwargs.update(election=election, entry=entry, member=member)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        try:
            entry = check_in_by_token(
                user=request.user, token=kwargs["token"], ip=client_ip(request)
            )
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages))
        return self.render_to_response(self.get_context_data(done=entry))
