"""A trainer builds a lesson with every block type in Wagtail's admin, without the
internet, publishes it, translates it into French in wagtail-localize's editor and
publishes the translation; a learner then opens the French lesson (issue #19).

The trainer's clicks are counted (typing is not) and printed for the issue's closing
note; the test also fails if the count grows past today's."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.images.models import Image
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from courses import progress
from courses.h5p.importer import import_package
from courses.models import LessonPage, ModulePage
from courses.role_setup import academy_collection
from courses.roles import TRAINERS

from ..conftest import course_in, require
from .conftest import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIXTURE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "h5p" / "h5p-test.h5p"
VIDEO_URL = "https://www.youtube.com/watch?v=sse-budget"
MOST_CLICKS = 65  # what the flow below needs today; more means authoring got harder

FRENCH = {
    "Budgeting together": "Budgétiser ensemble",
    "Who decides?": "Qui décide ?",
    "Members vote on the budget.": "Les membres votent le budget.",
    "Ask every member.": "Demandez à chaque membre.",
    "A village market": "Un marché de village",
    "We pool our savings.": "Nous mettons nos économies en commun.",
    "Our budget": "Notre budget",
    "Fill in the grid.": "Remplissez la grille.",
    "Strengths and weaknesses": "Forces et faiblesses",
    "Strengths": "Forces",
    "Weaknesses": "Faiblesses",
    "Inside": "Interne",
    "Outside": "Externe",
}


class Trainer:
    """The trainer's hands: every click and choice in a list is counted."""

    def __init__(self, page):
        self.page, self.clicks = page, 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def select(self, locator, value):
        self.clicks += 1
        locator.select_option(value)

    def type_in_focused(self, field, text):
        """A new block (or list item) focuses its first field: no click, just typing,
        once the focus is there."""
        self.page.locator(f"{field}:focus").wait_for()
        self.page.keyboard.type(text)

    def fill(self, locator, text):
        """A field the trainer clicks into first."""
        self.clicks += 1
        locator.fill(text)

    def add_block(self, kind, within=None):
        adders = (within or self.page).locator("button.c-sf-add-button")
        self.click(adders.first if within is not None else adders.last)
        self.click(self.page.get_by_role("option", name=kind, exact=True))

    def write(self, contentpath, text):
        """Type into the last rich text field of that name (a click to get there)."""
        self.clicks += 1
        self.page.locator(f"[data-contentpath={contentpath}] "
                          "[contenteditable=true]").last.press_sequentially(text)


@pytest.fixture
def offline(monkeypatch):
    """The server has no internet: no oEmbed provider answers."""
    def no_provider(url, *args, **kwargs):
        raise EmbedNotFoundException
    monkeypatch.setattr("wagtail.embeds.embeds.get_finder_for_embed", no_provider)


@pytest.fixture
def authoring(catalog, live_server, page, settings, tmp_path, django_user_model, offline):
    require(FIXTURE.exists(), f"the H5P fixture {FIXTURE}")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    settings.ACADEMY_H5P_URL = "/static/h5p-test"
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("h5p-test", str(tmp_path / "h5p"))]
    import_package(FIXTURE)
    png = io.BytesIO()
    PILImage.new("RGB", (320, 200), "teal").save(png, "PNG")
    Image.objects.create(title="Village market", collection=academy_collection(),
                         file=ImageFile(png, name="market.png"))
    trainer = django_user_model.objects.create_user(username="tess@example.org",
                                                    email="tess@example.org")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    profile = UserProfile.get_for_user(trainer)  # the admin in English (the browser asks French)
    profile.preferred_language = "en"
    profile.save()
    learner = django_user_model.objects.create_user(username="awa@example.org",
                                                    email="awa@example.org")
    progress.enrol(learner, course_in("fr"))
    module = ModulePage.objects.child_of(course_in("en")).order_by("path").first()
    return trainer, learner, module


def build_and_publish(trainer, live_server, module):
    page = trainer.page
    page.goto(f"{live_server.url}/admin/pages/{module.id}/")
    trainer.click(page.get_by_role("link", name="Add child page"))
    trainer.click(page.get_by_role("link", name="Lesson", exact=True))
    trainer.fill(page.locator("#id_title"), "Budgeting together")

    trainer.add_block("Heading")
    trainer.type_in_focused("input[id$=-value]", "Who decides?")
    trainer.add_block("Text")
    trainer.type_in_focused("[contenteditable=true]", "Members vote on the budget.")
    trainer.add_block("Callout")
    trainer.select(page.locator("select[id$=-value-kind]"), "tip")
    trainer.write("text", "Ask every member.")
    trainer.add_block("Image")
    trainer.click(page.get_by_role("button", name="Choose an image"))
    trainer.click(page.locator(".modal a.image-choice", has_text="Village market"))
    trainer.fill(page.locator("input[id$=-value-alt_text]"), "A village market")
    trainer.add_block("Video")
    trainer.type_in_focused("input[id$=-value-video]", VIDEO_URL)
    trainer.write("transcript", "We pool our savings.")
    trainer.add_block("Activity")
    trainer.type_in_focused("input[id$=-value-title]", "Our budget")
    trainer.write("instruction", "Fill in the grid.")
    trainer.add_block("Grid (e.g. a SWOT table)", within=page.locator("[data-contentpath=fields]"))
    trainer.type_in_focused("input[id$=-value-label]", "Strengths and weaknesses")
    trainer.fill(page.locator("input[id$=-value-rows-0-value]"), "Strengths")
    trainer.click(page.locator("[data-contentpath=rows] button.c-sf-add-button").last)
    trainer.type_in_focused("input[id$=-value-rows-1-value]", "Weaknesses")
    trainer.fill(page.locator("input[id$=-value-columns-0-value]"), "Inside")
    trainer.click(page.locator("[data-contentpath=columns] button.c-sf-add-button").last)
    trainer.type_in_focused("input[id$=-value-columns-1-value]", "Outside")
    trainer.add_block("H5P activity")
    trainer.click(page.get_by_role("button", name="Choose H5P package"))
    trainer.click(page.locator(".modal").get_by_role("link", name="Hello World", exact=True))
    page.get_by_role("button", name="Choose H5P package").wait_for(state="hidden")

    trainer.click(page.get_by_role("button", name="More actions"))
    trainer.click(page.get_by_role("button", name="Publish"))
    page.wait_for_url(re.compile(rf"/admin/pages/{module.id}/$"))
    assert "has been published" in page.inner_text(".messages")


def translate_and_publish(trainer, lesson):
    page = trainer.page
    row = page.locator("tr", has_text="Budgeting together")
    trainer.click(row.get_by_role("button", name="More options for 'Budgeting together'"))
    trainer.click(page.locator("a:visible", has_text="Translate this page"))
    trainer.click(page.get_by_label("Français"))
    trainer.click(page.get_by_role("button", name="Submit"))
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))

    for english, french in FRENCH.items():
        # The segment is the nearest list item around the English text.
        segment = page.locator("li").get_by_text(english, exact=True).last.locator(
            "xpath=ancestor::li[1]")
        trainer.click(segment.get_by_role("button", name="Translate", exact=True))
        segment.locator("textarea").fill(french)
        trainer.click(segment.get_by_role("button", name="Save", exact=True))
        segment.get_by_text(french, exact=True).wait_for()

    trainer.click(page.get_by_role("button", name="Publish in Français"))
    page.get_by_text("Published 'Budgétiser ensemble' in Français").wait_for()


def test_a_trainer_builds_translates_and_publishes_a_lesson_a_learner_opens_in_french(
        authoring, live_server, page):
    trainer_user, learner, module = authoring
    page.set_default_timeout(30000)  # two busy cores: the admin's first pages can be slow
    signed_in(page, live_server, trainer_user)
    trainer = Trainer(page)

    build_and_publish(trainer, live_server, module)
    lesson = LessonPage.objects.get(title="Budgeting together", locale=module.locale)
    assert lesson.live
    assert [block.block_type for block in lesson.body] == [
        "heading", "paragraph", "callout", "image", "video", "activity", "h5p"]
    assert lesson.body[4].value["video"] == VIDEO_URL
    built = trainer.clicks

    translate_and_publish(trainer, lesson)
    french = LessonPage.objects.get(translation_key=lesson.translation_key,
                                    locale=Locale.objects.get(language_code="fr"))
    assert french.live and french.slug == "budgétiser-ensemble"
    print(f"\nTrainer clicks: {built} to build and publish the lesson, "
          f"{trainer.clicks - built} to translate and publish it in French, "
          f"{trainer.clicks} in all.")
    assert trainer.clicks <= MOST_CLICKS

    page.context.clear_cookies()
    signed_in(page, live_server, learner)
    page.goto(f"{live_server.url}{french.url}")
    main = page.inner_text("main")
    for text in ("Budgétiser ensemble", "Qui décide ?", "Les membres votent le budget.",
                 "Demandez à chaque membre.", "Notre budget", "Forces", "Faiblesses", "Interne", "Externe"):
        assert text in main, text
    assert "Members vote on the budget." not in main
    assert page.locator(f"a[href='{VIDEO_URL}']").count() == 1  # no internet: a link
    assert "Nous mettons nos économies en commun." in page.locator(
        ".block-video details").text_content()
    assert page.get_by_role("img", name="Un marché de village").count() == 1
    assert page.locator(".h5p-player").count() == 1
    assert page.get_by_role("textbox", name="Forces — Interne").count() == 1
