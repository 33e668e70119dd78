"""Paper ballots entered twice by two tellers; sheets whose entries disagree, and corrections."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from elections import actions
from elections.forms.meeting import PaperEntryForm
from elections.models import RoundState
from elections.selectors import meeting as selectors
from elections.tally import WRITE_IN, is_write_in
from elections.views.meeting_base import RoundPageMixin
from organizations import access
from organizations.forms import add_action_errors
from organizations.views.base import client_ip


class PaperEntryView(RoundPageMixin, FormView):
    """Only tellers see the form and the entries; the action checks the teller again."""

    permission = access.VIEW
    template_name = "elections/meeting/paper.html"
    form_class = PaperEntryForm

    def dispatch(self, request, *args, **kwargs):
        self.own_entry = None
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def is_teller(self) -> bool:
        return selectors.teller_role(self.election, self.request.user) is not None

    @cached_property
    def candidates(self):
        return selectors.ballot_candidates(self.object)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(candidates=self.candidates, seats=self.object.seats)
        sheet = self.request.GET.get("correct", "")
        if self.request.method == "GET" and sheet.isdigit():
            self.own_entry = self.object.paper_entries.filter(
                sheet=int(sheet), entered_by=self.request.user
            ).first()
            if self.own_entry is not None:
                listed = {str(n.pk) for n in self.candidates}
                written = PaperEntryForm.written(self.own_entry, listed)
                kwargs["initial"] = PaperEntryForm.initial_for(self.own_entry, listed)
                kwargs["seats"] = max(self.object.seats, len(written))
        return kwargs

    def form_valid(self, form):
        data, round_ = form.cleaned_data, self.object
        step = actions.paper_correct if data["correct"] else actions.paper_enter
        if (
            data["correct"]
            and not round_.paper_entries.filter(
                sheet=data["sheet"], slot=data["slot"], entered_by=self.request.user
            ).exists()
        ):
            form.add_error(None, _("You have made no such entry to correct."))
            return self.form_invalid(form)
        try:
            step(
                actor=self.request.user,
                round_=round_,
                sheet=data["sheet"],
                slot=data["slot"],
                marks=form.marks(),
                ip=client_ip(self.request),
            )
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Sheet %(sheet)d has been entered.") % {"sheet": data["sheet"]}
        )
        return HttpResponseRedirect(self.request.path)

    def post(self, request, *args, **kwargs):
        if self.object.state != RoundState.OPEN:
            messages.error(request, _("This round is closed."))
            return HttpResponseRedirect(request.path)
        if not self.is_teller:
            messages.error(request, _("Only a teller of this election enters ballots."))
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)

    def correcting(self, form) -> int | None:
        """The sheet whose entry the form corrects, if it does."""
        if self.own_entry is not None:
            return self.own_entry.sheet
        cleaned = getattr(form, "cleaned_data", {}) if form is not None else {}
        return cleaned.get("sheet") if cleaned.get("correct") else None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())  # first: it finds the entry to correct
        round_ = self.object
        is_teller = self.is_teller
        names = {str(n.pk): n.nominee.name for n in self.candidates}
        sheets = selectors.paper_sheets(round_) if is_teller else {}
        mismatches = actions.paper_mismatches(round_)
        kwargs.update(
            is_teller=is_teller,
            is_open=round_.state == RoundState.OPEN,
            correcting=self.correcting(kwargs.get("form")),
            entered=round_.paper_entries.values("sheet").distinct().count(),
            mismatches=[
                (sheet, [_entry_view(sheets[sheet].get(slot), names) for slot in (1, 2)])
                for sheet in mismatches
                if is_teller
            ],
            mismatch_numbers=mismatches,
        )
        return super().get_context_data(**kwargs)


def _entry_view(entry, names: dict[str, str]) -> dict | None:
    """One entry of a sheet, with names for ids, for the tellers' comparison."""
    if entry is None:
        return None
    marks = [
        names[m]
        if m in names  # a nominee, or a written-in name listed on a run-off's ballot
        else _("%(name)s (written in)") % {"name": m[len(WRITE_IN) :]}
        if is_write_in(m)
        else m
        for m in entry.marks
    ]
    return {"entry": entry, "marks": marks}
