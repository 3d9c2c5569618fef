"""A task travels through Redis to a real Celery worker, which writes to PostgreSQL."""

import pytest
from django.conf import settings

from courses import progress
from courses.models import Enrolment

from ..conftest import course_in, lessons_of
from .conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


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
