"""For tests of any app: point the Celery app at a broker, or run tasks in-process.

    from notices.testing import broker_at
    with broker_at(None):          # tasks run eagerly, after commit
        ...
    with broker_at("redis://127.0.0.1:1/0"):   # a broker that is down
        ...

Tasks enqueued with notices.api.enqueue() run after commit: in a `django_db` test, wrap the
code in `django_capture_on_commit_callbacks(execute=True)` (or use `transaction=True`).
"""

import contextlib

from dajiwei.celery import app as celery_app

CLOSED_PORT = "redis://127.0.0.1:1/0"


def reset_pools() -> None:
    """Forget pooled broker connections (kombu keeps them in a registry keyed by URL)."""
    from kombu import pools

    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextlib.contextmanager
def broker_at(url: str | None):
    """`url` None: tasks run in-process (eager); otherwise they are sent to that broker."""
    conf = celery_app.conf
    old = (conf.broker_url, conf.task_always_eager)
    conf.task_always_eager = url is None
    if url is not None:
        conf.broker_url = url
    reset_pools()
    try:
        yield celery_app
    finally:
        conf.broker_url, conf.task_always_eager = old
        reset_pools()
