"""二(六) pages: record the unit's notice on a post, then the committee's decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from elections import actions
from elections.forms.removal import RemovalDecideForm, RemovalStartForm
from elections.models import Removal
from meetings import selectors as meeting_selectors
from organizations import access
from organizations.models import Post
from organizations.views.base import ActionFormView


class RemovalStartView(ActionFormView):
    """On a serving part-time post: the unit's written notice that they can no longer serve."""

    permission = access.MANAGE_POSTS
    scope_queryset = Post.objects.select_related("node", "person")
    form_class = RemovalStartForm
    title = _("A member leaves: the unit's written notice")
    success_message = _("The notice has been recorded; the committee decides next.")

    def get_cancel_url(self):
        return self.object.node.get_absolute_url()

    def perform(self, form):
        return actions.removal_start(
            actor=self.actor, post=self.object, ip=self.ip, **form.cleaned_data
        )

    def get_success_url_for(self, result):
        return reverse("elections:removal_decide", args=[result.pk])


class RemovalDecideView(ActionFormView):
    """The full committee's decision; the removal then goes to the street for approval."""

    permission = access.MANAGE_POSTS
    scope_queryset = Removal.objects.select_related("post__node", "post__person")
    form_class = RemovalDecideForm
    title = _("A member leaves: the committee's decision")
    success_message = _("The decision has been sent to the street committee for approval.")

    def get_cancel_url(self):
        return self.object.post.node.get_absolute_url()

    def get_form_kwargs(self):
        resolutions = meeting_selectors.adopted_resolutions(self.object.post.node_id)
        return {**super().get_form_kwargs(), "resolutions": resolutions}

    def perform(self, form):
        actions.removal_decide(
            actor=self.actor, removal=self.object, ip=self.ip, **form.cleaned_data
        )
        return self.object.post.node
