"""The certificate task on a real worker that is killed mid-task (kill -9): Redis
hands the unacknowledged task to a new worker, which finishes it — one certificate,
one code, its documents stored."""

import os
import signal

import pytest

from courses import progress
from courses.storage import read_bytes
from credentials.models import Certificate
from credentials.tasks import CHECKPOINT_ENV

from ..conftest import course_in, lessons_of
from .conftest import start_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
VISIBILITY_TIMEOUT = 5


@pytest.fixture
def checkpoint(tmp_path):
    folder = tmp_path / "checkpoint"
    folder.mkdir()
    return folder


@pytest.fixture
def worker_env(checkpoint, tmp_path):
    return {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT), CHECKPOINT_ENV: str(checkpoint),
            "ACADEMY_BADGE_KEY_PATH": str(tmp_path / "keys" / "badge.pem")}


def runs_at_checkpoint(checkpoint):
    """(worker pid, certificate code) for each run of the task that reached it."""
    marks = checkpoint / "reached"
    lines = marks.read_text().splitlines() if marks.exists() else []
    return [tuple(line.split()) for line in lines]


def test_a_worker_killed_mid_task_leaves_one_certificate_after_redelivery(
        worker_queue, worker_env, checkpoint, django_user_model, tmp_path):
    queue, first_log = worker_queue
    (checkpoint / "hold").touch()  # the first run will wait after saving the row
    user = django_user_model.objects.create_user(username="kim@example.org", password="x",
                                                 first_name="Kim", last_name="Ortega")
    course = course_in("en")
    progress.enrol(user, course)
    for lesson in lessons_of(course):  # the last one commits → signal → task on Redis
        progress.complete_step(user, lesson, course.translation_key)

    assert wait_for(lambda: runs_at_checkpoint(checkpoint), 60), first_log.read_text()
    ((first_pid, code),) = runs_at_checkpoint(checkpoint)
    row = Certificate.objects.get(user=user)
    assert row.code == code and not row.pdf and not row.badge  # mid-task

    os.kill(int(first_pid), signal.SIGKILL)  # the fixture's worker (solo pool: the task runs in it)
    (checkpoint / "hold").unlink()
    second_log = tmp_path / "second-worker.log"
    second = start_worker(queue, second_log, worker_env)
    try:
        def issued():
            certificate = Certificate.objects.filter(user=user).first()
            return certificate is not None and certificate.is_ready

        # Redelivery waits for the visibility timeout, then the worker's restore cycle (10 s).
        assert wait_for(issued, 90), second_log.read_text()
    finally:
        second.terminate()
        second.wait(timeout=30)

    runs = runs_at_checkpoint(checkpoint)
    assert len(runs) == 2 and runs[1][0] != first_pid  # the same task ran again, elsewhere
    assert runs[1][1] == code
    certificate = Certificate.objects.get(user=user)
    assert Certificate.objects.filter(user=user).count() == 1
    assert certificate.code == code and read_bytes(certificate.pdf).startswith(b"%PDF")
    assert "credentials.tasks.issue_certificate" in second_log.read_text()
    assert "succeeded" in second_log.read_text()
