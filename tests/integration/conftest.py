"""Shared fixtures for integration tests: a real Celery worker on Redis, writing to
the PostgreSQL test database.

A test module can give the worker process extra environment variables (an email
backend, a folder) by overriding the `worker_env` fixture.
"""

import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from demo_site.celery import app as celery_app

from ..conftest import on_postgres, require
from .own_redis import own_redis  # noqa: F401 (a Redis a test may stop)
from .s3_server import files_in_bucket, moto_server, s3_endpoint  # noqa: F401 (S3 fixtures)

ROOT = Path(__file__).resolve().parents[2]


def redis_answers(url):
    try:
        import redis

        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception:
        return False


def database_url():
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def start_worker(queue, log, extra_env):
    """Start one worker process on `queue` (a test may start another, e.g. after
    killing the first); its output goes to `log`."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "demo_site.settings.base",
           "DATABASE_URL": database_url(), "CELERY_BROKER_URL": os.environ["CELERY_BROKER_URL"],
           # The worker's own tasks (a fan-out, a retry) go to its queue, long ones included.
           "CELERY_QUEUE": queue, "CELERY_LONG_QUEUE": queue,
           # The worker writes the private files (certificates, exports) the test reads.
           "ACADEMY_PRIVATE_ROOT": str(settings.ACADEMY_PRIVATE_ROOT), **extra_env}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "demo_site.celery", "worker", "--pool=solo",
         "-Q", queue, "--loglevel=INFO", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=log.open("a"), stderr=subprocess.STDOUT,
    )


@pytest.fixture
def worker_env():
    """Extra environment for the worker process (override in a test module)."""
    return {}


@pytest.fixture
def worker_queue(catalog, tmp_path, worker_env):
    """A real worker on a private queue, connected to the test database."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    require(broker.startswith("redis") and redis_answers(broker),
            "Redis (set CELERY_BROKER_URL=redis://…)")
    require(on_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    queue = f"academy-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    worker = start_worker(queue, log, worker_env)
    with celery_publishing_to(broker, queue):
        try:
            yield queue, log
        finally:
            worker.terminate()
            worker.wait(timeout=30)


def _new_connections():
    # Celery keeps its producer pools and router: rebuilt after a change of broker or routes.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app.amqp.router = celery_app.amqp.Router()


@contextmanager
def celery_publishing_to(broker, queue, routes=None):
    """This process sends its tasks to `broker`: on `queue`, or as `routes` say."""
    conf = celery_app.conf
    names = ("task_always_eager", "task_default_queue", "task_routes", "broker_url",
             "broker_read_url", "broker_write_url", "result_backend")
    saved = {name: conf[name] for name in names}
    conf.update(task_always_eager=False, task_default_queue=queue, task_routes=routes or {},
                broker_url=broker, broker_read_url=broker, broker_write_url=broker,
                result_backend=broker)
    _new_connections()
    try:
        yield
    finally:
        conf.update(saved)
        _new_connections()
