"""A learner takes a timed quiz in Spanish: answers autosave, the server grades,
the review shows the result. Pages are checked with axe-core and at 360 px."""

import re

import pytest

from courses import progress

from ..conftest import course_in
from ..quiz_builders import make_question, make_quiz
from .conftest import overflows_narrow_screen, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_timed_quiz_in_spanish_with_autosave_and_review(catalog, live_server, page,
                                                         django_user_model):
    user = django_user_model.objects.create_user(
        username="lucia@example.org", email="lucia@example.org", password="cooperativa-2026")
    progress.enrol(user, course_in("es"))
    questions = [make_question(kind, language="es") for kind in ("single", "truefalse", "short")]
    quiz = make_quiz(questions, languages=("es",), time_limit_minutes=15)["es"]
    problems = []

    page.goto(f"{live_server.url}/es/accounts/login/?next={quiz.url}")
    page.fill("input[name=username]", "lucia@example.org")
    page.fill("input[name=password]", "cooperativa-2026")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(quiz.url) + "$"))
    page.click(f"form[action*='/quizzes/{quiz.id}/start/'] button")
    page.wait_for_url(re.compile(r"/es/learn/attempts/"))
    page.wait_for_function(  # the countdown runs (the server enforces the limit anyway)
        "() => /\\d+:\\d\\d/.test(document.querySelector('#deadline .countdown').textContent)")

    page.get_by_label("A cooperative").check()
    page.wait_for_function(
        "() => document.querySelector('.autosave-status').textContent.trim().length > 0")
    page.reload()  # autosaved: the choice survives a reload
    assert page.get_by_label("A cooperative").is_checked()
    page.locator("input[type=radio][value=false]").check()
    page.fill("input[type=text]", "ECONOMIE SOCIALE")
    problems += [f"attempt: {v}" for v in serious_accessibility_violations(page)]
    if overflows_narrow_screen(page):
        problems.append("attempt: scrolls sideways at 360 px")

    page.click("button[formaction*='/submit/']")
    page.wait_for_url(re.compile(r"/review/$"))
    body = page.inner_text("main")
    assert "100" in body and "Yes: members own it." in body
    problems += [f"review: {v}" for v in serious_accessibility_violations(page)]
    if overflows_narrow_screen(page):
        problems.append("review: scrolls sideways at 360 px")
    assert problems == [], "\n".join(problems)
