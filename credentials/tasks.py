import os
import time
from pathlib import Path

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import OperationalError

from . import services

# Test-only: when this environment variable names a folder, the task records that it
# reached the point between "row saved" and "documents stored", and waits there while
# a file named "hold" exists — so a test can kill the worker mid-task.
CHECKPOINT_ENV = "ACADEMY_CREDENTIALS_TEST_CHECKPOINT"


def checkpoint(certificate):
    folder = os.environ.get(CHECKPOINT_ENV)
    if not folder:
        return
    folder = Path(folder)
    with (folder / "reached").open("a") as marks:
        marks.write(f"{os.getpid()} {certificate.code}\n")
    deadline = time.monotonic() + 300
    while (folder / "hold").exists() and time.monotonic() < deadline:
        time.sleep(0.2)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), max_retries=5, retry_backoff=True)
def issue_certificate(user_id, course_key, language):
    """Issue a learner's certificate for a completed course. Idempotent: a rerun (a
    retry, or a redelivery after the worker died) finds the certificate and only
    finishes what is missing; it never issues a second code."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    certificate = services.start_certificate(user, course_key, language)
    if certificate is None:
        return None
    checkpoint(certificate)
    services.finish_certificate(certificate)
    return certificate.code
