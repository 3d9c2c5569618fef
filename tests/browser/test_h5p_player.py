"""The real H5P package (H5P.TrueFalse) plays in a lesson in Chromium; answering it
sends an xAPI statement that records the score and completes the lesson."""

import time
import uuid
from pathlib import Path

import pytest

from courses import progress
from courses.h5p.importer import import_package
from courses.models import H5PResult, LessonPage, ModulePage, StepProgress

from ..conftest import course_in, require

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIXTURE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "h5p" / "h5p-test.h5p"


def test_true_false_package_scores_and_completes_the_lesson(catalog, live_server, page, settings,
                                                            tmp_path, django_user_model):
    require(FIXTURE.exists(), f"the H5P fixture {FIXTURE}")
    # Serve the extracted packages through the static files handler of the live server.
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    settings.ACADEMY_H5P_URL = "/static/h5p-test"
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("h5p-test", str(tmp_path / "h5p"))]
    package = import_package(FIXTURE)
    course = course_in("en")
    module = ModulePage.objects.child_of(course).order_by("path").first()
    block_id = str(uuid.uuid4())
    lesson = module.add_child(instance=LessonPage(
        title="True or false?", slug="true-or-false", locale=course.locale,
        completion_rule="h5p",
        body=[{"type": "h5p", "id": block_id,
               "value": {"package": str(package.pk), "completion": "complete"}}]))
    user = django_user_model.objects.create_user(
        username="kofi@example.org", email="kofi@example.org", password="solidarity-2026")
    progress.enrol(user, course)

    page.goto(f"{live_server.url}/en/accounts/login/?next={lesson.url}")
    page.fill("input[name=username]", "kofi@example.org")
    page.fill("input[name=password]", "solidarity-2026")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}{lesson.url}")
    frame = page.frame_locator(".h5p-player iframe")
    frame.get_by_text("False", exact=True).click(timeout=30000)
    frame.get_by_role("button", name="Check").click()

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        result = H5PResult.objects.filter(user=user).first()
        if result and result.completed:
            break
        time.sleep(0.5)
    assert result is not None and result.completed, "no top-level xAPI statement arrived"
    assert (result.raw, result.max) == (1, 1)
    assert StepProgress.objects.get(user=user, step_key=lesson.translation_key).completed_at
