"""The site's Content-Security-Policy holds on the pages that run JavaScript: a lesson,
a quiz attempt, a community thread and H5P lessons (player on the site's origin and
isolated) load with no CSP violation in Chromium, and the H5P player still plays."""

import re
from pathlib import Path

import pytest

from community.models import Thread
from courses import progress
from courses.h5p.importer import import_package
from courses.h5p.page_policy import FRAME_INLINE_SCRIPT, script_hash
from courses.models import ModulePage

from ..community_builders import build_world
from ..conftest import course_in, lessons_of, require
from ..h5p_builders import add_h5p_lesson
from ..quiz_builders import make_question, make_quiz
from .conftest import signed_in
from .debug_media_urls import PREFIX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.urls("tests.browser.debug_media_urls")]
FIXTURE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "h5p" / "h5p-test.h5p"


@pytest.fixture
def violations(page):
    seen = []
    page.on("console", lambda message: seen.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    return seen


@pytest.fixture
def h5p_lesson(catalog, settings, tmp_path):
    require(FIXTURE.exists(), f"the H5P fixture {FIXTURE}")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ACADEMY_H5P_ROOT = tmp_path / "media" / "h5p"
    settings.ACADEMY_H5P_URL = f"{PREFIX}h5p"  # served by Django, with the files' headers
    package = import_package(FIXTURE)
    module = ModulePage.objects.child_of(course_in("en")).order_by("path").first()
    lesson, _block_id = add_h5p_lesson(module, package, "complete", "true-or-false", "True or false?")
    return lesson


def directives(response):
    policy = response.headers["content-security-policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def open_page(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response


def plays(frame):
    frame.get_by_text("False", exact=True).click(timeout=30000)
    frame.get_by_role("button", name="Check").click()


def test_lesson_quiz_and_thread_raise_no_violation(catalog, live_server, page, violations):
    world = build_world(course_in("en"))
    learner = world.learner_in
    quiz = make_quiz([make_question("single"), make_question("short")], languages=("en",))["en"]
    signed_in(page, live_server, learner)

    lesson = next(lesson for lesson in lessons_of(course_in("en")) if lesson.specific.body)
    response = open_page(page, live_server.url + lesson.url)
    policy = directives(response)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    assert "camera=()" in response.headers["permissions-policy"]

    open_page(page, live_server.url + quiz.url)
    page.click(f"form[action*='/quizzes/{quiz.id}/start/'] button")
    page.wait_for_url(re.compile(r"/learn/attempts/"))
    page.locator("input[type=radio]").first.check()
    page.wait_for_function(
        "() => document.querySelector('.autosave-status').textContent.trim().length > 0")

    thread = Thread.objects.get(pk=world.course_thread.pk)
    open_page(page, f"{live_server.url}/en/community/threads/{thread.pk}/")
    page.locator("form textarea[name=body]").first.fill("Seen from a strict policy.")
    assert violations == [], "\n".join(violations)


def test_h5p_lesson_on_the_site_origin_plays_under_the_policy(h5p_lesson, live_server, page,
                                                              violations, django_user_model):
    user = django_user_model.objects.create_user(username="kofi@example.org",
                                                 email="kofi@example.org", password="x-2026-pw")
    progress.enrol(user, course_in("en"))
    signed_in(page, live_server, user)
    response = open_page(page, live_server.url + h5p_lesson.url)
    plays(page.frame_locator(".h5p-player iframe"))
    page.wait_for_timeout(500)
    assert violations == [], "\n".join(violations)
    # The player needs one inline script of H5P core's, allowed by its hash; no style.
    policy = directives(response)
    assert policy["script-src"] == ["'self'", script_hash(FRAME_INLINE_SCRIPT)]
    assert policy["style-src"] == ["'self'"]


def test_isolated_h5p_lesson_frames_the_player_under_the_policy(h5p_lesson, live_server, page,
                                                                violations, settings,
                                                                django_user_model):
    site = live_server.url
    player = site.replace("//localhost:", "//127.0.0.1:")
    settings.ACADEMY_H5P_SITE_ORIGIN, settings.ACADEMY_H5P_PLAYER_ORIGIN = site, player
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    settings.ACADEMY_H5P_URL = f"{player}{PREFIX}h5p"
    user = django_user_model.objects.create_user(username="kofi@example.org",
                                                 email="kofi@example.org", password="x-2026-pw")
    progress.enrol(user, course_in("en"))
    signed_in(page, live_server, user)
    response = open_page(page, site + h5p_lesson.url)
    policy = directives(response)
    assert player in policy["frame-src"] and policy["script-src"] == ["'self'"]
    plays(page.frame_locator("iframe.h5p-isolated"))
    page.wait_for_timeout(500)
    assert violations == [], "\n".join(violations)
