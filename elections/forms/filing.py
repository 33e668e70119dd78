"""Forms of steps 11–12: filing the result, deciding a filing, recording the founding meeting."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elections.models import Category
from elections.tally import WRITE_IN
from organizations.forms import PersonChoiceField, StyledForm


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
    """The date, and for each written-in winner not yet matched, who that party member is."""

    held_on = forms.DateField(
        label=_("Date of the founding meeting"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, write_ins=(), people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.write_ins = {}
        for index, (category, key) in enumerate(write_ins):
            name = key[len(WRITE_IN) :]
            field = f"write_in_{index}"
            self.write_ins[field] = (category, key)
            self.fields[field] = PersonChoiceField(
                label=_("Written-in winner “%(name)s” (%(category)s) is")
                % {"name": name, "category": Category(category).label},
                queryset=people,
                help_text=_("Choose the party member of the community this name means."),
            )

    def matches(self) -> list[tuple[str, str, object]]:
        """(category, key, person) for each written-in winner matched on this form."""
        return [(*self.write_ins[f], self.cleaned_data[f]) for f in self.write_ins]
