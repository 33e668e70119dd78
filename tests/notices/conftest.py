"""Pointing the Celery app at a broker (or none) for one test."""

import os

import pytest

import tests.notices.worker_tasks  # noqa: F401 - registers the test tasks
from notices.testing import CLOSED_PORT, broker_at


@pytest.fixture
def eager():
    with broker_at(None):
        yield


@pytest.fixture
def broker_down():
    with broker_at(CLOSED_PORT):
        yield


@pytest.fixture
def redis_queue():
    """The real broker (REDIS_URL, this helper's db), its default queue emptied first."""
    import redis

    url = os.environ["REDIS_URL"]
    client = redis.Redis.from_url(url)
    client.delete("celery")
    with broker_at(url):
        yield client
    client.delete("celery")
