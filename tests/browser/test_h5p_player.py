"""The real H5P package (H5P.TrueFalse) plays in a lesson in Chromium; answering it
sends an xAPI statement that records the score and completes the lesson — with the
player on the site's origin (default) and isolated on another origin."""

import json
import time
from pathlib import Path

import pytest

from courses import progress
from courses.h5p.importer import import_package
from courses.models import H5PResult, ModulePage, StepProgress, XAPIStatement

from ..conftest import course_in, require
from ..h5p_builders import add_h5p_lesson

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIXTURE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "h5p" / "h5p-test.h5p"


@pytest.fixture
def true_false_lesson(catalog, live_server, page, settings, tmp_path, django_user_model):
    """A lesson with the real package, and its enrolled learner logged in on the site."""
    require(FIXTURE.exists(), f"the H5P fixture {FIXTURE}")
    # Serve the extracted packages through the static files handler of the live server.
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    settings.ACADEMY_H5P_URL = "/static/h5p-test"
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("h5p-test", str(tmp_path / "h5p"))]
    package = import_package(FIXTURE)
    course = course_in("en")
    module = ModulePage.objects.child_of(course).order_by("path").first()
    lesson, block_id = add_h5p_lesson(module, package, "complete", "true-or-false", "True or false?")
    user = django_user_model.objects.create_user(
        username="kofi@example.org", email="kofi@example.org", password="solidarity-2026")
    progress.enrol(user, course)

    def log_in():
        page.goto(f"{live_server.url}/en/accounts/login/?next={lesson.url}")
        page.fill("input[name=username]", "kofi@example.org")
        page.fill("input[name=password]", "solidarity-2026")
        page.click("form.stacked-form button[type=submit]")
        page.wait_for_url(f"{live_server.url}{lesson.url}")

    return lesson, block_id, user, log_in


def answer_false(frame):
    frame.get_by_text("False", exact=True).click(timeout=30000)
    frame.get_by_role("button", name="Check").click()


def completed_result(user, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = H5PResult.objects.filter(user=user).first()
        if result and result.completed:
            return result
        time.sleep(0.5)
    return None


def test_true_false_package_scores_and_completes_the_lesson(true_false_lesson, page):
    lesson, _block_id, user, log_in = true_false_lesson
    log_in()
    answer_false(page.frame_locator(".h5p-player iframe"))

    result = completed_result(user)
    assert result is not None, "no top-level xAPI statement arrived"
    assert (result.raw, result.max) == (1, 1)
    assert StepProgress.objects.get(user=user, step_key=lesson.translation_key).completed_at


def test_isolated_player_on_another_origin_reports_through_the_lesson_page(
        true_false_lesson, page, live_server, settings):
    # localhost and 127.0.0.1 are two origins served by the same live server.
    site = live_server.url
    player = site.replace("//localhost:", "//127.0.0.1:")
    assert player != site, "the live server is expected on localhost"
    settings.ACADEMY_H5P_SITE_ORIGIN, settings.ACADEMY_H5P_PLAYER_ORIGIN = site, player
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    lesson, block_id, user, log_in = true_false_lesson
    log_in()

    outer = page.locator("iframe.h5p-isolated")
    assert outer.get_attribute("sandbox") == "allow-scripts allow-same-origin"
    assert outer.get_attribute("src").startswith(f"{player}/en/learn/h5p/play/")
    # The lesson page loads no H5P code of its own.
    assert page.evaluate("() => typeof window.H5PStandalone") == "undefined"

    # A message that does not come from the player's frame is ignored.
    forged = {"type": "academy-h5p:xapi", "block": block_id, "statement": {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "http://example.org/forged"},
        "result": {"score": {"raw": 0, "max": 1}, "success": False}}}
    page.evaluate(f"() => window.postMessage({json.dumps(forged)}, '*')")

    frame = page.frame_locator("iframe.h5p-isolated")
    answer_false(frame)
    result = completed_result(user)
    assert result is not None, "the relay did not deliver the player's statement"
    assert (result.raw, result.max, result.passed) == (1, 1, True)
    assert StepProgress.objects.get(user=user, step_key=lesson.translation_key).completed_at
    assert not XAPIStatement.objects.filter(statement__object__id="http://example.org/forged").exists()

    # The answer is kept through the relay and given back to the player on return.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not H5PResult.objects.get(user=user).state:
        time.sleep(0.5)
    assert H5PResult.objects.get(user=user).state
    page.reload()
    restored = page.frame_locator("iframe.h5p-isolated")
    assert restored.get_by_role("radio", name="False").get_attribute("aria-checked") == "true"

    # The player's frame cannot reach the lesson page nor the learner's session.
    player_frame = next(f for f in page.frames if f.url.startswith(f"{player}/"))
    assert player_frame.evaluate(
        "() => { try { return window.parent.document.title; } catch (e) { return 'blocked'; } }"
    ) == "blocked"
    assert "sessionid" not in player_frame.evaluate("() => document.cookie")
