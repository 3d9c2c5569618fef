"""A long course's pages stay small: every module with the learner's progress in it,
the steps of one module only, and every step one click further (its module page).
The dashboard reads the enrolment's counters and still leads to where to go on."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from bench.builders import build_course, learner_with_progress
from courses import progress
from courses.models import ModulePage

from .conftest import lessons_of

pytestmark = pytest.mark.django_db
LESSON_HTML_BUDGET = 15 * 1024  # bytes, before compression


@pytest.fixture
def halfway(client):
    """A learner who finished the first 100 lessons (modules 1–10) of a 200-lesson course."""
    course = build_course(200)
    user, lessons = learner_with_progress(course, fraction=0.5)
    client.force_login(user)
    return course, lessons, client


def links(html):
    return set(re.findall(r'href="([^"]+)"', html))


def module_progress(html):
    """{module URL: "40% — 4 of 10 steps"} as the outline shows them."""
    return dict(re.findall(
        r'<h3><a href="([^"]+)">[^<]*</a></h3>\s*<p class="progress-label">'
        r'<progress[^>]*></progress> ([^<]+)</p>', html))


def test_lesson_page_shows_every_module_and_the_steps_of_its_own(halfway):
    course, lessons, client = halfway
    lesson = lessons[101]  # Lesson 102, in module 11
    response = client.get(lesson.url)
    html = response.content.decode()
    assert len(response.content) <= LESSON_HTML_BUDGET, len(response.content)
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    assert module_progress(html) == {
        module.url: "100% — 10 of 10 steps" if number <= 10 else "0% — 0 of 10 steps"
        for number, module in enumerate(modules, start=1)}
    own = lessons[100:110]
    assert {step.url for step in own} <= links(html)
    assert f'href="{lesson.url}" aria-current="page"' in html
    assert not {step.url for step in lessons[:100] + lessons[110:]} & links(html)


def test_every_step_is_one_click_away_on_its_module_page(halfway):
    course, lessons, client = halfway
    module = ModulePage.objects.child_of(course).order_by("path")[2]
    html = client.get(module.url).content.decode()
    assert {step.url for step in lessons[20:30]} <= links(html)


def test_course_page_opens_the_module_to_continue_in(halfway):
    course, lessons, client = halfway
    html = client.get(course.url).content.decode()
    assert "50% — 100 of 200 steps" in html
    assert f'href="{lessons[100].url}"' in html  # continue: the first unfinished step
    assert {step.url for step in lessons[100:110]} <= links(html)
    assert not {step.url for step in lessons[:100] + lessons[110:]} & links(html)


def test_dashboard_leads_to_the_first_unfinished_step_when_none_was_left_open(
        learner, learner_client, course_en):
    lessons = lessons_of(course_en)
    progress.enrol(learner, course_en)
    progress.complete_step(learner, lessons[0], course_en.translation_key)  # never opened another
    html = learner_client.get("/en/dashboard/").content.decode()
    assert "25% — 1 of 4 steps" in html
    with translation.override("en"):
        continue_url = reverse("sse_courses:continue", args=[course_en.id])
    assert f'href="{continue_url}"' in html
    response = learner_client.get(continue_url)
    assert response.status_code == 302 and response["Location"] == lessons[1].url


def test_continue_sends_a_visitor_who_is_not_enrolled_to_the_course_page(client, course_en):
    with translation.override("en"):
        response = client.get(reverse("sse_courses:continue", args=[course_en.id]))
    assert response.status_code == 302 and response["Location"] == course_en.url


def test_continue_of_an_unknown_course_is_a_404(learner_client):
    with translation.override("en"):
        assert learner_client.get(reverse("sse_courses:continue", args=[999999])).status_code == 404
