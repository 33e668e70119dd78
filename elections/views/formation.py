"""The committee's elections, creating one, the election page (its timeline) and the notice."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from elections import actions
from elections.forms.formation import ElectionForm
from elections.models import Route, Stage
from elections.selectors import formation as selectors
from elections.selectors import vacancies
from elections.selectors.meeting import rounds_so_far, teller_role
from elections.views.filing import filing_context
from elections.views.formation_base import ElectionMixin, election_url
from organizations import access, rules
from organizations import selectors as org_selectors
from organizations.models import OrgNode
from organizations.views.base import ActionFormView, BreadcrumbsMixin, RequireKindMixin


class ElectionListView(RequireKindMixin, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    template_name = "elections/formation/election_list.html"
    kinds = (rules.COMMITTEE,)

    def get_context_data(self, **kwargs):
        kwargs.update(
            node=self.object,
            elections=selectors.elections_of(self.object),
            may_run=access.can(self.request.user, access.RUN_ELECTIONS, self.object),
            vacancies=list(vacancies(self.object)),
            appoint_to=appointment_places(self.request.user, self.object),
        )
        return super().get_context_data(**kwargs)


def appointment_places(user, committee) -> list:
    """The grids and buildings below the committee where `user` may appoint (委任), in one query."""
    if not access.can(user, access.MANAGE_POSTS, committee):
        return []
    return list(
        OrgNode.objects.filter(
            org_selectors.subtree_q(committee), kind__in=(rules.GRID, rules.BUILDING)
        ).order_by("lft")
    )


class ElectionCreateView(RequireKindMixin, ActionFormView):
    permission = access.RUN_ELECTIONS
    kinds = (rules.COMMITTEE,)
    form_class = ElectionForm
    title = _("Start an election")
    success_message = _("The election has been started. Begin by listing the direct entrants.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "vacancies": vacancies(self.object)}

    def perform(self, form):
        return actions.election_create(
            actor=self.actor,
            committee=self.object,
            term=form.cleaned_data["term"].strip(),
            vacancy=form.cleaned_data["vacancy"],
            ip=self.ip,
        )

    def get_success_url_for(self, result) -> str:
        return election_url(result)

    def get_cancel_url(self) -> str:
        return reverse("elections:election_list", args=[self.object.pk])


# What each stage needs, and the steps that take it forward (URL name, label, route).
NEEDS = {
    Stage.DIRECT_ENTRY: _(
        "List the elected members of the community party organisation, who enter directly, "
        "then confirm the list."
    ),
    Stage.SEATS: _("Publish the seats of each category."),
    Stage.NOMINATION: _("Receive nominations by the three routes, then close the nominations."),
    Stage.REVIEW: _(
        "Review each nominee; the review closes when every category has at least twice as "
        "many qualified nominees as seats (R1)."
    ),
    Stage.PUBLICITY: _(
        "Publish the review result and the meeting notice, answer objections, choose the "
        "representatives (R2, R3), complete the meeting roll and choose the tellers (B8)."
    ),
}
STEPS = {
    Stage.DIRECT_ENTRY: [
        ("elections:direct_entry_add", _("Add a direct entrant"), None),
        ("elections:direct_entries_confirm", _("Confirm the direct entrants"), None),
    ],
    Stage.SEATS: [("elections:seats_publish", _("Publish the seats"), None)],
    Stage.NOMINATION: [
        ("elections:nomination_submit", _("Self-nomination"), Route.SELF),
        ("elections:nomination_submit", _("Joint nomination"), Route.JOINT),
        ("elections:nomination_submit", _("Organisation recommendation"), Route.ORGANISATION),
        ("elections:nominations_close", _("Close the nominations"), None),
    ],
    Stage.REVIEW: [
        ("elections:nomination_list", _("Review the nominees"), None),
        ("elections:review_close", _("Close the review"), None),
        ("elections:nominations_reopen", _("Reopen the nominations"), None),
    ],
    Stage.PUBLICITY: [
        ("elections:publicity_publish", _("Publicity and meeting notice"), None),
        ("elections:objection_record", _("Record an objection"), None),
        ("elections:representatives", _("Choose the representatives"), None),
        ("elections:roll_add", _("Add a unit party secretary or deputy"), None),
        ("elections:tellers", _("Choose the tellers"), None),
        ("elections:meeting", _("Meeting console"), None),
    ],
    Stage.MEETING: [
        ("elections:meeting", _("Meeting console"), None),
        ("elections:speeches", _("Speeches"), None),
    ],
    Stage.COUNTED: [("elections:election_filing", _("Filing, approval and founding"), None)],
    Stage.RECORDED: [("elections:founding_record", _("Record the founding meeting"), None)],
}


def next_steps(election) -> list[tuple[str, str]]:
    """(URL, label) of the steps that move the election on from its current stage."""
    steps = []
    for name, label, route in STEPS.get(election.stage, []):
        args = [election.pk, route] if route else [election.pk]
        steps.append((reverse(name, args=args), label))
    return steps


class ElectionDetailView(ElectionMixin, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    """The timeline, what the current stage needs, who may do what, and the numbers."""

    template_name = "elections/formation/election_detail.html"

    def get_context_data(self, **kwargs):
        election = self.election
        may_run = selectors.may_run(self.request.user, election)
        kwargs.update(
            election=election,
            timeline=selectors.timeline(election),
            needs=NEEDS.get(election.stage, ""),
            may_run=may_run,
            steps=next_steps(election) if may_run else [],
            **{"filing": filing_context(election)},
            categories=selectors.category_counts(election),
            direct_entries=election.direct_entries.select_related("person"),
            publicity=selectors.publicity_of(election),
            objections=election.objections.select_related("nomination__nominee"),
            tellers=election.tellers.select_related("person", "user"),
            in_publicity=election.stage == Stage.PUBLICITY,
            reached_publicity=election.reached(Stage.PUBLICITY),
        )
        if teller_role(election, self.request.user) is not None:
            # Tellers need not run the election: their way to the paper entry and the count.
            kwargs["teller_rounds"] = rounds_so_far(election)
        if election.reached(Stage.SEATS):
            kwargs["representatives"] = selectors.representative_count(election)
            kwargs["attendance"] = selectors.roll_count(election)
        return super().get_context_data(**kwargs)


class PublicNoticeView(access.PublicMixin, TemplateView):
    """The notice residents see: seats, qualified candidates, publicity, the meeting. No login."""

    template_name = "elections/formation/public_notice.html"

    def get_context_data(self, **kwargs):
        election = selectors.public_election(kwargs["public_id"])
        if election is None:
            raise Http404
        seats = selectors.seats_of(election)
        kwargs.update(
            election=election,
            seats=seats,
            candidates=selectors.public_candidates(election),
            publicity=selectors.publicity_of(election) if seats else None,
        )
        return super().get_context_data(**kwargs)
