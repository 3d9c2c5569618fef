"""Invariants that concurrency could break, proven on PostgreSQL."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from courses import progress
from courses.models import Enrolment, StepProgress

from ..conftest import course_in, lessons_of, on_postgres, require

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
SIMULTANEOUS = 8


@pytest.fixture(autouse=True)
def postgres_only(catalog):
    require(on_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")


def test_simultaneous_completions_leave_exactly_one_row(django_user_model):
    user = django_user_model.objects.create_user(username="race@example.org", password="x")
    course = course_in("en")
    lesson = lessons_of(course)[0]
    progress.enrol(user, course)
    barrier = threading.Barrier(SIMULTANEOUS)
    results, errors = [], []

    def complete():
        try:
            barrier.wait()
            results.append(progress.complete_step(user, lesson, course.translation_key))
        except Exception as error:  # reported below, with the test's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(SIMULTANEOUS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results.count(True) == 1
    assert StepProgress.objects.filter(user=user, step_key=lesson.translation_key).count() == 1
    assert Enrolment.objects.get(user=user).completed_steps == 1


def test_simultaneous_completions_of_different_steps_are_all_counted(django_user_model):
    user = django_user_model.objects.create_user(username="many@example.org", password="x")
    course = course_in("fr")
    lessons = lessons_of(course)
    progress.enrol(user, course)
    barrier = threading.Barrier(len(lessons))

    def complete(lesson):
        try:
            barrier.wait()
            progress.complete_step(user, lesson, course.translation_key)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete, args=(lesson,)) for lesson in lessons]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.completed_steps == len(lessons) == enrolment.total_steps
    assert enrolment.completed_at is not None


def test_the_database_refuses_a_second_progress_row(django_user_model):
    user = django_user_model.objects.create_user(username="dup@example.org", password="x")
    course = course_in("en")
    key = lessons_of(course)[0].translation_key
    now = timezone.now()
    StepProgress.objects.create(user=user, step_key=key, course_key=course.translation_key,
                                last_viewed_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        StepProgress.objects.create(user=user, step_key=key, course_key=course.translation_key,
                                    last_viewed_at=now)


def test_the_database_refuses_a_second_enrolment(django_user_model):
    user = django_user_model.objects.create_user(username="twice@example.org", password="x")
    key = course_in("en").translation_key
    Enrolment.objects.create(user=user, course_key=key)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(user=user, course_key=key)
