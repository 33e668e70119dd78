"""The database connection dropped (docs/security.md, faults), against real PostgreSQL, which
ends the connection as when it restarts or a proxy in between drops it:

- between requests: the next request checks its kept connection (CONN_HEALTH_CHECKS), replaces
  it and answers normally;
- during a request: that request gets the clean error page (500.html), and the next works.

Django's test client skips the per-request connection check the server runs (close_old_connections
on request_started and request_finished); `served` puts it back, as the server has it.
"""

import psycopg
import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from tests.organizations.web import log_in

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _drop_this_threads_connection() -> None:
    db = settings.DATABASES["default"]
    with connection.cursor() as cursor:  # (a request's first query: its health check is done)
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=True
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def _as_the_server_does(**kwargs):
    close_old_connections()


@pytest.fixture
def served(tree, role_user):
    request_started.connect(_as_the_server_does, dispatch_uid="served")
    request_finished.connect(_as_the_server_does, dispatch_uid="served")
    user = role_user("community_secretary", tree.committee)
    client = log_in(Client(raise_request_exception=False), user)
    yield client, reverse("organizations:node", args=[tree.committee.pk])
    request_started.disconnect(dispatch_uid="served")
    request_finished.disconnect(dispatch_uid="served")


def test_a_connection_dropped_between_requests_is_replaced_unseen(served):
    client, page = served
    assert client.get(page).status_code == 200
    assert connection.settings_dict["CONN_MAX_AGE"] > 0  # kept between requests
    _drop_this_threads_connection()
    assert client.get(page).status_code == 200


def test_a_connection_dropped_during_a_request_gives_the_error_page_then_works(served):
    client, page = served
    dropped = []

    def drop_once(**kwargs):
        if not dropped:
            dropped.append(True)
            _drop_this_threads_connection()

    # After the server's own check, so the view meets a connection that just died.
    request_started.connect(drop_once, dispatch_uid="drop_once")
    try:
        failed = client.get(page)
    finally:
        request_started.disconnect(dispatch_uid="drop_once")
    assert failed.status_code == 500
    assert "系统未能完成您的请求" in failed.content.decode()
    assert client.get(page).status_code == 200
