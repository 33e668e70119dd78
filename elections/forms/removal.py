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
    decision_ref = forms.CharField(label=_("committee decision reference"), max_length=80)
    decided_on = forms.DateField(label=_("committee decided on"), widget=DATE)
