"""The inbox, the unread count in the navigation, and a job's progress and result."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notices import api
from notices.models import JobRun, Notification
from organizations.models import Role
from tests.factories import UserFactory
from tests.organizations.web import log_in, text

pytestmark = pytest.mark.django_db


def test_unread_count_in_the_navigation(client):
    user = UserFactory()
    for i in range(3):
        api.notify(user=user, key=f"k{i}", subject=f"提醒{i}")
    log_in(client, user)
    page = text(client.get(reverse("notices:inbox")))
    assert '<span class="badge"' in page and ">3</span>" in page
    assert "提醒0" in page and "提醒2" in page


def test_reading_one_marks_it_and_follows_its_local_link(client):
    user = UserFactory()
    n = api.notify(user=user, key="k", subject="s", url="/org/")
    evil = api.notify(user=user, key="e", subject="s", url="https://evil.example/")
    log_in(client, user)
    response = client.post(reverse("notices:read", args=[n.pk]))
    assert response.status_code == 302 and response.url == "/org/"
    response = client.post(reverse("notices:read", args=[evil.pk]))
    assert response.url == reverse("notices:inbox")
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()


def test_mark_all_read_touches_only_ones_own(client):
    user, other = UserFactory(), UserFactory()
    for i in range(2):
        api.notify(user=user, key=f"k{i}", subject="s")
    api.notify(user=other, key="k", subject="s")
    log_in(client, user)
    client.post(reverse("notices:read_all"))
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other, read_at__isnull=True).count() == 1
    assert '<span class="badge"' not in text(client.get(reverse("notices:inbox")))


def test_inbox_query_budget_does_not_grow(client):
    counts = {}
    for n in (10, 1000):
        user = UserFactory()
        Notification.objects.bulk_create(
            Notification(user=user, key=f"k{i}", subject=f"提醒{i}") for i in range(n)
        )
        log_in(client, user)
        url = reverse("notices:inbox")
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[n] = len(captured.captured_queries)
    assert counts[10] == counts[1000] <= 12, counts


def test_job_progress_for_its_actor_and_node_staff_only(
    client, tree, role_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    actor = UserFactory()
    job = JobRun.objects.create(actor=actor, kind="report", task_name="t", node=tree.committee)
    job.advance(total=4, step=1)
    log_in(client, actor)
    page = text(client.get(reverse("notices:job", args=[job.pk])))
    assert 'hx-trigger="every 2s"' in page and "1 / 4" in page
    assert client.get(reverse("notices:job_result", args=[job.pk])).status_code == 404  # none yet

    job.finish(ContentFile(b"%PDF-1.4 x"), filename="report.pdf")
    page = text(client.get(reverse("notices:job", args=[job.pk])))
    assert "hx-trigger" not in page  # finished: polling stops
    response = client.get(reverse("notices:job_result", args=[job.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 x"

    office = role_user(Role.COMMUNITY_OFFICE, tree.committee)
    log_in(client, office)
    assert client.get(reverse("notices:job", args=[job.pk])).status_code == 200
    for stranger in (
        UserFactory(),
        role_user(Role.PARTY_MEMBER, tree.committee),
        role_user(Role.STREET_STAFF, tree.other_street),
    ):
        log_in(client, stranger)
        assert client.get(reverse("notices:job", args=[job.pk])).status_code == 404
        assert client.get(reverse("notices:job_result", args=[job.pk])).status_code == 404
