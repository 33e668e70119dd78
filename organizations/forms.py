"""Forms of the organisation pages: they parse and validate; the writes are in actions.py.

Model forms are used for their fields and validation only (the views pass `cleaned_data` to an
action, never call `form.save()`); the choices of every related field are limited by the view
to what the user may write.
"""

from __future__ import annotations

import copy
import datetime

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import (
    Household,
    MemberUnit,
    OrgNode,
    PartyMember,
    PostKind,
    PostSource,
    Role,
    ServiceRecipient,
)

MAX_MAP_BYTES = 5 * 1024 * 1024


def date_widget():
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def add_action_errors(form: forms.Form, error: ValidationError) -> None:
    """Show an action's ValidationError on the form: on its field when it names one we show."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        visible = field in form.fields and not form.fields[field].widget.is_hidden
        form.add_error(field if visible else None, errors)


class StyledForm(forms.Form):
    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels stand on their own line
        super().__init__(*args, **kwargs)


class StyledModelForm(forms.ModelForm):
    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# ---------------------------------------------------------------------------------------------
# Nodes

_NODE_FIELDS_BY_KIND = {
    rules.GRID: ("name", "boundary", "map_image"),
    rules.BUILDING: ("name", "address"),
    rules.HOUSEHOLD: ("name", "address"),
}


class NodeForm(StyledModelForm):
    """A node's own fields; which ones are shown depends on its level."""

    class Meta:
        model = OrgNode
        fields = ["name", "boundary", "address", "map_image"]
        widgets = {"boundary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, kind: int, **kwargs):
        super().__init__(*args, **kwargs)
        keep = _NODE_FIELDS_BY_KIND.get(kind, ("name",))
        for name in list(self.fields):
            if name not in keep and name != "kind":
                del self.fields[name]

    def clean_map_image(self):
        image = self.cleaned_data.get("map_image")
        if image and getattr(image, "size", 0) > MAX_MAP_BYTES:
            raise ValidationError(
                _("The map image is too large; please upload one of at most %(mb)d MB."),
                params={"mb": MAX_MAP_BYTES // (1024 * 1024)},
            )
        return image

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}


class NodeCreateForm(NodeForm):
    # The level is implied by the parent; it travels with the form so that the action, which
    # holds the rule, is the one to refuse a level that skips one.
    kind = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, parent: OrgNode, **kwargs):
        kwargs.setdefault("initial", {})["kind"] = parent.kind + 1
        super().__init__(*args, kind=parent.kind + 1, **kwargs)


# ---------------------------------------------------------------------------------------------
# People


class MemberForm(StyledModelForm):
    class Meta:
        model = PartyMember
        fields = [
            "name",
            "gender",
            "birth_date",
            "phone",
            "resident_id",
            "party_status",
            "joined_on",
            "category",
            "workplace",
            "node",
            "relationship_held_at",
        ]
        widgets = {"birth_date": date_widget(), "joined_on": date_widget()}
        help_texts = {
            "resident_id": _("18 characters; the last may be X."),
            "node": _("A building group or a party-member household."),
        }

    # On an existing member these are never filled in: the form would be a full view of them
    # that the audit log does not see. Left empty, they keep their value.
    SENSITIVE = ("resident_id", "phone")

    def __init__(self, *args, homes, workplaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = homes
        self.fields["workplace"].queryset = workplaces
        if self.instance.pk:
            for name in self.SENSITIVE:
                self.initial[name] = ""
                field = self.fields[name]
                field.required = False
                field.widget.attrs["placeholder"] = getattr(self.instance, f"masked_{name}")
                field.help_text = _("Leave empty to keep the current value.")

    def _keep_or_clean(self, name: str, value: str) -> str:
        value = (value or "").strip()
        if not value and self.instance.pk:
            return getattr(self.instance, name)
        return value

    def clean_resident_id(self):
        return self._keep_or_clean("resident_id", self.cleaned_data["resident_id"]).upper()

    def clean_phone(self):
        return self._keep_or_clean("phone", self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        birth, joined, resident_id = (
            data.get("birth_date"),
            data.get("joined_on"),
            data.get("resident_id"),
        )
        if (
            birth
            and resident_id
            and rules.resident_id_problem(resident_id) is None
            and resident_id[6:14] != birth.strftime("%Y%m%d")
        ):
            self.add_error(
                "birth_date",
                ValidationError(
                    _("The birth date does not match the ID number (%(digits)s)."),
                    params={"digits": resident_id[6:14]},
                ),
            )
        if birth and joined and joined <= birth:
            self.add_error("joined_on", _("The party joining date must be after the birth date."))
        if joined and joined > timezone.localdate():
            self.add_error("joined_on", _("The party joining date cannot be in the future."))
        return data


class HouseholdForm(StyledModelForm):
    class Meta:
        model = Household
        fields = ["address", "head_name", "people_count"]


class RecipientForm(StyledModelForm):
    class Meta:
        model = ServiceRecipient
        fields = ["name", "kind", "household", "needs"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


# ---------------------------------------------------------------------------------------------
# Member units


class UnitForm(StyledModelForm):
    class Meta:
        model = MemberUnit
        fields = [
            "name",
            "kind",
            "superior",
            "registered_on",
            "secretary_name",
            "deputy_names",
            "contact_name",
            "contact_phone",
            "member_count",
        ]
        widgets = {"registered_on": date_widget()}
        help_texts = {
            "superior": _("The unit keeps its own superior organisation; it is only linked here."),
            "deputy_names": _("Separate several names with commas."),
        }


class UnitCreateForm(UnitForm):
    linked_on = forms.DateField(
        label=_("linked to this committee on"), initial=timezone.localdate, widget=date_widget()
    )


class UnitLinkForm(StyledForm):
    committee = forms.ModelChoiceField(label=_("community committee"), queryset=OrgNode.objects)
    linked_on = forms.DateField(
        label=_("linked since"), initial=timezone.localdate, widget=date_widget()
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


# ---------------------------------------------------------------------------------------------
# Posts


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.node}"


class ExceptionReasonForm(StyledForm):
    """A form that starts a post: after a broken norm it comes back asking for a reason, kept
    with the post and in the audit log. Subclasses call `keep_reason_if_asked()` last in
    `__init__`."""

    reason = forms.CharField(
        label=_("reason for the exception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It is kept with the post and in the audit log."),
    )
    needs_reason = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def keep_reason_if_asked(self) -> None:
        if not self.asks_reason:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True
        # After the subclass's own fields, as the reason is asked last.
        self.order_fields([n for n in self.fields if n not in ("reason", "needs_reason")])

    @property
    def asks_reason(self) -> bool:
        return self.is_bound and self.data.get(self.add_prefix("needs_reason")) in ("True", "on")

    def ask_for_reason(self) -> None:
        """Show the reason field on the next rendering (the data stays as the user typed it)."""
        self.data = self.data.copy()
        self.data[self.add_prefix("needs_reason")] = "True"
        self.fields["reason"] = copy.deepcopy(ExceptionReasonForm.base_fields["reason"])
        self.fields["reason"].required = True
        self.order_fields([n for n in self.fields if n not in ("reason", "needs_reason")])


class PostStartForm(ExceptionReasonForm):
    """Start a post. After a broken norm the form comes back asking for a reason."""

    person = PersonChoiceField(label=_("person"), queryset=PartyMember.objects)
    kind = forms.ChoiceField(label=_("post"))
    source = forms.ChoiceField(label=_("how they came"), choices=PostSource.choices)
    started_on = forms.DateField(label=_("start"), initial=timezone.localdate, widget=date_widget())
    decision_ref = forms.CharField(label=_("decision reference"), max_length=80, required=False)
    concurrent_branch_post = forms.BooleanField(
        label=_("holds the same post in the community party organisation"), required=False
    )

    def __init__(self, *args, node: OrgNode, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["kind"].choices = [
            (value, label)
            for value, label in PostKind.choices
            if rules.POST_LEVEL[rules.Kind(value)] == node.kind
        ]
        self.keep_reason_if_asked()

    def action_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("needs_reason", None)
        data["override_reason"] = data.pop("reason", "")
        return data


class PostEndForm(StyledForm):
    ended_on = forms.DateField(label=_("end"), initial=timezone.localdate, widget=date_widget())
    reason = forms.CharField(label=_("reason for leaving"), max_length=200)

    def clean_ended_on(self):
        value = self.cleaned_data["ended_on"]
        if value > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError(_("Please enter a date within the next year."))
        return value


# ---------------------------------------------------------------------------------------------
# Roles


class RoleGrantForm(StyledForm):
    """Grant a role on a node to an existing login or to a new one made with it.

    The roles offered are those the granting user may grant there (access.grantable_roles);
    the action checks again.
    """

    EXISTING, NEW = "existing", "new"

    role = forms.ChoiceField(label=_("role"))
    unit = forms.ModelChoiceField(
        label=_("member unit"),
        queryset=MemberUnit.objects,
        required=False,
        help_text=_("For a unit contact only: the unit whose party organisation they speak for."),
    )
    login = forms.ChoiceField(
        label=_("login"),
        choices=[(EXISTING, _("an existing login")), (NEW, _("a new login"))],
        initial=EXISTING,
        widget=forms.RadioSelect,
    )
    username = forms.CharField(label=_("username"), max_length=150)
    full_name = forms.CharField(
        label=_("full name"),
        max_length=150,
        required=False,
        help_text=_("For a new login only."),
    )
    password = forms.CharField(
        label=_("temporary password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "For a new login only. Please give it to the person in private; they change it "
            "after logging in."
        ),
    )

    def __init__(self, *args, roles: list[str], units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
        if Role.UNIT_CONTACT in roles:
            self.fields["unit"].queryset = units
        else:
            del self.fields["unit"]

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.UNIT_CONTACT and not data.get("unit"):
            self.add_error("unit", _("Please choose the unit this contact speaks for."))
        if data.get("role") != Role.UNIT_CONTACT:
            data["unit"] = None
        username = data.get("username", "").strip()
        if not username:
            return data
        users = get_user_model()._default_manager
        if data.get("login") == self.NEW:
            self._clean_new_login(data, username, users)
        else:
            data["user"] = users.filter(username=username).first()
            if data["user"] is None:
                self.add_error(
                    "username",
                    ValidationError(
                        _("There is no login with the username %(username)s."),
                        params={"username": username},
                    ),
                )
        return data

    def _clean_new_login(self, data, username, users) -> None:
        data["user"] = None
        if users.filter(username__iexact=username).exists():
            self.add_error(
                "username",
                ValidationError(
                    _("The username %(username)s is already taken."),
                    params={"username": username},
                ),
            )
        if not data.get("full_name", "").strip():
            self.add_error("full_name", _("Please enter the full name of the new login's holder."))
        password = data.get("password", "")
        if not password:
            self.add_error("password", _("Please set a temporary password for the new login."))
            return
        candidate = users.model(username=username, first_name=data.get("full_name", ""))
        try:
            password_validation.validate_password(password, candidate)
        except ValidationError as weak:
            self.add_error("password", weak)
