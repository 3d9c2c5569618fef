"""The real catalog (academy/catalog/content/): valid, idempotent to load, every page serves in three
languages, and a reload keeps learners' attempts."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from academy.catalog.identifiers import translation_key
from academy.catalog.validation import validate_catalog
from academy.conf import PACKAGED_CATALOG
from courses import progress
from courses.models import CoursePage
from quizzes import services
from quizzes.models import Attempt, QuizPage

REAL_CATALOG = PACKAGED_CATALOG
LANGUAGES = ["en", "fr", "es"]
COURSES = ["sse-introduction", "gysbi", "gysbp", "cooperatives"]


def test_the_real_catalog_is_valid():
    problems = validate_catalog(REAL_CATALOG, LANGUAGES)
    assert problems == [], "\n".join(str(p) for p in problems)


@pytest.mark.django_db
def test_the_real_catalog_loads_serves_and_reloads(learner, client, capsys):
    """One test, because loading the whole catalog is the slow part."""
    call_command("load_catalog", dir=str(REAL_CATALOG), verbosity=0)
    for course in COURSES:
        copies = CoursePage.objects.filter(translation_key=translation_key(course)).live()
        assert sorted(c.locale.language_code for c in copies) == sorted(LANGUAGES), course

    pages = Page.objects.live().filter(depth__gt=2).specific()
    assert pages.count() > 250
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url

    quiz = QuizPage.objects.live().filter(locale__language_code="en").first()
    course = CoursePage.objects.get(path=quiz.path[:-8])
    progress.enrol(learner, course)
    attempt, _ = services.start_attempt(quiz, learner, course.translation_key)
    pages_before = list(Page.objects.order_by("path").values_list("id", "path", "live"))
    capsys.readouterr()
    call_command("load_catalog", dir=str(REAL_CATALOG))
    assert "0 pages created, 0 updated" in capsys.readouterr().out
    assert list(Page.objects.order_by("path").values_list("id", "path", "live")) == pages_before
    assert Attempt.objects.get(pk=attempt.pk).layout == attempt.layout
