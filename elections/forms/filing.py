"""Forms of steps 11–12: filing the result, deciding a filing, recording the founding meeting."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import StyledForm


class ResultFileForm(StyledForm):
    """Nothing to fill in: the page shows what goes to the street; the button sends it."""


class FilingDecisionForm(StyledForm):
    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return with a reason"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning: say what to correct."),
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE


class FoundingForm(StyledForm):
    held_on = forms.DateField(
        label=_("Date of the founding meeting"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
