from __future__ import annotations

from django import forms
from django.conf import settings
from django.core import validators
from django.utils.translation import gettext_lazy as _

from organizations.forms import StyledForm

from .models import MatterKind, Need, VisitKind


def limit(key: str) -> int:
    return settings.DAJIWEI_RESIDENTS[key]


class GridCardForm(StyledForm):
    service_hours = forms.CharField(
        label=_("Service hours"),
        max_length=200,
        required=False,
        help_text=_("For example: Monday to Friday 8:30–17:30, Saturday morning."),
    )


class ContactCardForm(StyledForm):
    duties = forms.CharField(label=_("Duties"), max_length=300, required=False)
    photo = forms.ImageField(label=_("Photo"), required=False)
    clear_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > limit("photo_max_kb") * 1024:
            raise forms.ValidationError(
                _("The photo is larger than %(kb)d KB.") % {"kb": limit("photo_max_kb")}
            )
        return photo


class MatterForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=MatterKind.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}))
    contact = forms.CharField(
        label=_("Contact (optional)"),
        required=False,
        max_length=60,
        help_text=_("A phone number if you want to be called back."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["description"]
        field.min_length = limit("description_min_chars")
        field.max_length = limit("description_max_chars")
        field.validators += [
            validators.MinLengthValidator(field.min_length),
            validators.MaxLengthValidator(field.max_length),
        ]
        field.widget.attrs["maxlength"] = str(field.max_length)


class StaffMatterForm(MatterForm):
    node = forms.ModelChoiceField(label=_("Handled at"), queryset=None)

    def __init__(self, *args, nodes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes


class TicketForm(StyledForm):
    ticket = forms.CharField(label=_("Ticket code"), max_length=20)


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class AnswerForm(StyledForm):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    close = forms.BooleanField(label=_("Close the matter"), required=False, initial=True)


class NeedsForm(StyledForm):
    needs = forms.MultipleChoiceField(
        label=_("Needs"), choices=Need.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class VisitForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=VisitKind.choices)
    need = forms.ChoiceField(
        label=_("Need served"), choices=[("", "—"), *Need.choices], required=False
    )
    visited_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
