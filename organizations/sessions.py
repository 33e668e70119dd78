"""The idle session timeout (settings.DAJIWEI_SECURITY["idle_session_minutes"]; issue 8).

A session's expiry (SESSION_COOKIE_AGE, the idle timeout) is pushed on by the requests that
use it, as SESSION_SAVE_EVERY_REQUEST would, but not on every request: only when a sixth of the
timeout has passed since the last push, so a page costs no session write in the usual case and
the query budgets hold. A session unused for the whole timeout has expired at the database and
the next request is anonymous. Logging in stamps the session, so the first page writes nothing.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

KEY = "_idle_refreshed"


def _step() -> int:
    return max(settings.SESSION_COOKIE_AGE // 6, 1)


@receiver(user_logged_in, dispatch_uid="idle-session-stamp")
def _stamp_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[KEY] = int(time.time())


class IdleTimeoutMiddleware:
    """Push the session's expiry on when it is used (after SessionMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - session.get(KEY, 0) >= _step():
                session[KEY] = now  # modified: saved with a fresh expiry on the way out
        return self.get_response(request)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): the page, in the site's layout."""
    from django.shortcuts import render

    rules = settings.DAJIWEI_SECURITY
    return render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": rules["login_failure_limit"],
            "lockout_minutes": rules["login_lockout_minutes"],
        },
        status=429,
    )
