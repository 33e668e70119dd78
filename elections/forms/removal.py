"""Forms of 二(六) leaving: the unit's notice, then the committee's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import StyledForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RemovalStartForm(StyledForm):
    notice = forms.FileField(
        label=_("the unit's written notice"), help_text=_("PDF, JPG or PNG, at most 10 MB.")
    )
    notice_on = forms.DateField(label=_("notice dated"), widget=DATE)
    reason = forms.CharField(label=_("reason for leaving"), max_length=200)


class RemovalDecideForm(StyledForm):
    resolution = forms.ModelChoiceField(
        label=_("resolution of a committee meeting"),
        queryset=None,
        required=False,
        help_text=_("When the committee decided it at a meeting recorded here."),
    )
    decision_ref = forms.CharField(
        label=_("committee decision reference"),
        max_length=80,
        required=False,
        help_text=_("Left empty, the resolution's number."),
    )
    decided_on = forms.DateField(label=_("committee decided on"), widget=DATE)

    def __init__(self, *args, resolutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = resolutions
