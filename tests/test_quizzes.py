"""Taking quizzes: attempts, autosave, grading once, review options, and bad input."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from courses import progress
from courses.models import StepProgress
from quizzes.models import Attempt, QuestionCategory

from .conftest import course_in
from .quiz_builders import SPECS, make_question, make_quiz

pytestmark = pytest.mark.django_db

RIGHT = {"single": 0, "multiple": [0, 1], "truefalse": False, "numeric": "12.5",
         "short": "economie sociale", "matching": [0, 1, 2], "ordering": [0, 1, 2, 3],
         "likert": [2, 2]}
SECRETS = ["Yes: members own it.", "Shareholders own it.", "Think again.", "Close.",
           "Économie sociale", "12.5", "One member, one vote\" selected", "General single.",
           "You are ready for the next step.", "Start with the basics.", "fraction"]


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def form_for(attempt, responses):
    """POST data answering the attempt with spec-order responses (per kind)."""
    data = {"present": []}
    for n, slot in enumerate(attempt.layout, start=1):
        name, order, kind = f"a{n}", slot["order"], slot["kind"]
        data["present"].append(name)
        response = responses.get(kind)
        if response is None:
            continue
        if kind == "single":
            data[name] = str(order.index(response))
        elif kind == "multiple":
            data[name] = [str(order.index(i)) for i in response]
        elif kind == "truefalse":
            data[name] = "true" if response else "false"
        elif kind in ("numeric", "short"):
            data[name] = response
        elif kind == "matching":
            for i, match in enumerate(response):
                data[f"{name}-{i}"] = str(order.index(match))
        elif kind == "ordering":
            for d, item in enumerate(order):
                data[f"{name}-{d}"] = str(response.index(item) + 1)
        elif kind == "likert":
            for i, point in enumerate(response):
                data[f"{name}-{i}"] = str(point)
    return data


@pytest.fixture
def questions():
    return [make_question(kind) for kind in SPECS]


@pytest.fixture
def quizzes(questions):
    return make_quiz(questions, pass_mark=70, review_after_right_answers=False)


@pytest.fixture
def enrolled(learner):
    progress.enrol(learner, course_in("en"))
    return learner


def start(client, quiz, language="en"):
    response = client.post(url("sse_quizzes:start", quiz.id, language=language))
    assert response.status_code == 302, response.content.decode()[:500]
    return Attempt.objects.latest("started_at")


def test_a_learner_takes_a_quiz_and_passes(enrolled, learner_client, quizzes):
    quiz = quizzes["en"]
    attempt = start(learner_client, quiz)
    response = learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, RIGHT))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.grade == 100 and attempt.passed
    assert StepProgress.objects.get(user=enrolled, step_key=quiz.translation_key).completed_at
    review = learner_client.get(url("sse_quizzes:review", attempt.pk)).content.decode()
    assert "Yes: members own it." in review  # feedback shown after submitting
    assert "Right answer:" not in review  # this quiz shows right answers only once closed
    course_page = learner_client.get(course_in("en").url).content.decode()
    assert "Best grade: 100%" in course_page


def test_partial_answers_give_a_partial_grade_and_no_completion(enrolled, learner_client, quizzes):
    attempt = start(learner_client, quizzes["en"])
    answers = {**RIGHT, "single": 1, "multiple": [0], "numeric": "14", "ordering": [1, 0, 2, 3]}
    learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, answers))
    attempt.refresh_from_db()
    # 7 graded questions: 3 right, multiple 0.5, numeric 0.5, ordering 0.5, single 0
    assert attempt.score == pytest.approx(4.5)
    assert attempt.grade == pytest.approx(round(100 * 4.5 / 7, 2))
    assert attempt.passed is False
    assert not StepProgress.objects.filter(user=enrolled, completed_at__isnull=False).exists()


def test_no_answer_is_revealed_before_review(enrolled, learner_client, quizzes):
    quiz = quizzes["en"]
    pages = [learner_client.get(quiz.url)]
    attempt = start(learner_client, quiz)
    pages.append(learner_client.get(url("sse_quizzes:attempt", attempt.pk)))
    wrong = {"single": 1, "numeric": "3", "short": "no idea"}
    pages.append(learner_client.post(url("sse_quizzes:save", attempt.pk), form_for(attempt, wrong),
                                     HTTP_ACCEPT="application/json"))
    pages.append(learner_client.get(url("sse_quizzes:attempt", attempt.pk)))
    for page in pages:
        body = page.content.decode()
        for secret in SECRETS:
            assert secret not in body, (secret, page.request["PATH_INFO"])
    ordering = next(s for s in attempt.layout if s["kind"] == "ordering")
    assert ordering["order"] != sorted(ordering["order"])


def test_autosave_keeps_answers_across_reloads_and_languages(enrolled, learner_client, quizzes):
    attempt = start(learner_client, quizzes["fr"], language="fr")
    response = learner_client.post(url("sse_quizzes:save", attempt.pk, language="fr"),
                                   form_for(attempt, {"short": "mon idée"}),
                                   HTTP_ACCEPT="application/json")
    assert response.json() == {"saved": True}
    spanish = learner_client.get(url("sse_quizzes:attempt", attempt.pk, language="es"))
    assert 'value="mon idée"' in spanish.content.decode()
    # the Spanish quiz page offers to continue the same attempt, not a new one
    assert str(attempt.pk) in learner_client.get(quizzes["es"].url).content.decode()
    again = learner_client.post(url("sse_quizzes:start", quizzes["es"].id, language="es"))
    assert again["Location"].endswith(f"{attempt.pk}/")
    assert Attempt.objects.count() == 1


def test_submitting_twice_is_refused_and_changes_nothing(enrolled, learner_client, quizzes):
    attempt = start(learner_client, quizzes["en"])
    learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, RIGHT))
    attempt.refresh_from_db()
    before = (attempt.answers, attempt.results, attempt.submitted_at)
    second = learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, {"single": 1}))
    assert second.status_code == 409
    assert "already been submitted" in second.content.decode()
    save = learner_client.post(url("sse_quizzes:save", attempt.pk), form_for(attempt, {"single": 1}))
    assert save.status_code == 409
    attempt.refresh_from_db()
    assert (attempt.answers, attempt.results, attempt.submitted_at) == before


def test_nobody_else_can_read_save_or_submit_an_attempt(enrolled, learner_client, quizzes,
                                                        other_learner):
    attempt = start(learner_client, quizzes["en"])
    progress.enrol(other_learner, course_in("en"))
    intruder = Client()
    intruder.force_login(other_learner)
    for name in ("sse_quizzes:attempt", "sse_quizzes:review"):
        assert intruder.get(url(name, attempt.pk)).status_code == 404
    for name in ("sse_quizzes:save", "sse_quizzes:submit"):
        assert intruder.post(url(name, attempt.pk), form_for(attempt, RIGHT)).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers == {}


def test_time_limit_is_enforced_on_the_server(enrolled, learner_client, questions):
    quiz = make_quiz(questions, languages=("en",), time_limit_minutes=10)["en"]
    attempt = start(learner_client, quiz)
    learner_client.post(url("sse_quizzes:save", attempt.pk), form_for(attempt, {"single": 0}))
    saved_in_time = Attempt.objects.get(pk=attempt.pk).answers
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1))  # beyond the grace period
    late = learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, RIGHT))
    assert late.status_code == 409 and "time limit" in late.content.decode()
    attempt.refresh_from_db()
    assert attempt.answers == saved_in_time
    learner_client.get(quiz.url)  # the overdue attempt is graded on what was saved in time
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.score == 1.0


def test_attempt_limit_and_delay(enrolled, learner_client, questions):
    quiz = make_quiz(questions[:1], languages=("en",), max_attempts=1)["en"]
    attempt = start(learner_client, quiz)
    learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, {"single": 1}))
    refused = learner_client.post(url("sse_quizzes:start", quiz.id))
    assert refused.status_code == 403 and "all your attempts" in refused.content.decode()
    delayed = make_quiz(questions[:1], languages=("en",), min_delay_minutes=30)["en"]
    attempt = start(learner_client, delayed)
    learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, {"single": 1}))
    refused = learner_client.post(url("sse_quizzes:start", delayed.id))
    assert refused.status_code == 403 and "try again in 30 minutes" in refused.content.decode()
    assert Attempt.objects.filter(quiz_key=delayed.translation_key).count() == 1


@pytest.mark.parametrize("tamper", [
    lambda data: {**data, "a99": "1"},
    lambda data: {**data, "present": data["present"] + ["a99"]},
    lambda data: {**data, "a1": "7"},
    lambda data: {**data, "a1": "zero"},
    lambda data: {**data, "a4": "twelve"},
    lambda data: {**data, "a3": "maybe"},
    lambda data: {**data, "a7-0": "1", "a7-1": "1", "a7-2": "3", "a7-3": "4"},
    lambda data: {**data, "a5": "x" * 600},
    lambda data: {**data, "a7-0": "1", "a7-1": "01"},
    lambda data: {**data, "a7-0": "9"},
])
def test_answers_of_the_wrong_shape_are_refused(enrolled, learner_client, questions, tamper):
    quiz = make_quiz(questions, languages=("en",))["en"]
    attempt = start(learner_client, quiz)
    for name in ("sse_quizzes:save", "sse_quizzes:submit"):
        response = learner_client.post(url(name, attempt.pk), tamper(form_for(attempt, RIGHT)))
        assert response.status_code == 400, name
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers == {}


def test_quiz_rules_for_outsiders(client, learner_client, learner, quizzes):
    quiz = quizzes["en"]
    assert client.post(url("sse_quizzes:start", quiz.id)).status_code == 403
    assert learner_client.post(url("sse_quizzes:start", quiz.id)).status_code == 403  # not enrolled
    assert learner_client.get(url("sse_quizzes:start", quiz.id)).status_code == 405
    progress.enrol(learner, course_in("en"))
    quiz.unpublish()
    assert learner_client.post(url("sse_quizzes:start", quiz.id)).status_code == 404
    assert not Attempt.objects.exists()


def test_random_questions_are_drawn_from_a_category(enrolled, learner_client):
    category = QuestionCategory.objects.create(name="Pool")
    pool = [make_question("truefalse", category=category) for _ in range(5)]
    quiz = make_quiz([], languages=("en",))["en"]
    quiz.questions = [("random", {"category": category, "count": 3})]
    quiz.save_revision().publish()
    attempt = start(learner_client, quiz)
    keys = {slot["key"] for slot in attempt.layout}
    assert len(keys) == 3 and keys <= {str(q.translation_key) for q in pool}


def test_a_self_assessment_completes_the_step_without_a_grade(enrolled, learner_client):
    quiz = make_quiz([make_question("likert")], languages=("en",))["en"]
    attempt = start(learner_client, quiz)
    learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, {"likert": [2, 1]}))
    attempt.refresh_from_db()
    assert attempt.grade is None and attempt.passed
    review = learner_client.get(url("sse_quizzes:review", attempt.pk)).content.decode()
    assert "You are ready for the next step." in review and "Your score: 3" in review
    assert StepProgress.objects.get(user=enrolled, step_key=quiz.translation_key).completed_at


def test_the_quiz_step_cannot_be_marked_complete_by_hand(enrolled, learner_client, quizzes):
    response = learner_client.post(url("sse_courses:complete", quizzes["en"].id))
    assert response.status_code == 403
    assert not StepProgress.objects.filter(completed_at__isnull=False).exists()


def test_review_options_after_the_quiz_closes(enrolled, learner_client, questions):
    quiz = make_quiz(questions[:1], languages=("en",), review_after_feedback=False)["en"]
    attempt = start(learner_client, quiz)
    learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, {"single": 1}))
    review = learner_client.get(url("sse_quizzes:review", attempt.pk)).content.decode()
    assert "Shareholders own it." not in review and "Right answer:" not in review
    quiz.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    quiz.save_revision().publish()
    review = learner_client.get(url("sse_quizzes:review", attempt.pk)).content.decode()
    assert "Shareholders own it." in review and "Right answer: A cooperative" in review


def test_closing_the_quiz_ends_open_attempts(enrolled, learner_client, questions):
    closes = timezone.now() + datetime.timedelta(minutes=5)
    quiz = make_quiz(questions[:1], languages=("en",), closes_at=closes,
                     time_limit_minutes=60)["en"]
    attempt = start(learner_client, quiz)
    assert attempt.deadline == closes  # the closing time caps the time limit
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=1))
    response = learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, RIGHT))
    assert response.status_code == 409


def test_rules_come_from_the_default_language(enrolled, learner_client, questions):
    quizzes = make_quiz(questions[:1], max_attempts=1)
    for language in ("fr", "es"):  # translations not yet synchronised
        quizzes[language].max_attempts = 0
        quizzes[language].save_revision().publish()
    attempt = start(learner_client, quizzes["en"])
    learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, RIGHT))
    refused = learner_client.post(url("sse_quizzes:start", quizzes["fr"].id, language="fr"))
    assert refused.status_code == 403


def test_a_question_chosen_twice_appears_once(enrolled, learner_client, questions):
    quiz = make_quiz([questions[0], questions[0]], languages=("en",))["en"]
    assert len(start(learner_client, quiz).layout) == 1


def test_long_ordering_and_partial_ranks(enrolled, learner_client):
    from quizzes.models import Question
    question = make_question("ordering")
    items = [f"Step {n}" for n in range(1, 12)]
    question.spec = [{"type": "ordering", "value": {"items": items}}]
    question.save()
    quiz = make_quiz([Question.objects.get(pk=question.pk)], languages=("en",))["en"]
    attempt = start(learner_client, quiz)
    partial = {"present": ["a1"], "a1-0": "3"}
    assert learner_client.post(url("sse_quizzes:save", attempt.pk), partial).status_code == 302
    full = form_for(attempt, {"ordering": list(range(11))})
    learner_client.post(url("sse_quizzes:submit", attempt.pk), full)
    attempt.refresh_from_db()
    assert attempt.grade == 100


def test_a_deleted_question_does_not_break_an_open_attempt(enrolled, learner_client, questions):
    quiz = make_quiz(questions[:2], languages=("en",))["en"]
    attempt = start(learner_client, quiz)
    questions[0].delete()
    assert learner_client.get(url("sse_quizzes:attempt", attempt.pk)).status_code == 200
    response = learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, RIGHT))
    assert response.status_code == 302
    assert learner_client.get(url("sse_quizzes:review", attempt.pk)).status_code == 200


def test_review_is_closed_with_the_quiz(enrolled, learner_client, quizzes):
    attempt = start(learner_client, quizzes["en"])
    learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, RIGHT))
    quizzes["en"].unpublish()
    assert learner_client.get(url("sse_quizzes:review", attempt.pk)).status_code == 404
