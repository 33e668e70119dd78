"""CSRF on every form (docs/security.md): no view opts out, and a post without the token is
refused at every URL, for a user who may otherwise post there."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.organizations.test_permission_matrix import ROWS, visitor
from tests.organizations.web import log_in


def _callbacks(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _callbacks(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", pattern.callback


def test_the_csrf_middleware_is_on_and_no_view_opts_out():
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    exempt = [name for name, view in _callbacks() if getattr(view, "csrf_exempt", False)]
    assert exempt == []


def _takes_posts(view) -> bool:
    view_class = getattr(view, "view_class", None)
    return view_class is None or hasattr(view_class, "post")


def test_a_post_without_the_token_is_refused_by_every_view_that_takes_posts(scene, role_user):
    """Not only the matrix's posting rows: a form page that shows on GET takes its POST at the
    same URL, and the middleware must refuse it before the view runs."""
    posting = {name for name, view in _callbacks() if _takes_posts(view)}
    assert len(posting) > 50, "fewer forms than the project has: the test would check little"
    accepted = []
    for name, row in sorted((n, r) for n, r in ROWS.items() if n in posting):
        # A row's kwargs may build what its URL needs (an election...): undo it after the row.
        with transaction.atomic():
            client = Client(enforce_csrf_checks=True)
            user = visitor("allowed", row, scene, role_user)
            if user is not None:
                log_in(client, user)
            url = reverse(name, kwargs=row.kwargs(scene))
            if client.post(url, row.data).status_code != 403:
                accepted.append(url)
            transaction.set_rollback(True)
    assert accepted == []
