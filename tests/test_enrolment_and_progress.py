"""Enrolment and lesson completion: by POST only, permission-checked, keyed by translation."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses import progress
from courses.models import Enrolment, StepProgress

from .conftest import lessons_of

pytestmark = pytest.mark.django_db


def enrol_url(course):
    with translation.override("en"):
        return reverse("sse_courses:enrol", args=[course.id])


def complete_url(step):
    with translation.override("en"):
        return reverse("sse_courses:complete", args=[step.id])


def test_learner_enrols_by_post_and_sees_progress(learner_client, learner, course_en):
    response = learner_client.post(enrol_url(course_en), {"next": course_en.url})
    assert response.status_code == 302
    assert Enrolment.objects.filter(user=learner, course_key=course_en.translation_key).count() == 1
    page = learner_client.get(course_en.url)
    assert "0% — 0 of 4 steps" in page.content.decode()
    # Enrolling twice keeps one enrolment.
    learner_client.post(enrol_url(course_en))
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_enrol_by_get_is_refused_and_writes_nothing(learner_client, learner, course_en):
    response = learner_client.get(enrol_url(course_en))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "only accepts form submissions" in response.content.decode()
    assert not Enrolment.objects.filter(user=learner).exists()


def test_anonymous_cannot_enrol(client, course_en):
    response = client.post(enrol_url(course_en))
    assert response.status_code == 403
    assert "log in" in response.content.decode().lower()
    assert not Enrolment.objects.exists()


def test_unpublished_course_cannot_be_enrolled_in(learner_client, learner, course_en):
    course_en.unpublish()
    response = learner_client.post(enrol_url(course_en))
    assert response.status_code == 404
    assert "not available" in response.content.decode()
    assert not Enrolment.objects.filter(user=learner).exists()


def test_unknown_course_id_is_a_404(learner_client):
    with translation.override("en"):
        url = reverse("sse_courses:enrol", args=[999999])
    assert learner_client.post(url).status_code == 404


def test_post_without_csrf_token_is_refused(csrf_client, learner, course_en):
    response = csrf_client.post(enrol_url(course_en))
    assert response.status_code == 403
    assert "security token" in response.content.decode()
    assert not Enrolment.objects.filter(user=learner).exists()


def test_completing_a_lesson_without_enrolment_is_refused(learner_client, learner, course_en):
    lesson = lessons_of(course_en)[0]
    response = learner_client.post(complete_url(lesson))
    assert response.status_code == 403
    assert "Enrol in this course first" in response.content.decode()
    assert not StepProgress.objects.filter(user=learner).exists()


def test_anonymous_cannot_complete(client, course_en):
    response = client.post(complete_url(lessons_of(course_en)[0]))
    assert response.status_code == 403
    assert not StepProgress.objects.exists()


def test_completing_a_non_step_page_is_a_404(learner_client, course_en):
    learner_client.post(enrol_url(course_en))
    response = learner_client.post(complete_url(course_en))
    assert response.status_code == 404


def test_lesson_of_unpublished_module_cannot_be_completed(learner_client, learner, course_en):
    learner_client.post(enrol_url(course_en))
    lesson = lessons_of(course_en)[0]
    lesson.get_parent().specific.unpublish()
    response = learner_client.post(complete_url(lesson))
    assert response.status_code == 404
    assert not StepProgress.objects.filter(user=learner, completed_at__isnull=False).exists()


def test_progress_in_french_shows_in_english_and_spanish(
    learner_client, learner, course_fr, course_en, course_es
):
    learner_client.post(enrol_url(course_fr))
    lesson_fr = lessons_of(course_fr)[0]
    response = learner_client.post(complete_url(lesson_fr), {"next": lesson_fr.url})
    assert response.status_code == 302
    for course, language in ((course_en, "en"), (course_es, "es"), (course_fr, "fr")):
        html = learner_client.get(course.url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert "25%" in html, language
        lesson_html = learner_client.get(lessons_of(course)[0].url).content.decode()
        assert "done-note" in lesson_html  # "You have completed this step", in any language
        assert "Mark as complete" not in lesson_html


def test_completion_is_recorded_once(learner_client, learner, course_en):
    learner_client.post(enrol_url(course_en))
    lesson = lessons_of(course_en)[0]
    learner_client.post(complete_url(lesson))
    first = StepProgress.objects.get(user=learner, step_key=lesson.translation_key).completed_at
    learner_client.post(complete_url(lesson))
    row = StepProgress.objects.get(user=learner, step_key=lesson.translation_key)
    assert row.completed_at == first
    assert Enrolment.objects.get(user=learner).completed_steps == 1


def test_lesson_with_view_rule_completes_when_opened(learner_client, learner, course_en):
    learner_client.post(enrol_url(course_en))
    viewed = [lesson for lesson in lessons_of(course_en) if lesson.completion_rule == "view"]
    assert viewed, "the demo course has a lesson completed on viewing"
    html = learner_client.get(viewed[0].url).content.decode()
    assert "Mark as complete" not in html
    assert StepProgress.objects.get(user=learner, step_key=viewed[0].translation_key).completed_at


def test_viewing_without_enrolment_records_nothing(learner_client, learner, course_en):
    learner_client.get(lessons_of(course_en)[2].url)
    assert not StepProgress.objects.filter(user=learner).exists()


def test_continue_where_you_left_off_and_dashboard(learner_client, learner, course_en):
    learner_client.post(enrol_url(course_en))
    lessons = lessons_of(course_en)
    learner_client.post(complete_url(lessons[0]))
    learner_client.get(lessons[1].url)  # opened, not finished
    html = learner_client.get(course_en.url).content.decode()
    assert "Continue where you left off" in html
    assert f'href="{lessons[1].url}"' in html
    dashboard = learner_client.get("/en/dashboard/").content.decode()
    assert course_en.title in dashboard.replace("&#x27;", "'")
    assert "25%" in dashboard
    assert f'href="{lessons[1].url}"' in dashboard


def test_dashboard_requires_login(client):
    response = client.get("/en/dashboard/")
    assert response.status_code == 302
    assert "/en/accounts/login/" in response["Location"]


def test_course_completed_signal_is_sent_once(learner, course_en, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, user, course_key, **kwargs):
        received.append((user, course_key))

    progress.course_completed.connect(listener)
    try:
        progress.enrol(learner, course_en)
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in lessons_of(course_en):
                progress.complete_step(learner, lesson, course_en.translation_key)
            progress.complete_step(learner, lessons_of(course_en)[0], course_en.translation_key)
    finally:
        progress.course_completed.disconnect(listener)
    assert received == [(learner, course_en.translation_key)]
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.percent == 100 and enrolment.completed_at is not None


def test_restructuring_a_course_recounts_progress(learner, course_en, django_capture_on_commit_callbacks):
    progress.enrol(learner, course_en)
    lessons = lessons_of(course_en)
    progress.complete_step(learner, lessons[0], course_en.translation_key)
    assert Enrolment.objects.get(user=learner).total_steps == 4
    with django_capture_on_commit_callbacks(execute=True):
        for language_copy in lessons[3].get_translations(inclusive=True):
            language_copy.unpublish()
    enrolment = Enrolment.objects.get(user=learner)
    assert (enrolment.completed_steps, enrolment.total_steps) == (1, 3)


def test_other_learners_progress_is_not_shown(learner_client, other_learner, course_en):
    client = Client()
    client.force_login(other_learner)
    client.post(enrol_url(course_en))
    client.post(complete_url(lessons_of(course_en)[0]))
    learner_client.post(enrol_url(course_en))
    assert "0% — 0 of 4 steps" in learner_client.get(course_en.url).content.decode()
