"""Activity blocks: answers saved per learner, shown again, in every language."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses import progress
from courses.models import StepProgress

from .conftest import lessons_of

pytestmark = pytest.mark.django_db


def lesson_with_activity(course):
    return next(lesson for lesson in lessons_of(course) if lesson.has_activities())


def activity_of(lesson):
    return next(block for block in lesson.body if block.block_type == "activity")


def save_url(lesson, block_id):
    with translation.override("en"):
        return reverse("sse_courses:save_activity", args=[lesson.id, block_id])


def field_names(block):
    names = []
    for child in block.value["fields"]:
        if child.block_type == "grid":
            names += [f"{child.id}:{r}:{c}" for r in range(len(child.value["rows"]))
                      for c in range(len(child.value["columns"]))]
        else:
            names.append(child.id)
    return names


@pytest.fixture
def enrolled(learner, course_en):
    progress.enrol(learner, course_en)
    return learner


def test_answers_are_saved_and_shown_again_in_another_language(
    enrolled, learner_client, course_en, course_es
):
    lesson = lesson_with_activity(course_en)
    block = activity_of(lesson)
    names = field_names(block)
    response = learner_client.post(save_url(lesson, block.id), {
        names[0]: "Cooperativa de reciclaje", names[1]: "Asamblea mensual <script>x</script>",
    })
    assert response.status_code == 302
    saved = StepProgress.objects.get(user=enrolled, step_key=lesson.translation_key)
    assert saved.answers == {block.id: {names[0]: "Cooperativa de reciclaje",
                                        names[1]: "Asamblea mensual <script>x</script>"}}
    lesson_es = lesson.get_translation(course_es.locale)
    html = learner_client.get(lesson_es.url).content.decode()
    assert 'value="Cooperativa de reciclaje"' in html
    assert "Asamblea mensual &lt;script&gt;x&lt;/script&gt;" in html  # escaped, never run


def test_unknown_field_is_refused_and_nothing_saved(enrolled, learner_client, course_en):
    lesson = lesson_with_activity(course_en)
    block = activity_of(lesson)
    response = learner_client.post(save_url(lesson, block.id), {"price": "12", "hack": "x"})
    assert response.status_code == 400
    assert "no field named" in response.content.decode()
    assert not StepProgress.objects.exclude(answers={}).exists()


def test_overlong_answer_is_refused(enrolled, learner_client, course_en):
    lesson = lesson_with_activity(course_en)
    block = activity_of(lesson)
    response = learner_client.post(save_url(lesson, block.id), {field_names(block)[0]: "x" * 5000})
    assert response.status_code == 400
    assert not StepProgress.objects.exclude(answers={}).exists()


def test_unknown_activity_is_a_404(enrolled, learner_client, course_en):
    lesson = lesson_with_activity(course_en)
    assert learner_client.post(save_url(lesson, "not-a-block")).status_code == 404


def test_not_enrolled_cannot_save(learner_client, learner, course_en):
    lesson = lesson_with_activity(course_en)
    block = activity_of(lesson)
    response = learner_client.post(save_url(lesson, block.id), {field_names(block)[0]: "x"})
    assert response.status_code == 403
    assert not StepProgress.objects.exclude(answers={}).exists()


def test_saving_by_get_is_refused(enrolled, learner_client, course_en):
    lesson = lesson_with_activity(course_en)
    assert learner_client.get(save_url(lesson, activity_of(lesson).id)).status_code == 405


def test_answers_stay_private(enrolled, learner_client, other_learner, course_en):
    lesson = lesson_with_activity(course_en)
    block = activity_of(lesson)
    learner_client.post(save_url(lesson, block.id), {field_names(block)[0]: "My secret plan"})
    progress.enrol(other_learner, course_en)
    other = Client()
    other.force_login(other_learner)
    assert "My secret plan" not in other.get(lesson.url).content.decode()
