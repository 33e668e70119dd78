"""Steps 1–4: direct entry, seats, nominations by the three routes, the qualification review."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from elections import actions, rules
from elections.actions.formation import category_of_post
from elections.forms.formation import (
    ConfirmForm,
    DirectEntryForm,
    NominationFilterForm,
    NominationForm,
    ReviewForm,
    SeatsForm,
)
from elections.models import Category, Nomination, Review, Route, Stage
from elections.selectors import formation as selectors
from elections.views.formation_base import ChildStepView, ElectionMixin, StepView
from organizations import access
from organizations.views.base import BreadcrumbsMixin

# ---------------------------------------------------------------------------------------------
# 1–2. Direct entry and seats


class DirectEntryAddView(StepView):
    form_class = DirectEntryForm
    title = _("Add a direct entrant")
    explanation = _(
        "The elected members of the community party organisation enter the committee directly."
    )
    success_message = _("The direct entrant has been listed.")

    def get_form_kwargs(self):
        people = selectors.member_choices(self.request.user, self.election)
        return {**super().get_form_kwargs(), "people": people}

    def perform(self, form):
        return actions.direct_entry_add(
            actor=self.actor, election=self.election, ip=self.ip, **form.cleaned_data
        )


class DirectEntriesConfirmView(StepView):
    form_class = ConfirmForm
    template_name = "elections/formation/confirm.html"
    title = _("Confirm the direct entrants")
    explanation = _(
        "After confirming, the list is final; its members are put on the meeting roll and the "
        "seats come next."
    )
    success_message = _("The direct entrants have been confirmed.")

    def get_context_data(self, **kwargs):
        kwargs["listed"] = [
            f"{e.person.name} · {e.branch_post} · {e.get_post_kind_display()}"
            for e in self.election.direct_entries.select_related("person")
        ]
        return super().get_context_data(**kwargs)

    def perform(self, form):
        return actions.direct_entries_confirm(actor=self.actor, election=self.election, ip=self.ip)


class SeatsPublishView(StepView):
    form_class = SeatsForm
    title = _("Publish the seats")
    explanation = _("The seats of each category are shown on the public notice page.")
    success_message = _("The seats have been published; nominations are open.")

    def get_initial(self):
        vacancy = self.election.vacancy
        if vacancy is not None:
            category = category_of_post(vacancy.kind)
            return {c: int(c == category) for c in Category.values}
        return {Category.PARTTIME_DEPUTY: rules.policy("parttime_deputy_seats")}

    def perform(self, form):
        seats = form.seats(by_election=self.election.vacancy_id is not None)
        return actions.seats_publish(
            actor=self.actor, election=self.election, seats=seats, ip=self.ip
        )


# ---------------------------------------------------------------------------------------------
# 3. Nominations


ROUTE_TITLES = {
    Route.SELF: _("Self-nomination"),
    Route.JOINT: _("Joint nomination by party members"),
    Route.ORGANISATION: _("Recommendation by an organisation"),
}


class NominationSubmitView(StepView):
    form_class = NominationForm
    success_message = _("The nomination has been received.")

    def dispatch(self, request, *args, **kwargs):
        if kwargs["route"] not in Route.values:
            raise Http404
        self.route = kwargs["route"]
        return super().dispatch(request, *args, **kwargs)

    @property
    def title(self):
        return ROUTE_TITLES[self.route]

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "route": self.route,
            "people": selectors.member_choices(user, self.election),
            "units": selectors.unit_choices(user, self.election),
        }

    def perform(self, form):
        return actions.nomination_submit(
            actor=self.actor, election=self.election, ip=self.ip, **form.action_kwargs()
        )


class NominationListView(ElectionMixin, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    """The nominations, filtered by category, route and review; reviewing them in place."""

    template_name = "elections/formation/nomination_list.html"

    def get_context_data(self, **kwargs):
        election = self.election
        filters = NominationFilterForm(self.request.GET or None)
        may_run = selectors.may_run(self.request.user, election)
        kwargs.update(
            election=election,
            filters=filters,
            nominations=filters.filter(selectors.nominations(election)),
            categories=selectors.category_counts(election),
            may_review=may_run and election.stage == Stage.REVIEW,
            pending=Review.PENDING,
        )
        return super().get_context_data(**kwargs)


class NominationsCloseView(StepView):
    form_class = ConfirmForm
    template_name = "elections/formation/confirm.html"
    title = _("Close the nominations")
    explanation = _("No more nominations are received; the qualification review comes next.")
    success_message = _("The nominations are closed; please review each nominee.")

    def perform(self, form):
        return actions.nominations_close(actor=self.actor, election=self.election, ip=self.ip)


class NominationsReopenView(StepView):
    form_class = ConfirmForm
    template_name = "elections/formation/confirm.html"
    title = _("Reopen the nominations")
    explanation = _(
        "When a category has too few qualified nominees (R1), receive further nominations; "
        "the review decisions made so far are kept."
    )
    success_message = _("The nominations are open again.")

    def perform(self, form):
        return actions.nominations_reopen(actor=self.actor, election=self.election, ip=self.ip)


# ---------------------------------------------------------------------------------------------
# 4. The qualification review


class NominationReviewView(ChildStepView):
    scope_queryset = Nomination.objects.select_related("election__committee", "nominee")
    form_class = ReviewForm
    title = _("Qualification review")
    success_message = _("The review decision has been recorded.")

    def get_initial(self):
        if self.object.review == Review.REJECTED:
            return {"decision": ReviewForm.REJECT, "reason": self.object.review_reason}
        return {"decision": ReviewForm.ACCEPT}

    def perform(self, form):
        return actions.nomination_review(
            actor=self.actor,
            nomination=self.object,
            qualified=form.qualified,
            reason=form.cleaned_data["reason"],
            ip=self.ip,
        )

    def get_success_url_for(self, result) -> str:
        return reverse("elections:nomination_list", args=[self.election.pk])


class ReviewCloseView(StepView):
    form_class = ConfirmForm
    template_name = "elections/formation/confirm.html"
    title = _("Close the review")
    explanation = _(
        "Each category needs at least twice as many qualified nominees as seats (R1); the "
        "publicity of the result comes next."
    )
    success_message = _("The review is closed; please publish the result and the meeting notice.")

    def get_context_data(self, **kwargs):
        kwargs["listed"] = [
            _(
                "%(category)s: %(seats)d seats, %(accepted)d qualified, %(needed)d needed, "
                "%(pending)d not reviewed"
            )
            % {
                "category": c.label,
                "seats": c.seats,
                "accepted": c.accepted,
                "needed": c.needed,
                "pending": c.pending,
            }
            for c in selectors.category_counts(self.election)
        ]
        return super().get_context_data(**kwargs)

    def perform(self, form):
        return actions.review_close(actor=self.actor, election=self.election, ip=self.ip)
