"""The catalog loader: valid data, idempotent loads, learners' data kept, bad files refused."""

import shutil

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from academy.catalog.validation import validate_catalog
from academy.conf import catalog_dir
from courses import progress
from courses.models import StepProgress

from .conftest import lessons_of

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "fr", "es"]


def test_the_test_catalog_is_valid():
    assert validate_catalog(catalog_dir(), LANGUAGES) == []


def test_loading_twice_changes_nothing(capsys):
    before = list(Page.objects.order_by("path").values_list("id", "path", "title", "live"))
    call_command("load_catalog")
    assert "0 pages created, 0 updated" in capsys.readouterr().out
    after = list(Page.objects.order_by("path").values_list("id", "path", "title", "live"))
    assert before == after


def test_reload_keeps_learners_progress_and_answers(learner, course_en):
    progress.enrol(learner, course_en)
    lesson = lessons_of(course_en)[1]
    progress.complete_step(learner, lesson, course_en.translation_key)
    block = next(b for b in lesson.body if b.block_type == "activity")
    progress.save_answers(learner, lesson, course_en.translation_key, block.id, {"x": "kept"})
    course_en.title = "Edited by hand"
    course_en.save_revision().publish()
    call_command("load_catalog")
    course_en.refresh_from_db()
    assert course_en.title != "Edited by hand"  # the catalog is the source of the text
    assert StepProgress.objects.filter(user=learner, completed_at__isnull=False).count() == 1
    reloaded = lessons_of(course_en)[1]
    assert next(b for b in reloaded.body if b.block_type == "activity").id == block.id
    assert StepProgress.objects.get(user=learner, step_key=lesson.translation_key).answers == {
        block.id: {"x": "kept"}}


@pytest.fixture
def broken_catalog(tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(catalog_dir() / "sse-introduction", root / "sse-introduction")
    return root


def test_missing_lesson_in_one_language_is_reported_and_nothing_loaded(broken_catalog):
    (broken_catalog / "sse-introduction/es/02-forms-of-sse/01-cooperatives-and-mutuals.md").unlink()
    pages_before = Page.objects.count()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_catalog", dir=str(broken_catalog))
    assert Page.objects.count() == pages_before
    problems = validate_catalog(broken_catalog, LANGUAGES)
    assert any("lesson missing in this language" in str(p) and "/es/" in str(p) for p in problems)


def test_bad_front_matter_is_reported_with_file_and_line(broken_catalog):
    lesson = broken_catalog / "sse-introduction/fr/01-what-is-sse/01-a-definition.md"
    lesson.write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    problems = validate_catalog(broken_catalog, LANGUAGES)
    assert [str(p) for p in problems if "01-a-definition.md:" in str(p)], problems


def test_activity_shape_must_match_across_languages(broken_catalog):
    lesson = broken_catalog / "sse-introduction/es/01-what-is-sse/02-values-and-principles.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("  - text:", "  - long:", 1), encoding="utf-8")
    problems = validate_catalog(broken_catalog, LANGUAGES)
    assert any("differ from" in str(p) for p in problems)


def test_unclosed_directive_is_reported(broken_catalog):
    lesson = broken_catalog / "sse-introduction/en/01-what-is-sse/01-a-definition.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n:::callout tip\nNever closed\n",
                      encoding="utf-8")
    problems = validate_catalog(broken_catalog, LANGUAGES)
    assert any("is not closed" in p.message and p.line > 1 for p in problems)
