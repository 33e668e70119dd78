"""The navigator, the node page, the node forms and the grid map."""

from __future__ import annotations

import copy
from collections import defaultdict

from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from organizations import access, actions, composition, page_cache, rules, selectors
from organizations.forms import NodeCreateForm, NodeForm
from organizations.views.base import ActionFormView, BreadcrumbsMixin
from organizations.views.node_links import POST_LEVELS, node_links


class NavigatorView(access.LoggedInMixin, TemplateView):
    """The user's scope roots, each with its children: where drilling down starts."""

    template_name = "organizations/navigator.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        roots = list(selectors.scope_roots(user))
        below = defaultdict(list)
        for child in selectors.children_of(user, roots):
            below[child.parent_id].append(child)
        kwargs["roots"] = [(root, below[root.pk]) for root in roots]
        return super().get_context_data(**kwargs)


def node_permissions(user, node) -> dict[str, bool]:
    """Which links of the node page to show (from the request's memoised scope: no query)."""
    return {
        "manage_tree": access.holds(user, access.MANAGE_TREE, node),
        "manage_roster": access.holds(user, access.MANAGE_ROSTER, node),
        "manage_posts": access.holds(user, access.MANAGE_POSTS, node),
        "view_roster": access.holds(user, access.VIEW_ROSTER, node),
        "manage_services": access.holds(user, access.MANAGE_SERVICES, node),
        "handle_matters": access.holds(user, access.HANDLE_MATTERS, node),
        # the oversight app's community dashboard: street and district staff, secretary, office
        "see_dashboard": access.holds(user, access.DECIDE_FILINGS, node)
        or access.holds(user, access.RUN_MEETINGS, node),
    }


class NodeDetailView(BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    template_name = "organizations/node_detail.html"

    def get_context_data(self, **kwargs):
        user, node = self.request.user, self.object
        may = node_permissions(user, node)
        kwargs.update(
            node=node,
            may=may,
            links=node_links(node, may),
            is_grid=node.kind == rules.GRID,
            sections=page_cache.cached(
                ("node", node.pk, may["view_roster"], may["manage_posts"]),
                lambda: self.render_sections(node, may),
            ),
        )
        return super().get_context_data(**kwargs)

    def render_sections(self, node, may) -> str:
        """Children, posts, linked units and verdicts; read only when the cache has none."""
        user = self.request.user
        all_posts = selectors.posts(node)
        active_posts = [p for p in all_posts if p.ended_on is None]
        context = {
            "node": node,
            # only the permissions in the cache key (page_cache.cached)
            "may": {"view_roster": may["view_roster"], "manage_posts": may["manage_posts"]},
            "children": selectors.children(user, node),
            "active_posts": active_posts,
            "ended_posts": [p for p in all_posts if p.ended_on is not None],
            "verdicts": composition.verdicts(node, active=active_posts),
            "units": selectors.linked_units(user, node) if node.kind == rules.COMMITTEE else None,
            "has_posts": node.kind in POST_LEVELS,
            "is_committee": node.kind == rules.COMMITTEE,
            "has_children": node.kind < rules.HOUSEHOLD,
        }
        return render_to_string("organizations/_node_sections.html", context)


class NodeCreateView(ActionFormView):
    """Add an organisation one level below the node in the URL."""

    permission = access.MANAGE_TREE
    form_class = NodeCreateForm
    title = _("Add an organisation below")
    success_message = _("The organisation has been added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parent": self.object}

    def perform(self, form):
        return actions.node_create(
            actor=self.actor,
            parent=self.object,
            kind=form.cleaned_data["kind"],
            ip=self.ip,
            **form.changes(),
        )


class NodeUpdateView(ActionFormView):
    permission = access.MANAGE_TREE
    form_class = NodeForm
    title = _("Edit the organisation")
    success_message = _("Your changes have been saved.")

    def get_form_kwargs(self):
        # The form works on a copy so that the action compares against the stored values.
        return {
            **super().get_form_kwargs(),
            "instance": copy.copy(self.object),
            "kind": self.object.kind,
        }

    def perform(self, form):
        changes = {k: v for k, v in form.changes().items() if k in form.changed_data}
        if "map_image" in changes and not changes["map_image"]:
            changes["map_image"] = ""  # the "clear" box of the file input
        if not changes:
            return self.object
        return actions.node_update(actor=self.actor, node=self.object, ip=self.ip, **changes)


class NodeMapView(access.ScopedMixin, View):
    """A grid's map image, served only to users who may see the grid."""

    def get(self, request, *args, **kwargs):
        image = self.object.map_image
        if not image:
            raise Http404
        try:
            return FileResponse(image.open("rb"), filename=image.name.rsplit("/", 1)[-1])
        except FileNotFoundError as missing:
            raise Http404 from missing
