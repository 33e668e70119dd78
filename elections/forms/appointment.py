"""委任 form: who is appointed to which grid or building post, and who recommended them."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elections.actions.appointment import APPOINTED_KINDS
from organizations import rules
from organizations.forms import ExceptionReasonForm, PersonChoiceField
from organizations.models import OrgNode, PartyMember, PostKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AppointmentForm(ExceptionReasonForm):
    """The person and the post, the area's recommendation, the committee's decision."""

    person = PersonChoiceField(label=_("person appointed"), queryset=PartyMember.objects)
    kind = forms.ChoiceField(label=_("post"))
    recommenders = forms.ModelMultipleChoiceField(
        label=_("recommended by (party members of the area)"),
        queryset=PartyMember.objects,
        widget=forms.CheckboxSelectMultiple,
    )
    decision_ref = forms.CharField(label=_("committee decision reference"), max_length=80)
    appointed_on = forms.DateField(label=_("appointed on"), initial=timezone.localdate, widget=DATE)

    def __init__(self, *args, node: OrgNode, people, area_people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["recommenders"].queryset = area_people
        self.fields["recommenders"].label_from_instance = lambda p: f"{p.name} · {p.node}"
        self.fields["kind"].choices = [
            (value, label)
            for value, label in PostKind.choices
            if value in APPOINTED_KINDS and rules.POST_LEVEL[rules.Kind(value)] == node.kind
        ]
        self.keep_reason_if_asked()

    def action_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("needs_reason", None)
        data["override_reason"] = data.pop("reason", "")
        return data
