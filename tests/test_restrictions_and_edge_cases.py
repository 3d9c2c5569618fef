"""Restricted or unpublished parts of a course, and odd input, found in review."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from courses import progress
from courses.models import Cohort, Enrolment, StepProgress

from .conftest import lessons_of

pytestmark = pytest.mark.django_db


def complete_url(step):
    with translation.override("en"):
        return reverse("sse_courses:complete", args=[step.id])


@pytest.fixture
def group_only_module(course_en):
    """The first module, in every language, is open only to a group the learner is not in."""
    module = lessons_of(course_en)[0].get_parent()
    group = Group.objects.create(name="Pilot group")
    for copy in module.get_translations(inclusive=True):
        restriction = PageViewRestriction.objects.create(
            page=copy, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(group)
    return module


def test_step_under_a_restricted_module_cannot_be_completed(
    learner_client, learner, course_en, group_only_module
):
    progress.enrol(learner, course_en)
    lesson = lessons_of(course_en)[0]
    response = learner_client.post(complete_url(lesson))
    assert response.status_code == 404
    assert not StepProgress.objects.filter(user=learner).exists()


def test_restricted_module_is_left_out_of_outline_and_progress(
    learner_client, learner, course_en, group_only_module
):
    progress.enrol(learner, course_en)
    html = learner_client.get(course_en.url).content.decode()
    assert group_only_module.title not in html.replace("&#x27;", "'")
    assert Enrolment.objects.get(user=learner).total_steps == 2


def test_unpublished_module_hides_its_steps_and_course_can_still_be_finished(
    learner, course_en, client, django_capture_on_commit_callbacks
):
    progress.enrol(learner, course_en)
    lessons = lessons_of(course_en)
    first_module = lessons[0].get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        for copy in first_module.get_translations(inclusive=True):
            copy.unpublish()
    client.force_login(learner)
    html = client.get(course_en.url).content.decode()
    assert lessons[0].title not in html.replace("&#x27;", "'")
    for lesson in lessons[2:]:
        progress.complete_step(learner, lesson, course_en.translation_key)
    enrolment = Enrolment.objects.get(user=learner)
    assert (enrolment.completed_steps, enrolment.total_steps) == (2, 2)
    assert enrolment.completed_at is not None


def test_anonymous_visitor_learns_nothing_about_page_ids(client, course_en):
    for page_id in (course_en.id, 999999):
        response = client.post(complete_url(course_en).replace(str(course_en.id), str(page_id)))
        assert response.status_code == 403


def test_switcher_does_not_reveal_restricted_pages(client, course_en, group_only_module):
    lesson = lessons_of(course_en)[0]
    lesson.get_translation(Locale.objects.get(language_code="fr")).unpublish()
    response = client.get(f"/en/language/fr/?page={lesson.id}", follow=True)
    assert lesson.title not in response.content.decode().replace("&#x27;", "'")
    assert response.redirect_chain[0][0] == "/fr/"


@pytest.mark.parametrize("page_param", ["%C2%B2", "-1", "abc", "9" * 30])
def test_switcher_ignores_malformed_page_ids(client, page_param):
    response = client.get(f"/en/language/es/?page={page_param}")
    assert response.status_code == 302 and response["Location"] == "/es/"


def test_join_codes_typed_in_lowercase_by_staff_still_match(learner_client, learner, course_en):
    cohort = Cohort.objects.create(name="Lima", course=course_en, language="es",
                                   join_code="lima-26")
    assert cohort.join_code == "LIMA-26"
    response = learner_client.post("/en/learn/cohorts/join/", {"code": "Lima-26"})
    assert response.status_code == 302
    assert cohort.memberships.filter(user=learner).exists()


def test_a_very_deep_url_is_a_plain_404(client):
    assert client.get("/en/" + "a/" * 500).status_code == 404


def test_saving_answers_honours_next(learner_client, learner, course_en):
    progress.enrol(learner, course_en)
    lesson = next(lesson for lesson in lessons_of(course_en) if lesson.has_activities())
    block = next(b for b in lesson.body if b.block_type == "activity")
    with translation.override("en"):
        url = reverse("sse_courses:save_activity", args=[lesson.id, block.id])
    response = learner_client.post(url, {"next": course_en.url})
    assert response.status_code == 302 and response["Location"] == course_en.url
