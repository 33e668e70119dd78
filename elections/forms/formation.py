"""Forms of the formation pages: they parse and validate; the steps' rules are in the actions.

Each view limits every choice to what its user may pick (the community's members, its linked
units); the action checks again and its ValidationError shows on the form.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from elections import rules
from elections.models import Background, Category, Nomination, Review, Route, TellerRole
from organizations import rules as org_rules
from organizations.forms import PersonChoiceField, StyledForm, date_widget
from organizations.models import MemberCategory, MemberUnit, OrgNode, PartyMember, PostKind


class ElectionForm(StyledForm):
    term = forms.CharField(label=_("term"), max_length=40, help_text=_("For example 2026—2031"))
    vacancy = forms.ModelChoiceField(
        label=_("vacancy refilled"),
        queryset=None,
        required=False,
        empty_label=_("none: a full election"),
        help_text=_("Choose a vacant seat only for a by-election of that one seat."),
    )

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = vacancies
        self.fields["vacancy"].label_from_instance = lambda post: (
            _("%(post)s, left by %(name)s on %(date)s")
            % {"post": post.get_kind_display(), "name": post.person.name, "date": post.ended_on}
        )


class ConfirmForm(StyledForm):
    """A step with nothing to fill in: the page explains it, the button takes it."""


# ---------------------------------------------------------------------------------------------
# 1–2. Direct entry and seats


class DirectEntryForm(StyledForm):
    person = PersonChoiceField(label=_("person"), queryset=PartyMember.objects)
    branch_post = forms.CharField(
        label=_("post in the community party organisation"),
        max_length=60,
        help_text=_("For example: secretary of the community party committee"),
    )
    post_kind = forms.ChoiceField(label=_("post on the committee"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["post_kind"].choices = [
            (value, label)
            for value, label in PostKind.choices
            if org_rules.POST_LEVEL[org_rules.Kind(value)] == org_rules.COMMITTEE
        ]


class SeatsForm(StyledForm):
    parttime_deputy = forms.IntegerField(
        label=Category.PARTTIME_DEPUTY.label, min_value=0, max_value=99
    )
    member = forms.IntegerField(label=Category.MEMBER.label, min_value=0, max_value=99)

    def seats(self, *, by_election: bool) -> dict[str, int]:
        """Seats per category; a by-election names only the category of its vacant seat."""
        seats = {
            Category.PARTTIME_DEPUTY: self.cleaned_data["parttime_deputy"],
            Category.MEMBER: self.cleaned_data["member"],
        }
        if by_election:
            seats = {category: n for category, n in seats.items() if n}
        return {str(category): n for category, n in seats.items()}


# ---------------------------------------------------------------------------------------------
# 3–4. Nominations and review


class NominationForm(StyledForm):
    """One nomination by one route: the route's own fields only."""

    category = forms.ChoiceField(
        label=pgettext_lazy("election", "category"), choices=Category.choices
    )
    nominee = PersonChoiceField(label=_("nominee"), queryset=PartyMember.objects)
    background = forms.ChoiceField(label=_("background"), choices=Background.choices)
    co_signers = forms.ModelMultipleChoiceField(
        label=_("co-signers"),
        queryset=PartyMember.objects,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    recommending_unit = forms.ModelChoiceField(
        label=_("recommending organisation"),
        queryset=MemberUnit.objects,
        required=False,
        help_text=_("The party organisation of a member unit of this community."),
    )
    by_branch = forms.BooleanField(label=_("recommended by the community branch"), required=False)
    statement = forms.CharField(
        label=_("reasons for the nomination"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, route, people, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.route = route
        self.fields["nominee"].queryset = people
        if route == Route.JOINT:
            self.fields["co_signers"].queryset = people
            self.fields["co_signers"].help_text = _(
                "Party members of this community; at least %(count)d besides the nominee."
            ) % {"count": rules.policy("joint_nomination_min_signers")}
        else:
            del self.fields["co_signers"]
        if route == Route.ORGANISATION:
            self.fields["recommending_unit"].queryset = units
        else:
            del self.fields["recommending_unit"]
            del self.fields["by_branch"]

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "category": data["category"],
            "nominee": data["nominee"],
            "route": self.route,
            "background": data["background"],
            "recommending_unit": data.get("recommending_unit"),
            "by_branch": data.get("by_branch", False),
            "co_signers": list(data.get("co_signers", ())),
            "statement": data["statement"],
        }


class NominationFilterForm(forms.Form):
    """The nomination list's filters (GET)."""

    category = forms.ChoiceField(
        label=pgettext_lazy("election", "category"),
        choices=[("", _("all")), *Category.choices],
        required=False,
    )
    route = forms.ChoiceField(
        label=_("route"), choices=[("", _("all")), *Route.choices], required=False
    )
    review = forms.ChoiceField(
        label=_("review"), choices=[("", _("all")), *Review.choices], required=False
    )

    def filter(self, nominations):
        if not self.is_valid():
            return nominations
        wanted = {k: v for k, v in self.cleaned_data.items() if v}
        return nominations.filter(**wanted)


class ReviewForm(StyledForm):
    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[(ACCEPT, Review.ACCEPTED.label), (REJECT, Review.REJECTED.label)],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("reason"),
        max_length=200,
        required=False,
        help_text=_("Required when the nominee is not qualified."),
    )

    @property
    def qualified(self) -> bool:
        return self.cleaned_data["decision"] == self.ACCEPT


# ---------------------------------------------------------------------------------------------
# 5. Publicity and objections


class PublicityForm(StyledForm):
    starts_on = forms.DateField(label=_("publicity from"), widget=date_widget())
    ends_on = forms.DateField(label=_("publicity until"), widget=date_widget())
    meeting_at = forms.DateTimeField(
        label=_("meeting time"),
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
    )
    meeting_place = forms.CharField(label=_("meeting place"), max_length=120)


class ObjectionForm(StyledForm):
    text = forms.CharField(label=_("objection"), widget=forms.Textarea(attrs={"rows": 4}))
    nomination = forms.ModelChoiceField(
        label=_("about the candidate"),
        queryset=Nomination.objects,
        required=False,
        empty_label=_("none in particular"),
    )

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations


class AnswerForm(StyledForm):
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 4}))


# ---------------------------------------------------------------------------------------------
# 6–7. Representatives, the roll, tellers


class RepresentativesForm(StyledForm):
    """The representatives as a whole; the grid and category only narrow what is shown."""

    people = forms.ModelMultipleChoiceField(
        label=_("representatives"),
        queryset=PartyMember.objects,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    grid = forms.ModelChoiceField(
        label=_("grid"), queryset=OrgNode.objects, required=False, empty_label=_("all")
    )
    category = forms.ChoiceField(
        label=_("category"), choices=[("", _("all")), *MemberCategory.choices], required=False
    )

    def __init__(self, *args, people, grids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["grid"].queryset = grids

    def chosen_ids(self) -> set[int]:
        """The ticked people as posted, before validation (for the live numbers)."""
        values = self.data.getlist(self.add_prefix("people")) if self.is_bound else []
        return {int(v) for v in values if str(v).isdigit()}


class RollAddForm(StyledForm):
    person = PersonChoiceField(
        label=_("unit party secretary or deputy"),
        queryset=PartyMember.objects,
        help_text=_("Party members of this community who work in one of its member units."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class ExcludeForm(StyledForm):
    reason = forms.CharField(
        label=_("reason for exclusion"),
        max_length=200,
        help_text=_("For example: in hospital, away on duty."),
    )


class TellersForm(StyledForm):
    """Up to ROWS tellers, each a person, a role and the login they enter ballots with."""

    ROWS = 6

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(self.ROWS):
            self.fields[f"person_{i}"] = PersonChoiceField(
                label=_("person"), queryset=people, required=False
            )
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=_("role"), choices=TellerRole.choices, required=False
            )
            self.fields[f"username_{i}"] = forms.CharField(
                label=_("login"), max_length=150, required=False
            )
            # The table's columns name the fields; each control still needs its own name.
            for name, label in (
                ("person", _("Teller %(number)d: person")),
                ("role", _("Teller %(number)d: role")),
                ("username", _("Teller %(number)d: login")),
            ):
                self.fields[f"{name}_{i}"].widget.attrs["aria-label"] = label % {"number": i + 1}

    def rows(self):
        """(person field, role field, username field) per row, for the template."""
        return [
            (self[f"person_{i}"], self[f"role_{i}"], self[f"username_{i}"])
            for i in range(self.ROWS)
        ]

    def clean(self):
        data = super().clean()
        tellers = []
        users = get_user_model()._default_manager
        for i in range(self.ROWS):
            person = data.get(f"person_{i}")
            if person is None:
                continue
            role = data.get(f"role_{i}") or TellerRole.SCRUTINEER
            username = (data.get(f"username_{i}") or "").strip()
            user = users.filter(username=username).first() if username else person.user
            if username and user is None:
                self.add_error(
                    f"username_{i}",
                    ValidationError(
                        _("There is no login with the username %(username)s."),
                        params={"username": username},
                    ),
                )
            tellers.append((person, role, user))
        if not tellers:
            raise ValidationError(_("Please choose the tellers."))
        data["tellers"] = tellers
        return data

    @staticmethod
    def initial_for(tellers) -> dict:
        initial = {}
        for i, teller in enumerate(tellers[: TellersForm.ROWS]):
            initial[f"person_{i}"] = teller.person_id
            initial[f"role_{i}"] = teller.role
            initial[f"username_{i}"] = teller.user.get_username() if teller.user else ""
        return initial
