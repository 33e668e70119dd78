"""Steps 5–6: publicity and the meeting notice, objections and answers, the representatives."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elections import actions
from elections.forms.formation import AnswerForm, ObjectionForm, PublicityForm, RepresentativesForm
from elections.models import Basis, Objection, Review
from elections.selectors import formation as selectors
from elections.views.formation_base import ChildStepView, StepView


class PublicityPublishView(StepView):
    form_class = PublicityForm
    title = _("Publicity and meeting notice")
    explanation = _(
        "The qualified candidates are shown on the public notice page for this period; the "
        "meeting is held after it ends."
    )
    success_message = _("The publicity and the meeting notice have been published.")

    def get_initial(self):
        publicity = selectors.publicity_of(self.election)
        if publicity is None:
            return {}
        return {
            "starts_on": publicity.starts_on,
            "ends_on": publicity.ends_on,
            "meeting_at": timezone.localtime(publicity.meeting_at),
            "meeting_place": publicity.meeting_place,
        }

    def perform(self, form):
        return actions.publicity_publish(
            actor=self.actor, election=self.election, ip=self.ip, **form.cleaned_data
        )


class ObjectionRecordView(StepView):
    form_class = ObjectionForm
    title = _("Record an objection")
    explanation = _("Record an objection raised during the publicity, then answer it.")
    success_message = _("The objection has been recorded.")

    def get_form_kwargs(self):
        nominations = selectors.nominations(self.election).filter(review=Review.ACCEPTED)
        return {**super().get_form_kwargs(), "nominations": nominations}

    def perform(self, form):
        return actions.objection_record(
            actor=self.actor, election=self.election, ip=self.ip, **form.cleaned_data
        )


class ObjectionAnswerView(ChildStepView):
    scope_queryset = Objection.objects.select_related("election__committee")
    form_class = AnswerForm
    template_name = "elections/formation/objection_answer.html"
    title = _("Answer the objection")
    success_message = _("The answer has been recorded.")

    def get_initial(self):
        return {"answer": self.object.answer}

    def perform(self, form):
        return actions.objection_answer(
            actor=self.actor, objection=self.object, answer=form.cleaned_data["answer"], ip=self.ip
        )


class RepresentativesView(StepView):
    """Pick the representatives; the R2 and R3 numbers follow each tick (htmx) or a filter."""

    form_class = RepresentativesForm
    template_name = "elections/formation/representatives.html"
    title = _("Choose the representatives")
    success_message = _("The representatives have been chosen.")
    PREVIEW = ("_preview", "_filter")

    def get_initial(self):
        chosen = self.election.roll.filter(basis=Basis.REPRESENTATIVE).values_list(
            "person_id", flat=True
        )
        return {"people": list(chosen)}

    def get_form_kwargs(self):
        user = self.request.user
        self.people = list(selectors.member_choices(user, self.election).select_related("node"))
        self.grids = list(selectors.grid_choices(user, self.election))
        return {
            **super().get_form_kwargs(),
            "people": selectors.member_choices(user, self.election),
            "grids": selectors.grid_choices(user, self.election),
        }

    def post(self, request, *args, **kwargs):
        if any(key in request.POST for key in self.PREVIEW):
            return self.render_to_response(self.get_context_data(form=self.get_form()))
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return actions.representatives_set(
            actor=self.actor, election=self.election, people=form.cleaned_data["people"], ip=self.ip
        )

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        if form.is_bound:
            chosen = form.chosen_ids()
            grid, category = form.data.get("grid", ""), form.data.get("category", "")
        else:
            chosen = set(form.initial["people"])
            grid, category = "", ""
        grid_of = selectors.grid_of_members(self.people, self.grids)
        kwargs.update(
            form=form,
            rows=[
                (
                    person,
                    person.pk in chosen,
                    (not grid or str(grid_of[person.pk]) == grid)
                    and (not category or person.category == category),
                )
                for person in self.people
            ],
            counts=selectors.representative_count(self.election, chosen),
        )
        return super().get_context_data(**kwargs)
