"""Essays graded by people: a learner's free-text answer waits for a trainer or a
facilitator of the learner's cohort, who grades it with the question's rubric (or a
mark) and written feedback; the attempt then gets its grade, a pass completes the
step, and the learner is notified and reads the feedback in the review."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Locale

from courses import progress
from courses.models import Cohort, CohortMembership, StepProgress
from courses.roles import FACILITATORS, TRAINERS
from quizzes import gift
from quizzes.bank_io import export_gift, import_gift
from quizzes.models import Attempt, Question, QuestionCategory
from sse_notifications.models import Notification

from .conftest import course_in
from .quiz_builders import make_question, make_quiz
from .test_quizzes import form_for, start, url

pytestmark = pytest.mark.django_db

RUBRIC = [{"name": "Need", "levels": [{"points": 0, "label": "Not stated"},
                                      {"points": 2, "label": "Stated"}]},
          {"name": "Clients", "levels": [{"points": 0, "label": "Vague"},
                                         {"points": 1, "label": "Named"},
                                         {"points": 2, "label": "Named and sized"}]}]
GRADER_INFO = "Look for a need the group itself has seen."


def make_essay(criteria=RUBRIC):
    return Question.objects.create(
        locale=Locale.objects.get(language_code="en"),
        category=QuestionCategory.objects.get_or_create(name="Plans")[0],
        translation_key=uuid.uuid4(), name="Your idea", text="<p>Describe your idea.</p>",
        spec=[{"type": "essay", "value": {"criteria": criteria, "grader_info": GRADER_INFO,
                                          "response_lines": 8}}])


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def person(django_user_model, name, role=None):
    user = django_user_model.objects.create_user(username=f"{name}@example.org",
                                                 email=f"{name}@example.org", password="x")
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def setting(learner, django_user_model):
    """A quiz (a single-choice question, then an essay with a rubric) that the learner,
    a member of the Dakar cohort, has submitted; its facilitator, another cohort's
    facilitator and a trainer."""
    course = course_in("en")
    progress.enrol(learner, course)
    quiz = make_quiz([make_question("single"), make_essay()], languages=("en",),
                     pass_mark=70)["en"]
    dakar = Cohort.objects.create(name="Dakar 2026", course=course, language="en")
    lima = Cohort.objects.create(name="Lima 2026", course=course, language="en")
    CohortMembership.objects.create(cohort=dakar, user=learner)
    facilitator = person(django_user_model, "fatou", FACILITATORS)
    dakar.facilitators.add(facilitator)
    stranger = person(django_user_model, "lucia", FACILITATORS)
    lima.facilitators.add(stranger)
    learner_client = client_for(learner)
    attempt = start(learner_client, quiz)
    data = form_for(attempt, {"single": 0})
    essay_name = f"a{[s['kind'] for s in attempt.layout].index('essay') + 1}"
    data[essay_name] = "A shared grain mill: members lose a day a week going to town."
    learner_client.post(url("sse_quizzes:submit", attempt.pk), data)
    attempt.refresh_from_db()
    return {"quiz": quiz, "attempt": attempt, "learner": learner_client,
            "facilitator": client_for(facilitator), "stranger": client_for(stranger),
            "trainer": client_for(person(django_user_model, "tom", TRAINERS)),
            "essay_key": next(s["key"] for s in attempt.layout if s["kind"] == "essay")}


def test_a_submitted_essay_waits_for_a_grader_and_the_step_stays_open(setting, learner):
    attempt = setting["attempt"]
    assert attempt.awaiting_grading and attempt.grade is None and attempt.passed is None
    assert attempt.results[setting["essay_key"]]["pending"] is True
    assert not StepProgress.objects.filter(user=learner, completed_at__isnull=False,
                                           step_key=setting["quiz"].translation_key).exists()
    review = setting["learner"].get(url("sse_quizzes:review", attempt.pk)).content.decode()
    assert "Awaiting grading by your trainer or facilitator." in review
    assert GRADER_INFO not in review
    page = setting["learner"].get(setting["quiz"].url).content.decode()
    assert "Awaiting grading" in page


def test_the_queue_shows_each_grader_the_attempts_they_may_grade(setting):
    attempt = setting["attempt"]
    queue = setting["facilitator"].get(url("sse_quizzes:grading"))
    assert queue.status_code == 200 and str(attempt.pk) in queue.content.decode()
    assert str(attempt.pk) in setting["trainer"].get(
        url("sse_quizzes:grading") + f"?quiz={attempt.quiz_key}").content.decode()
    assert str(attempt.pk) not in setting["stranger"].get(url("sse_quizzes:grading")).content.decode()
    assert setting["stranger"].get(url("sse_quizzes:grade", attempt.pk)).status_code == 404
    assert setting["learner"].get(url("sse_quizzes:grading")).status_code == 403
    grading_page = setting["facilitator"].get(url("sse_quizzes:grade", attempt.pk)).content.decode()
    assert "A shared grain mill" in grading_page and GRADER_INFO in grading_page


def test_grading_with_the_rubric_gives_the_grade_completes_the_step_and_tells_the_learner(
        setting, learner):
    attempt = setting["attempt"]
    response = setting["facilitator"].post(url("sse_quizzes:grade", attempt.pk), {
        "question": setting["essay_key"], "level-0": "1", "level-1": "1",
        "feedback": "Clear need; now size your clients."})
    assert response.status_code == 302
    attempt.refresh_from_db()
    # single choice right (1 mark) + essay 3 of 4 points (0.75 mark) = 1.75 of 2
    assert not attempt.awaiting_grading and attempt.grade == 87.5 and attempt.passed
    assert StepProgress.objects.filter(user=learner, completed_at__isnull=False,
                                       step_key=setting["quiz"].translation_key).exists()
    note = Notification.objects.get(recipient=learner)
    assert note.url == url("sse_quizzes:review", attempt.pk) and note.params["grade"] == "87.5 %"
    review = setting["learner"].get(url("sse_quizzes:review", attempt.pk)).content.decode()
    assert "Clear need; now size your clients." in review
    assert "Clients: Named (1 of 2 points)" in review
    again = setting["trainer"].post(url("sse_quizzes:grade", attempt.pk), {
        "question": setting["essay_key"], "level-0": "0", "level-1": "0"})
    assert again.status_code == 409
    attempt.refresh_from_db()
    assert attempt.grade == 87.5


@pytest.mark.parametrize("levels", [{}, {"level-0": "1"}, {"level-0": "2", "level-1": "0"},
                                    {"level-0": "x", "level-1": "0"}])
def test_every_criterion_needs_one_of_its_levels(setting, levels):
    attempt = setting["attempt"]
    response = setting["trainer"].post(url("sse_quizzes:grade", attempt.pk),
                                       {"question": setting["essay_key"], **levels})
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.awaiting_grading


def test_without_criteria_the_grader_gives_a_mark(learner, django_user_model):
    course = course_in("en")
    progress.enrol(learner, course)
    quiz = make_quiz([make_essay(criteria=[])], languages=("en",), pass_mark=50)["en"]
    learner_client = client_for(learner)
    attempt = start(learner_client, quiz)
    learner_client.post(url("sse_quizzes:submit", attempt.pk),
                        {"present": ["a1"], "a1": "My idea is a bakery."})
    trainer = client_for(person(django_user_model, "tom", TRAINERS))
    key = attempt.layout[0]["key"]
    assert trainer.post(url("sse_quizzes:grade", attempt.pk),
                        {"question": key, "mark": "1.5"}).status_code == 400
    trainer.post(url("sse_quizzes:grade", attempt.pk), {"question": key, "mark": "0,4"})
    attempt.refresh_from_db()
    assert attempt.grade == 40.0 and attempt.passed is False


def test_an_empty_essay_earns_nothing_without_waiting(learner):
    progress.enrol(learner, course_in("en"))
    quiz = make_quiz([make_essay()], languages=("en",))["en"]
    client = client_for(learner)
    attempt = start(client, quiz)
    client.post(url("sse_quizzes:submit", attempt.pk), {"present": ["a1"], "a1": "  "})
    attempt.refresh_from_db()
    assert not attempt.awaiting_grading and attempt.grade == 0.0


def test_an_overlong_essay_is_refused(learner):
    progress.enrol(learner, course_in("en"))
    quiz = make_quiz([make_essay()], languages=("en",))["en"]
    client = client_for(learner)
    attempt = start(client, quiz)
    response = client.post(url("sse_quizzes:save", attempt.pk),
                           {"present": ["a1"], "a1": "x" * 20_001})
    assert response.status_code == 400
    assert Attempt.objects.get(pk=attempt.pk).answers == {}


def test_essays_and_their_rubric_in_gift(db):
    source = ("$CATEGORY: Plans\n\n// [criterion:Need|0 Not stated|2 Stated]\n"
              "// [criterion:Clients \\| markets|0 Vague|2 Named \\] sized]\n"
              "::Idea:: Describe your business idea. {####Think of your clients.}\n\n"
              "::Moodle essay::How are you?{}\n")
    check = import_gift(source)
    assert check.problems == []
    idea = Question.objects.get(name="Idea")
    assert idea.kind == "essay" and idea.general_feedback == "Think of your clients."
    assert idea.spec_data()["criteria"] == [
        {"name": "Need", "levels": [{"points": 0, "label": "Not stated"},
                                    {"points": 2, "label": "Stated"}]},
        {"name": "Clients | markets", "levels": [{"points": 0, "label": "Vague"},
                                                 {"points": 2, "label": "Named ] sized"}]}]
    assert Question.objects.get(name="Moodle essay").spec_data()["criteria"] == []
    text = export_gift(Question.objects.order_by("id"))
    assert "::Idea::[html]<p>Describe your business idea.</p>{####Think of your clients.}" in text
    again = gift.parse(text)
    assert [q.spec for q in again.questions] == [q.spec for q in check.questions]


def test_graders_find_the_queue_from_the_cohort_and_the_quiz(setting):
    attempt = setting["attempt"]
    cohort = Cohort.objects.get(name="Dakar 2026")
    dashboard = setting["facilitator"].get(url("sse_facilitation:dashboard", cohort.pk))
    assert f'{url("sse_quizzes:grading")}?cohort={cohort.pk}' in dashboard.content.decode()
    queue = setting["facilitator"].get(url("sse_quizzes:grading") + f"?cohort={cohort.pk}")
    assert str(attempt.pk) in queue.content.decode()
    other = Cohort.objects.get(name="Lima 2026")
    assert str(attempt.pk) not in setting["trainer"].get(
        url("sse_quizzes:grading") + f"?cohort={other.pk}").content.decode()
