import uuid

from celery import shared_task

from . import progress


@shared_task(acks_late=True, autoretry_for=(Exception,), max_retries=3, retry_backoff=True)
def recompute_course_progress(course_key):
    """Recount every enrolment of a course. Idempotent: the result depends only on
    the current tree and progress rows, so a retry or duplicate does no harm."""
    return progress.recompute_course(uuid.UUID(str(course_key)))
