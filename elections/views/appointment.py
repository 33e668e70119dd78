"""委任 page: on a grid branch or building group, the committee appoints to its posts."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from elections import actions
from elections.forms.appointment import AppointmentForm
from organizations import access, rules, selectors
from organizations.actions import NeedsReason
from organizations.views.base import ActionFormView, RequireKindMixin


class AppointmentCreateView(RequireKindMixin, ActionFormView):
    """The area's recommendation and the committee's decision, ending in a post.

    MANAGE_POSTS, as for any post: the action starts the post through post_start. The
    committee's secretary holds it down the tree (street and district staff too); the election
    permission RUN_ELECTIONS is for the steps of an election, which this is not.
    """

    permission = access.MANAGE_POSTS
    kinds = (rules.GRID, rules.BUILDING)
    form_class = AppointmentForm
    template_name = "elections/appointment/form.html"
    title = _("Appoint to a post (委任)")
    success_message = _("The appointment has been recorded and the post has started.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "node": self.object,
            "people": selectors.person_choices(self.request.user, self.object),
            "area_people": selectors.members_under(self.request.user, self.object).order_by(
                "name", "pk"
            ),
        }

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except NeedsReason as norms:
            form.ask_for_reason()
            return self.render_to_response(
                self.get_context_data(form=form, warnings=norms.verdicts)
            )

    def perform(self, form):
        actions.appointment_make(
            actor=self.actor, node=self.object, ip=self.ip, **form.action_kwargs()
        )
        return self.object
