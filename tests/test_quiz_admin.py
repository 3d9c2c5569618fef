"""Trainer tools in the admin: GIFT export, quiz reports, preview (the GIFT import:
test_gift_import_admin.py)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from courses import progress
from courses.roles import TRAINERS
from quizzes import services

from .conftest import course_in
from .quiz_builders import make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(django_user_model):
    trainer = django_user_model.objects.create_user(username="tr@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(trainer)
    return client


def test_learners_cannot_use_trainer_tools(learner_client):
    for url in ("/admin/quizzes/import-gift/", "/admin/quizzes/export-gift/"):
        assert learner_client.get(url).status_code in (302, 403)


def test_report_and_csv(trainer_client, learner, learner_client):
    quiz = make_quiz([make_question("single"), make_question("truefalse")], languages=("en",))["en"]
    progress.enrol(learner, course_in("en"))
    attempt, _ = services.start_attempt(quiz, learner, course_in("en").translation_key)

    class Posted(dict):
        def getlist(self, name):
            return self.get(name, [])

    services.submit(attempt.pk, learner, Posted(present=["a1", "a2"], a1="0", a2="true"), quiz)
    report = trainer_client.get(f"/admin/quizzes/{quiz.id}/report/").content.decode()
    assert "Submitted attempts: 1" in report and "A cooperative" in report
    learner.first_name = "=HYPERLINK(\"http://evil\")"
    learner.save()
    csv = trainer_client.get(f"/admin/quizzes/{quiz.id}/report.csv").content.decode()
    assert "ana@example.org" in csv.splitlines()[1]
    assert "'=HYPERLINK" in csv  # a learner's name cannot become a spreadsheet formula
    assert learner_client.get(f"/admin/quizzes/{quiz.id}/report/").status_code in (302, 403)


def test_trainer_preview_shows_the_right_answer():
    question = make_question("numeric")
    response = question.make_preview_request()
    assert response.status_code == 200
    assert "12.5 ± 0.5 %" in response.content.decode()
