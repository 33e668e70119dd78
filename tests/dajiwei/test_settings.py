"""Settings come from the environment: a missing secret fails fast, services are optional."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache

from dajiwei.celery import app as celery_app


def _settings_in_subprocess(env_overrides, expression):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "REDIS_URL")}
    env.update(env_overrides)
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'dajiwei.settings');"
        f"django.setup(); from django.conf import settings; print({expression})"
    )
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_a_missing_secret_key_fails_fast_outside_debug():
    result = _settings_in_subprocess({}, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_runs_with_embedded_defaults():
    result = _settings_in_subprocess(
        {"DEBUG": "1"},
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.LANGUAGE_CODE, settings.TIME_ZONE",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "zh-hans", "Asia/Shanghai"]


def test_policy_numbers_are_settings():
    policy = settings.DAJIWEI_POLICY
    assert (policy["committee_min_members"], policy["committee_max_members"]) == (9, 11)


@pytest.mark.redis
def test_cache_and_broker_use_redis():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    key = f"settings-test-{uuid.uuid4()}"
    cache.set(key, "大党委", 30)
    assert cache.get(key) == "大党委"
    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1)
        assert connection.connected
