"""Forms of joint meetings, visits (M4) and training of grid staff (M5)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from organizations.forms import StyledForm
from organizations.models import PartyMember

FIRST_YEAR, LAST_YEAR = 2000, 2100


def validate_year(day):
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def date_field():
    return forms.DateField(
        label=_("Date"),
        validators=[validate_year],
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class JointMeetingForm(StyledForm):
    date = date_field()
    place = forms.CharField(label=_("Place"), max_length=200)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=4000,
        help_text=_("One item a line"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units invited"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["units"].initial = list(units)


class JointRecordForm(StyledForm):
    """Minutes and resolutions, and for each invited unit: attended, who came."""

    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    resolutions = forms.CharField(
        label=_("Resolutions"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, meeting=None, **kwargs):
        kwargs.setdefault(
            "initial", {"minutes": meeting.minutes, "resolutions": meeting.resolutions}
        )
        super().__init__(*args, **kwargs)
        self.invitations = list(
            meeting.invitations.select_related("unit").prefetch_related("members")
        )
        for invitation in self.invitations:
            pk, unit = invitation.pk, invitation.unit
            self.fields[f"attended_{pk}"] = forms.BooleanField(
                label=_("%(unit)s attended") % {"unit": unit.name},
                required=False,
                initial=invitation.attended,
            )
            self.fields[f"participants_{pk}"] = forms.CharField(
                label=_("Who took part for %(unit)s") % {"unit": unit.name},
                max_length=200,
                required=False,
                initial=invitation.participants,
            )
            self.fields[f"members_{pk}"] = forms.ModelMultipleChoiceField(
                label=_("Party members of %(unit)s who took part") % {"unit": unit.name},
                queryset=PartyMember.objects.filter(workplace=unit).order_by("name", "pk"),
                required=False,
                initial=[m.pk for m in invitation.members.all()],
                widget=forms.CheckboxSelectMultiple,
            )

    def attendance(self) -> dict:
        data = self.cleaned_data
        return {
            i.pk: (data[f"attended_{i.pk}"], data[f"participants_{i.pk}"], data[f"members_{i.pk}"])
            for i in self.invitations
        }


class VisitForm(StyledForm):
    date = date_field()
    unit = forms.ModelChoiceField(label=_("Member unit"), queryset=None)
    visitors = forms.CharField(label=_("Visited by"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), max_length=200)
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class TrainingForm(StyledForm):
    date = date_field()
    topic = forms.CharField(label=_("Topic"), max_length=200)
    trainer = forms.CharField(label=_("Trainer"), max_length=100)
    level = forms.CharField(
        label=_("Level and type"),
        max_length=100,
        required=False,
        help_text=_("For example: grid leaders; new grid staff; petition handling"),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    trainees = forms.ModelMultipleChoiceField(
        label=_("Grid staff invited"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainees"].queryset = staff
        self.fields["trainees"].initial = list(staff)
