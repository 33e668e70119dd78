"""Starting and ending posts. Broken norms come back asking for a reason; hard limits refuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from organizations import access, actions, rules, selectors
from organizations.forms import PostEndForm, PostStartForm
from organizations.models import Post
from organizations.views.base import ActionFormView, RequireKindMixin


class PostStartView(RequireKindMixin, ActionFormView):
    permission = access.MANAGE_POSTS
    kinds = tuple(sorted(set(rules.POST_LEVEL.values())))
    form_class = PostStartForm
    template_name = "organizations/post_form.html"
    title = _("Start a post")
    success_message = _("The post has been started.")

    def get_form_kwargs(self):
        people = selectors.person_choices(self.request.user, self.object)
        return {**super().get_form_kwargs(), "node": self.object, "people": people}

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except actions.NeedsReason as norms:
            form.ask_for_reason()
            return self.render_to_response(
                self.get_context_data(form=form, warnings=norms.verdicts)
            )

    def perform(self, form):
        actions.post_start(actor=self.actor, node=self.object, ip=self.ip, **form.action_kwargs())
        return self.object


class PostEndView(ActionFormView):
    permission = access.MANAGE_POSTS
    scope_queryset = Post.objects.select_related("node", "person")
    form_class = PostEndForm
    template_name = "organizations/post_end_form.html"
    title = _("End a post")
    success_message = _("The post has ended; it stays in the post history.")

    def get_cancel_url(self):
        return self.object.node.get_absolute_url()

    def perform(self, form):
        actions.post_end(
            actor=self.actor,
            post=self.object,
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
            ip=self.ip,
        )
        return self.object.node
