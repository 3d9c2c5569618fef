"""Wagtail's "As a learner" preview of lessons and quizzes (issue #19): the page as an
enrolled learner sees it before starting, and a quiz's questions as in an attempt, with
no right answer or feedback anywhere in the HTML."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses import progress
from courses.models import Enrolment
from courses.roles import TRAINERS
from quizzes.models import QuizPage

from .conftest import course_in, lessons_of
from .quiz_builders import SPECS, make_question, make_quiz
from .test_page_editor_blocks import editor_form, stream

pytestmark = pytest.mark.django_db

HIDDEN = ["Yes: members own it.", "Shareholders own it.", "Think again.", "Close.",
          "Économie sociale", "12.5", "Start with the basics.", "Right answer:",
          "Cooperative → One member", "fraction"]


@pytest.fixture
def trainer(django_user_model):
    user = django_user_model.objects.create_user(username="tess@example.org", password="x")
    user.groups.add(Group.objects.get(name=TRAINERS))
    return user


@pytest.fixture
def trainer_client(trainer):
    client = Client()
    client.force_login(trainer)
    return client


def preview(client, page, form, mode):
    url = f"/admin/pages/{page.id}/edit/preview/"
    checked = client.post(url, form)
    assert checked.json() == {"is_valid": True, "is_available": True}, checked.content[:800]
    shown = client.get(url, {"mode": mode})
    assert shown.status_code == 200
    return shown.content.decode()


def test_a_lesson_previewed_as_a_learner_shows_the_enrolled_page_without_progress(
        trainer, trainer_client):
    lesson = lessons_of(course_in("en"))[0]
    # The trainer has done the step: the learner's view must not show it.
    Enrolment.objects.create(user=trainer, course_key=course_in("en").translation_key)
    progress.complete_step(trainer, lesson, course_in("en").translation_key)
    body = [("heading", "Your idea"), ("activity", {
        "title": "Name it", "instruction": rich_text("<p>Write it down.</p>"),
        "fields": stream([("text", "Name of your business idea")])})]
    form = {**editor_form(lesson, body), "completion_rule": "manual"}

    as_learner = preview(trainer_client, lesson, form, "learner")
    assert "Name of your business idea" in as_learner
    assert 'name="csrfmiddlewaretoken"' in as_learner
    assert "Save my answers" in as_learner
    assert "You have completed this step." not in as_learner
    assert "Mark as complete" in as_learner

    as_trainer = preview(trainer_client, lesson, form, "")
    assert "You have completed this step." in as_trainer


def quiz_form(quiz):
    return nested_form_data({
        "title": quiz.title, "slug": quiz.slug, "intro": rich_text("<p>Check.</p>"),
        "questions": stream([("question", block.value.pk) for block in quiz.questions]),
        "pass_mark": "60", "max_attempts": "0", "min_delay_minutes": "0",
        "time_limit_minutes": "0", "grading_method": "highest", "closes_at": "",
        "estimated_minutes": "10", "comments": inline_formset([]),
        **{f"review_{moment}_{item}": "on" for moment in ("after", "closed")
           for item in ("correctness", "marks", "feedback", "right_answers")},
    })


def test_a_quiz_previewed_as_a_learner_shows_the_questions_and_no_answer(trainer_client):
    questions = [make_question(kind, text=f"Question about {kind}?") for kind in SPECS]
    quiz = QuizPage.objects.get(pk=make_quiz(questions, languages=("en",))["en"].pk)
    quiz.save_revision().publish()

    html = preview(trainer_client, quiz, quiz_form(quiz), "learner")
    for kind in SPECS:
        assert f"Question about {kind}?" in html
    assert "A listed company" in html and "One member, one vote" in html  # the options
    for secret in HIDDEN + [f"General {kind}." for kind in SPECS]:
        assert secret not in html, secret
    assert "Start the quiz" not in html
