"""Translations made with wagtail-localize's "Translate" stay drafts, unseen by learners,
until a trainer has translated and published them; they then take a slug made from the
translated title (issue #19)."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.core import checks
from django.test import Client, TestCase
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from courses.models import LessonPage, ModulePage
from courses.roles import TRAINERS

from .conftest import course_in

pytestmark = pytest.mark.django_db

FRENCH = {
    "Budgeting together": "Budgétiser ensemble",
    "Who decides?": "Qui décide ?",
    "Members vote on the budget.": "Les membres votent le budget.",
}


@pytest.fixture
def trainer_client(django_user_model):
    trainer = django_user_model.objects.create_user(username="tess@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(trainer)
    return client


@pytest.fixture
def english_lesson():
    """A new English lesson, published, that has no French page yet."""
    module = ModulePage.objects.child_of(course_in("en")).order_by("path").first()
    lesson = LessonPage(title="Budgeting together", slug="budgeting-together", body=[
        ("heading", "Who decides?"),
        ("paragraph", "<p>Members vote on the budget.</p>"),
    ])
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def translate_to_french(client, lesson):
    fr = Locale.objects.get(language_code="fr")
    submitted = client.post(f"/admin/localize/submit/page/{lesson.id}/", {"locales": [fr.id]})
    assert submitted.status_code == 302, submitted.content.decode()[:2000]
    return LessonPage.objects.get(translation_key=lesson.translation_key, locale=fr)


def fill_in_strings(client, french_page, extra=None):
    """What the translation editor does for each string the trainer types."""
    wanted = FRENCH | (extra or {})
    translation = Translation.objects.get(source__object_id=french_page.translation_key,
                                          target_locale=french_page.locale)
    filled = 0
    for segment in StringSegment.objects.filter(source=translation.source).select_related(
            "string"):
        french = wanted.get(segment.string.data)
        if french is None:
            continue
        saved = client.put(
            f"/admin/localize/translate/{translation.id}/strings/{segment.id}/edit/",
            urlencode({"value": french}), content_type="application/x-www-form-urlencoded")
        assert saved.status_code in (200, 201), saved.content.decode()[:500]
        filled += 1
    assert filled == len(wanted)


def publish(client, french_page):
    """The translation editor's "Publish in French" (wagtail-localize publishes on commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/admin/pages/{french_page.id}/edit/", {"action": "publish"})


def test_a_new_translation_is_a_draft_that_learners_do_not_see(
        trainer_client, learner_client, english_lesson):
    french = translate_to_french(trainer_client, english_lesson)
    assert not french.live
    assert french.get_parent().specific.locale.language_code == "fr"
    assert learner_client.get(french.url).status_code == 404
    module_page = learner_client.get(french.get_parent().url).content.decode()
    assert "Budgeting together" not in module_page


def test_once_translated_and_published_the_french_lesson_is_live_with_a_french_slug(
        trainer_client, learner_client, english_lesson):
    french = translate_to_french(trainer_client, english_lesson)
    fill_in_strings(trainer_client, french)
    assert publish(trainer_client, french).status_code == 302

    french = LessonPage.objects.get(pk=french.pk)
    assert french.live
    assert french.title == "Budgétiser ensemble"
    assert french.slug == "budgétiser-ensemble"
    assert french.get_latest_revision_as_object().slug == "budgétiser-ensemble"
    page = learner_client.get(french.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Qui décide ?" in html and "Les membres votent le budget." in html
    assert "Members vote on the budget." not in html
    english = LessonPage.objects.get(pk=english_lesson.pk)
    assert english.slug == "budgeting-together" and english.live


def test_the_french_slug_stays_unique_among_its_siblings(trainer_client, english_lesson):
    french = translate_to_french(trainer_client, english_lesson)
    sibling = LessonPage(title="Autre", slug="budgétiser-ensemble",
                         locale=french.locale)
    french.get_parent().add_child(instance=sibling)
    fill_in_strings(trainer_client, french)
    publish(trainer_client, french)
    assert LessonPage.objects.get(pk=french.pk).slug == "budgétiser-ensemble-1"


def test_a_slug_the_trainer_translated_is_kept(trainer_client, english_lesson):
    french = translate_to_french(trainer_client, english_lesson)
    fill_in_strings(trainer_client, french, {"budgeting-together": "budget-participatif"})
    publish(trainer_client, french)
    assert LessonPage.objects.get(pk=french.pk).slug == "budget-participatif"


def test_a_site_that_publishes_translations_at_once_is_warned(settings):
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True
    assert "sse_courses.W010" in {message.id for message in checks.run_checks()}
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
    assert "sse_courses.W010" not in {message.id for message in checks.run_checks()}


def test_the_translation_editor_names_a_worksheet_s_strings(trainer_client):
    module = ModulePage.objects.child_of(course_in("en")).order_by("path").first()
    lesson = LessonPage(title="SWOT", slug="swot", body=[("activity", {
        "title": "Your SWOT", "instruction": "<p>Fill it in.</p>", "fields": [
            ("text", "Name of your idea"),
            ("grid", {"label": "SWOT", "rows": ["Strengths", "Weaknesses"],
                      "columns": ["Inside", "Outside"]})]})])
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    french = translate_to_french(trainer_client, lesson)

    editor = trainer_client.get(f"/admin/pages/{french.id}/edit/").content.decode()
    assert editor.count("Grid row heading") == 2
    assert editor.count("Grid column heading") == 2
    assert "Question with a one-line answer" in editor
    assert "The prompt the learner reads above a one-line box" in editor
