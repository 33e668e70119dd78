"""Roles on a node: who holds which, granting a staff role, ending one granted directly.

Roles of secretaries and grid secretaries come only with their posts (the node page); here
are the staff roles of each level (access.DIRECT_ROLES). No one grants a role with
permissions they do not hold themselves (access.may_grant), checked again by the actions.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from organizations import access, actions, rules, selectors
from organizations.forms import RoleGrantForm
from organizations.models import RoleAssignment
from organizations.views.base import (
    ActionFormView,
    BreadcrumbsMixin,
    RequireKindMixin,
    client_ip,
)

DIRECT_LEVELS = tuple(sorted(access.DIRECT_ROLES))


def roles_url(node) -> str:
    return reverse("organizations:node_roles", args=[node.pk])


class NodeRolesView(BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    """The node's active roles (with an end button for direct ones) and their history."""

    permission = access.MANAGE_POSTS
    template_name = "organizations/node_roles.html"

    def get_context_data(self, **kwargs):
        user, node = self.request.user, self.object
        assignments = list(selectors.role_assignments(node))
        may_end = {}
        for assignment in assignments:
            if assignment.ended_at is None and assignment.post_id is None:
                if assignment.role not in may_end:
                    may_end[assignment.role] = access.may_grant(user, assignment.role, node)
                assignment.may_end = may_end[assignment.role]
        kwargs.update(
            node=node,
            active=[a for a in assignments if a.ended_at is None],
            ended=[a for a in assignments if a.ended_at is not None],
            may_grant=bool(access.grantable_roles(user, node)),
            is_committee=node.kind == rules.COMMITTEE,
        )
        return super().get_context_data(**kwargs)


class RoleGrantView(RequireKindMixin, ActionFormView):
    """Grant a staff role of this level to an existing login or to a new one."""

    permission = access.MANAGE_POSTS
    kinds = DIRECT_LEVELS
    form_class = RoleGrantForm
    template_name = "organizations/role_grant_form.html"
    title = _("Grant a role")
    success_message = _("The role has been granted.")

    def load_object(self, request, kwargs):
        node = super().load_object(request, kwargs)
        self.roles = access.grantable_roles(request.user, node)
        if not self.roles:
            raise PermissionDenied
        return node

    def get_form_kwargs(self):
        units = selectors.linked_units(self.request.user, self.object).order_by("name", "pk")
        return {**super().get_form_kwargs(), "roles": self.roles, "units": units}

    def get_cancel_url(self):
        return roles_url(self.object)

    def get_success_url_for(self, result):
        return roles_url(self.object)

    def perform(self, form):
        data = form.cleaned_data
        # A new login and its role are made together or not at all.
        with transaction.atomic():
            user = data["user"] or actions.staff_login_create(
                actor=self.actor,
                username=data["username"],
                full_name=data["full_name"],
                password=data["password"],
                node=self.object,
                ip=self.ip,
            )
            return actions.staff_role_grant(
                actor=self.actor,
                user=user,
                node=self.object,
                role=data["role"],
                unit=data["unit"],
                ip=self.ip,
            )


class RoleEndView(access.ScopedMixin, View):
    """End a directly granted role; one that came with a post is refused with a message."""

    permission = access.MANAGE_POSTS
    scope_queryset = RoleAssignment.objects.select_related("node")
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        assignment = self.object
        try:
            actions.staff_role_end(actor=request.user, assignment=assignment, ip=client_ip(request))
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("The role has ended; it stays in the role history."))
        return redirect(roles_url(assignment.node))
