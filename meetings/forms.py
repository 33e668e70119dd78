from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import StyledForm, StyledModelForm

from .models import Attendance, ThemeDay


class ThemeDayForm(StyledModelForm):
    class Meta:
        model = ThemeDay
        fields = [
            "topic",
            "form",
            "form_other",
            "date",
            "start_time",
            "end_time",
            "place",
            "organiser",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = members


class MinutesForm(StyledForm):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 12}))


class CancelForm(StyledForm):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=200)


class InviteForm(StyledForm):
    member = forms.ModelChoiceField(label=_("Party member"), queryset=None)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class AttendanceForm(StyledModelForm):
    class Meta:
        model = Attendance
        fields = ["presence", "leave_reason", "makeup_on", "makeup_note"]
        widgets = {"makeup_on": forms.DateInput(attrs={"type": "date"})}


class PhotoForm(StyledForm):
    image = forms.FileField(
        label=_("Photo (JPEG or PNG)"),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class CommitteeMeetingForm(StyledModelForm):
    class Meta:
        from .models import CommitteeMeeting

        model = CommitteeMeeting
        fields = ["kind", "date", "start_time", "place", "agenda"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }


class ResolutionForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    votes_for = forms.IntegerField(label=_("For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstain"), min_value=0)


# The annual meeting (M3)


class AnnualMeetingForm(StyledForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(label=_("Place"), max_length=200)


class AnnualMeetingEditForm(StyledForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    work_report = forms.CharField(
        label=_("Work report"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    work_report_file = forms.FileField(
        label=_("Work report file (PDF or Word .docx)"), required=False
    )


class RepresentativesForm(StyledForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Representatives"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members


class DutyReportForm(StyledForm):
    report = forms.CharField(
        label=_("Duty report"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
