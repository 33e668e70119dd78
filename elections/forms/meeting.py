"""Forms of the meeting day: kiosk codes, paper ballots handed out and entered, the ballot.

A ballot's value is its ○ marks only (documents.md, 选票): the ids of the candidates marked ○
and `tally.write_in(name)` for each name written in and marked ○. × and no mark are not votes;
a name written in without ○ counts for nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from django import forms
from django.utils.translation import gettext_lazy as _

from elections.models import Nomination
from elections.selectors import WrittenIn
from elections.tally import WRITE_IN, is_write_in, write_in
from organizations.forms import StyledForm

FOR, AGAINST, ABSTAIN = "for", "against", ""


class CodeIssueForm(StyledForm):
    entry = forms.ModelChoiceField(label=_("Voter"), queryset=None)

    def __init__(self, *args, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = voters
        self.fields["entry"].label_from_instance = lambda entry: entry.person.name


class PaperIssueForm(StyledForm):
    issued = forms.IntegerField(
        label=_("Paper ballots handed out"),
        min_value=0,
        help_text=_("This replaces the number of ballots issued in this round."),
    )


class KioskCodeForm(StyledForm):
    code = forms.CharField(label=_("Your voting code"), max_length=32, strip=True)


class _WriteIns:
    """Write-in rows (另选他人): a name and its ○; `write_in_count` rows, numbered from 1."""

    def add_write_in_fields(self, count: int) -> None:
        self.write_in_count = count
        for i in range(1, count + 1):
            self.fields[f"write_in_{i}"] = forms.CharField(
                label=_("Other person %(number)d") % {"number": i},
                max_length=60,
                required=False,
            )
            self.fields[f"write_in_{i}_for"] = forms.BooleanField(label="○", required=False)

    def write_in_rows(self):
        return [
            (self[f"write_in_{i}"], self[f"write_in_{i}_for"])
            for i in range(1, self.write_in_count + 1)
        ]

    def write_in_marks(self) -> list[str]:
        data = self.cleaned_data
        return [
            write_in(data[f"write_in_{i}"])
            for i in range(1, self.write_in_count + 1)
            if data.get(f"write_in_{i}_for") and "".join(data[f"write_in_{i}"].split())
        ]


class BallotForm(_WriteIns, StyledForm):
    """The kiosk ballot: ○, × or no mark for each candidate, in the order given."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=32)

    def __init__(self, *args, candidates: list[Nomination | WrittenIn], write_ins: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        choices = [(FOR, _("○ For")), (AGAINST, _("× Against")), (ABSTAIN, _("Abstain"))]
        for nomination in candidates:
            self.fields[f"c{nomination.pk}"] = forms.ChoiceField(
                label=nomination.nominee.name,
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial=ABSTAIN,
            )
        self.add_write_in_fields(write_ins)

    def candidate_rows(self):
        return [(n, self[f"c{n.pk}"]) for n in self.candidates]

    def marks(self) -> list[str]:
        chosen = [str(n.pk) for n in self.candidates if self.cleaned_data.get(f"c{n.pk}") == FOR]
        return chosen + self.write_in_marks()


class PaperEntryForm(_WriteIns, StyledForm):
    """One returned paper sheet as a teller reads it: its number and its ○ marks."""

    sheet = forms.IntegerField(label=_("Sheet number"), min_value=1)
    slot = forms.TypedChoiceField(
        label=_("Entry"),
        choices=[(1, _("first entry")), (2, _("second entry"))],
        coerce=int,
        widget=forms.RadioSelect,
    )
    marked = forms.MultipleChoiceField(
        label=_("Marked ○"), widget=forms.CheckboxSelectMultiple, required=False
    )
    correct = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, candidates: list[Nomination | WrittenIn], seats: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marked"].choices = [(str(n.pk), n.nominee.name) for n in candidates]
        self.add_write_in_fields(seats)

    def marks(self) -> list[str]:
        return list(self.cleaned_data["marked"]) + self.write_in_marks()

    @staticmethod
    def written(entry, listed: Collection[str]) -> list[str]:
        """The names an entry has in the 另选他人 rows: its write-ins not listed on the ballot
        (a run-off lists the written-in names tied for the last seat, B6)."""
        return [m[len(WRITE_IN) :] for m in entry.marks if is_write_in(m) and m not in listed]

    @classmethod
    def initial_for(cls, entry, listed: Collection[str] = ()) -> dict:
        """The form filled with a teller's earlier entry, to correct it; `listed` are the keys
        of the ballot's rows."""
        initial = {
            "sheet": entry.sheet,
            "slot": entry.slot,
            "correct": True,
            "marked": [m for m in entry.marks if not is_write_in(m) or m in listed],
        }
        names = cls.written(entry, listed)
        for i, name in enumerate(names, start=1):
            initial[f"write_in_{i}"] = name
            initial[f"write_in_{i}_for"] = True
        return initial
