"""The kiosk: a checked-in voter enters their one-time code and casts the ballot of its round.

No login: the code is the credential. Pages are never cached, so the next voter cannot go
back to the ballot before theirs; the thank-you page shows nothing of the vote.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from elections import actions, rules
from elections.forms.meeting import BallotForm, KioskCodeForm
from elections.models import Round, RoundState, Stage
from elections.selectors import meeting as selectors
from organizations import access
from organizations.forms import add_action_errors
from organizations.views.base import client_ip


def clock() -> float:
    """Now, in seconds (a function so the throttle's tests can move time on)."""
    return time.time()


class KioskMixin(access.PublicMixin):
    def dispatch(self, request, *args, **kwargs):
        self.election = selectors.kiosk_election(kwargs["public_id"])
        if self.election is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("election", self.election)
        return super().get_context_data(**kwargs)


@method_decorator(never_cache, name="dispatch")
class KioskView(KioskMixin, TemplateView):
    template_name = "elections/meeting/kiosk.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("code_form", KioskCodeForm())
        kwargs.setdefault(
            "voting_open",
            self.election.stage == Stage.MEETING
            and self.election.rounds.filter(state=RoundState.OPEN).exists(),
        )
        return super().get_context_data(**kwargs)

    def code_round(self, code: str) -> tuple[Round | None, str | None]:
        """The open round the code votes in, or why it cannot vote (the action checks again)."""
        vote_code = selectors.kiosk_code(self.election, code) if code.strip() else None
        if vote_code is None:
            if code.strip():
                self.count_wrong_code()  # a guess: counted towards the throttle
            return None, _("This code is not valid for this vote.")
        if vote_code.used:
            return None, _("This code has already been used.")
        if vote_code.round.state != RoundState.OPEN:
            return None, _("This round is closed; no more votes are taken.")
        return vote_code.round, None

    def throttle_key(self) -> str:
        """Wrong codes are counted per election (its kiosk page) and per client address."""
        return f"elections:kiosk-wrong:{self.election.public_id}:{client_ip(self.request)}"

    def wrong_codes(self) -> list[float]:
        return rules.kiosk_wrong_codes_recent(cache.get(self.throttle_key(), []), clock())

    def count_wrong_code(self) -> None:
        times = [*self.wrong_codes(), clock()]
        timeout = rules.policy("kiosk_wrong_code_minutes") * 60
        cache.set(self.throttle_key(), times, timeout=timeout)

    def refuse(self, problem: str):
        form = KioskCodeForm(self.request.POST)
        form.is_valid()
        form.add_error(None, problem)
        return self.render_to_response(self.get_context_data(code_form=form))

    def post(self, request, *args, **kwargs):
        throttled = rules.kiosk_throttled(self.wrong_codes(), clock())
        if throttled:
            return self.refuse(throttled)
        code = request.POST.get("code", "")
        round_, problem = self.code_round(code)
        if round_ is None:
            return self.refuse(problem)
        if "cast" not in request.POST:
            return self.ballot(
                round_, BallotForm(initial={"code": code}, **self.ballot_kwargs(round_))
            )
        form = BallotForm(request.POST, **self.ballot_kwargs(round_))
        if form.is_valid():
            try:
                actions.vote_cast(
                    round_id=round_.pk, code=form.cleaned_data["code"], marks=form.marks()
                )
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                return HttpResponseRedirect(
                    reverse("elections:kiosk_thanks", kwargs={"public_id": self.election.public_id})
                )
        return self.ballot(round_, form)

    @staticmethod
    def ballot_kwargs(round_: Round) -> dict:
        # 另选他人: a row per seat, as on the paper ballot; none in a run-off among the tied (B6).
        write_ins = 0 if round_.runoff else round_.seats
        return {"candidates": selectors.ballot_candidates(round_), "write_ins": write_ins}

    def ballot(self, round_: Round, form: BallotForm):
        context = self.get_context_data(
            round=round_, ballot=form, candidate_count=len(form.candidates)
        )
        return self.render_to_response(context)


@method_decorator(never_cache, name="dispatch")
class KioskThanksView(KioskMixin, TemplateView):
    template_name = "elections/meeting/kiosk_thanks.html"
