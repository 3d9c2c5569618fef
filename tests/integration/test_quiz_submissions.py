"""Two simultaneous submissions of one attempt give exactly one graded submission."""

import threading

import pytest
from django.db import connection

from courses import progress
from courses.permissions import Refused
from quizzes import services
from quizzes.models import Attempt

from ..conftest import course_in, on_postgres, require
from ..quiz_builders import SPECS, make_question, make_quiz

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class Posted(dict):
    def getlist(self, name):
        value = self.get(name, [])
        return value if isinstance(value, list) else [value]


def test_parallel_submissions_grade_once(catalog, django_user_model):
    require(on_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    user = django_user_model.objects.create_user(username="q@example.org", password="x")
    course = course_in("en")
    progress.enrol(user, course)
    quiz = make_quiz([make_question(kind) for kind in SPECS], languages=("en",))["en"]
    attempt, _ = services.start_attempt(quiz, user, course.translation_key)
    single = next(n for n, s in enumerate(attempt.layout, start=1) if s["kind"] == "single")
    data = Posted(present=[f"a{single}"], **{f"a{single}": "0"})
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            services.submit(attempt.pk, user, data, quiz)
            outcomes.append("graded")
        except Refused as refused:
            outcomes.append(refused.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == [409, "graded"]
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.submitted_at is not None
    assert Attempt.objects.filter(user=user).count() == 1
