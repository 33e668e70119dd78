"""Forms of co-building and funds; amounts are typed in yuan."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.forms import StyledForm

from .models import CommitmentKind, Direction, Fulfilment, OpeningKind, SignupMode

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
UPLOAD_HELP = _("PDF, JPG or PNG, at most 10 MB.")


FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the funds pages open (views._year)


def _within_the_years(day):
    """A date outside the years the funds pages show would be filed where nobody sees it."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def _year_field():
    return forms.IntegerField(
        label=_("year"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )


class RegistrationForm(StyledForm):
    committee = forms.ModelChoiceField(label=_("community committee"), queryset=None)
    registered_on = forms.DateField(label=_("registered on"), widget=DATE)

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class CommitmentForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("member unit"), queryset=None)
    year = _year_field()
    direction = forms.ChoiceField(label=_("direction"), choices=Direction.choices)
    kind = forms.ChoiceField(label=_("kind"), choices=CommitmentKind.choices)
    description = forms.CharField(label=_("what is promised"), widget=forms.Textarea)
    amount = forms.DecimalField(
        label=_("amount (yuan)"), required=False, min_value=0, decimal_places=2, max_digits=12
    )
    opening_hours = forms.CharField(
        label=_("opening hours (venues)"), required=False, max_length=120
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class UnitCommitmentForm(CommitmentForm):
    """A unit's own contact records a commitment with one of the unit's linked committees."""

    committee = forms.ModelChoiceField(label=_("community committee"), queryset=None)
    field_order = ["committee"]

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, units=None, **kwargs)
        del self.fields["unit"]
        self.fields["committee"].queryset = committees
        self.order_fields(self.field_order)


class FulfilmentForm(StyledForm):
    status = forms.ChoiceField(label=_("fulfilment"), choices=Fulfilment.choices)
    note = forms.CharField(label=_("note"), required=False, max_length=200)
    evidence = forms.FileField(label=_("evidence"), required=False, help_text=UPLOAD_HELP)


class AgreementForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("member unit"), queryset=None)
    year = _year_field()
    goals = forms.CharField(label=_("goals"), widget=forms.Textarea)
    community_tasks = forms.CharField(
        label=_("what the community does"), widget=forms.Textarea, required=False
    )
    unit_tasks = forms.CharField(
        label=_("what the unit does"), widget=forms.Textarea, required=False
    )
    resolution = forms.ModelChoiceField(
        label=_("resolution of a committee meeting"), queryset=None, required=False
    )

    def __init__(self, *args, units, resolutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["resolution"].queryset = resolutions


class SignForm(StyledForm):
    signed_on = forms.DateField(label=_("signed on"), widget=DATE)
    signed_scan = forms.FileField(label=_("signed copy"), required=False, help_text=UPLOAD_HELP)


class ProjectForm(StyledForm):
    title = forms.CharField(label=_("project"), max_length=160)
    owner = forms.CharField(label=_("owner"), max_length=80)
    deadline = forms.DateField(label=_("deadline"), widget=DATE)


class ProgressForm(StyledForm):
    progress = forms.IntegerField(label=_("progress (%)"), min_value=0, max_value=100)
    progress_note = forms.CharField(label=_("progress note"), required=False, max_length=200)


class IncomeForm(StyledForm):
    amount = forms.DecimalField(label=_("amount (yuan)"), decimal_places=2, max_digits=12)
    source = forms.CharField(label=_("source"), max_length=120, initial=_("Party-fee subsidy"))
    received_on = forms.DateField(
        label=_("received on"), widget=DATE, validators=[_within_the_years]
    )


class SpendForm(StyledForm):
    amount = forms.DecimalField(label=_("amount (yuan)"), decimal_places=2, max_digits=12)
    purpose = forms.CharField(label=_("purpose"), max_length=200)
    spent_on = forms.DateField(label=_("date"), widget=DATE, validators=[_within_the_years])
    activity = forms.CharField(label=_("activity"), max_length=200, required=False)
    receipt = forms.FileField(label=_("receipt"), required=False, help_text=UPLOAD_HELP)


class DecideForm(StyledForm):
    approve = forms.TypedChoiceField(
        label=_("decision"),
        choices=[("1", _("Approve")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
    )


class DualRegistrationForm(StyledForm):
    choice = forms.ChoiceField(label=_("community"))
    registered_on = forms.DateField(label=_("registered on"), widget=DATE)
    skills = forms.CharField(label=_("skills"), required=False, max_length=200)
    preferred_service = forms.CharField(
        label=_("preferred service post"), required=False, max_length=200
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_key = {f"{c.pk}:{basis}": (c, basis) for c, basis in choices}
        labels = {"home": _("where I live"), "work": _("where I work")}
        self.fields["choice"].choices = [
            (key, f"{c.name} ({labels[basis]})") for key, (c, basis) in self.by_key.items()
        ]
        self.fields["registered_on"].initial = timezone.localdate()


class OpeningForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind"), choices=OpeningKind.choices)
    title = forms.CharField(label=_("title"), max_length=160)
    description = forms.CharField(label=_("description"), widget=forms.Textarea, required=False)
    place = forms.CharField(label=_("place"), max_length=160, required=False)
    schedule = forms.CharField(label=_("when"), max_length=160, required=False)


class SignupForm(StyledForm):
    mode = forms.ChoiceField(label=_("how"), choices=SignupMode.choices)
    group_name = forms.CharField(
        label=_("group"),
        max_length=120,
        required=False,
        help_text=_("Leave empty when serving alone."),
    )


class RecordForm(StyledForm):
    node = forms.ModelChoiceField(label=_("where"), queryset=None)
    opening = forms.ModelChoiceField(label=_("post or project"), queryset=None, required=False)
    served_on = forms.DateField(label=_("date"), widget=DATE)
    hours = forms.DecimalField(label=_("hours"), max_digits=4, decimal_places=1)
    description = forms.CharField(label=_("what was done"), max_length=200)

    def __init__(self, *args, places, openings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = places
        self.fields["opening"].queryset = openings


class ConfirmForm(StyledForm):
    confirm = forms.TypedChoiceField(
        label=_("decision"),
        choices=[("1", _("Confirm")), ("0", _("Do not confirm"))],
        coerce=lambda v: v == "1",
    )


class CommendationForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("member unit"), queryset=None)
    year = _year_field()
    title = forms.CharField(label=_("commendation"), max_length=160)
    decided_on = forms.DateField(label=_("decided on"), widget=DATE)
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
