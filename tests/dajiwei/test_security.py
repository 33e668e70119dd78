"""Accounts and the web surface (issue 8): login throttling, passwords, sessions, headers."""

import os
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from organizations import sessions
from tests.factories import UserFactory

PASSWORD = "Correct-horse-9"


@pytest.fixture
def user(db):
    return UserFactory(username="wangfang", password=PASSWORD)


def attempt(client, password, ip="10.0.0.1", **extra):
    return client.post(
        reverse("login"),
        {"username": "wangfang", "password": password},
        REMOTE_ADDR=ip,
        **extra,
    )


def fail(client, times, **kw):
    for _ in range(times):
        response = attempt(client, "wrong-password", **kw)
        assert response.status_code == 200  # the form again, with its error


def test_the_fifth_attempt_is_still_allowed(user, client):
    fail(client, 4)
    response = attempt(client, PASSWORD)
    assert response.status_code == 302


def test_after_five_failures_the_sixth_attempt_is_locked(user, client):
    fail(client, 4)
    assert attempt(client, "wrong-password").status_code == 429  # the fifth failure locks
    response = attempt(client, PASSWORD)  # the sixth, even with the right password
    assert response.status_code == 429
    page = response.content.decode()
    assert "5" in page and "15" in page
    assert "_auth_user_id" not in client.session


def test_another_address_is_not_locked(user, client):
    fail(client, 4)
    attempt(client, "wrong-password")
    assert attempt(client, PASSWORD, ip="10.0.0.2").status_code == 302


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_forwarded_address_counts(user, client):
    # nginx connects from 127.0.0.1 for everyone; X-Real-IP names the client.
    for _ in range(4):
        attempt(client, "wrong-password", ip="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    attempt(client, "wrong-password", ip="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    locked = attempt(client, PASSWORD, ip="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert locked.status_code == 429
    other = attempt(client, PASSWORD, ip="127.0.0.1", HTTP_X_REAL_IP="203.0.113.8")
    assert other.status_code == 302


@pytest.mark.parametrize("password", ["Short-1", "1234567890123"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_mixed_password_is_accepted():
    validate_password("qiuyue-lake-2026")


def test_an_idle_session_ends_and_a_used_one_is_pushed_on(user, client, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(user)
    assert client.get(reverse("floor")).status_code == 200
    row = Session.objects.get()
    # Used: an old stamp makes the next request push the expiry on to a full timeout.
    session = client.session
    session[sessions.KEY] = 0
    session.save()
    client.get(reverse("floor"))
    row = Session.objects.get()
    left = (row.expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < left <= 30 * 60
    # Idle past the timeout: the session has expired and the next request is anonymous.
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("floor"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_changing_the_password_ends_the_other_sessions(user):
    changer, other = Client(), Client()
    changer.force_login(user)
    other.force_login(user)
    assert other.get(reverse("floor")).status_code == 200
    response = changer.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Another-long-pw-7",
            "new_password2": "Another-long-pw-7",
        },
    )
    assert response.status_code == 302
    assert changer.get(reverse("floor")).status_code == 200  # the changer stays in
    response = other.get(reverse("floor"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_pages_carry_the_security_headers(user, client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_script():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=\"", re.I)
    found = [
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if not p.is_relative_to(root / "pdf") and inline.search(p.read_text())
    ]
    assert found == []


def test_check_deploy_passes_with_production_settings():
    # Without DEBUG, and without what the browser tests set for their own process.
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="dajiwei.example.org",
        SECURE_COOKIES="1",
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    )
    assert result.returncode == 0, result.stdout + result.stderr
