"""The meeting console: open the meeting (B1), then run each round of the vote.

Ticking voters in happens on the roll page (elections:roll); this page links to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from elections import actions, rules
from elections.forms.meeting import CodeIssueForm, PaperIssueForm
from elections.models import Election, Round, RoundState, Stage
from elections.selectors import meeting as selectors
from elections.views.meeting_base import ActionPostView, ElectionPageMixin, console_url


@dataclass
class RoundPanel:
    round: Round
    code_form: CodeIssueForm | None
    paper_form: PaperIssueForm | None
    mismatches: list[int]
    result: dict | None
    rows: list


def round_panel(round_: Round) -> RoundPanel:
    """What the console shows of one round; the count only once it is signed off."""
    is_open = round_.state == RoundState.OPEN
    result, rows = selectors.named_result(round_)
    ids = f"id_r{round_.pk}_%s"  # several rounds' forms on one page
    return RoundPanel(
        round=round_,
        code_form=CodeIssueForm(voters=selectors.voters_without_code(round_), auto_id=ids)
        if is_open
        else None,
        paper_form=PaperIssueForm(initial={"issued": round_.issued}, auto_id=ids)
        if is_open
        else None,
        mismatches=actions.paper_mismatches(round_) if is_open else [],
        result=result,
        rows=[row for row in rows if row.elected],
    )


class MeetingConsoleView(ElectionPageMixin, TemplateView):
    template_name = "elections/meeting/console.html"

    def get_context_data(self, **kwargs):
        election = self.election
        due, present = actions.attendance(election)
        kiosk = reverse("elections:kiosk", kwargs={"public_id": election.public_id})
        kwargs.update(
            due=due,
            present=present,
            needed=rules.quorum_needed(due),
            may_open=election.stage == Stage.PUBLICITY,
            panels=[round_panel(r) for r in selectors.rounds_so_far(election)],
            is_chief=selectors.is_chief_scrutineer(election, self.request.user),
            kiosk_url=self.request.build_absolute_uri(kiosk),
        )
        return super().get_context_data(**kwargs)


class MeetingOpenView(ActionPostView):
    """Open the vote: B1 refuses with the numbers when too few have checked in."""

    scope_queryset = Election.objects.all()
    success_message = _("The meeting is open; voting has started in each category.")

    def perform(self):
        actions.meeting_open(actor=self.actor, election=self.object, ip=self.ip)

    def get_success_url(self):
        return console_url(self.object)
