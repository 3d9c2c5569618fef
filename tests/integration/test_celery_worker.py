"""A task travels through Redis to a real Celery worker, which writes to PostgreSQL."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from academy.celery import app as celery_app
from courses import progress
from courses.models import Enrolment

from ..conftest import course_in, lessons_of, on_postgres, require

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
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


@pytest.fixture
def worker_queue(catalog, tmp_path):
    """A real worker on a private queue, connected to the test database."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    require(broker.startswith("redis") and redis_answers(broker),
            "Redis (set CELERY_BROKER_URL=redis://…)")
    require(on_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    queue = f"academy-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "academy.settings.base",
           "DATABASE_URL": database_url(), "CELERY_BROKER_URL": broker}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "academy.celery", "worker", "--pool=solo",
         "-Q", queue, "--loglevel=INFO", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.task_default_queue, conf.broker_url, conf.result_backend
    conf.task_always_eager, conf.task_default_queue = False, queue
    conf.broker_url = conf.result_backend = broker
    try:
        yield queue, log
    finally:
        conf.task_always_eager, conf.task_default_queue, conf.broker_url, conf.result_backend = saved
        worker.terminate()
        worker.wait(timeout=30)


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_unpublishing_a_lesson_recounts_progress_on_the_worker(worker_queue, django_user_model):
    queue, log = worker_queue
    assert settings.CELERY_TASK_ALWAYS_EAGER  # the test process itself does not run tasks
    user = django_user_model.objects.create_user(username="w@example.org", password="x")
    course = course_in("en")
    lessons = lessons_of(course)
    progress.enrol(user, course)
    progress.complete_step(user, lessons[0], course.translation_key)
    assert Enrolment.objects.get(user=user).total_steps == 4

    for copy in lessons[3].get_translations(inclusive=True):
        copy.unpublish()  # page_unpublished → on_commit → task on Redis → worker

    def recounted():
        enrolment = Enrolment.objects.get(user=user)
        return (enrolment.completed_steps, enrolment.total_steps) == (1, 3)

    assert wait_for(recounted), log.read_text()
    assert "recompute_course_progress" in log.read_text()
