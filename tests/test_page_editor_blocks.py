"""The Wagtail page editor of a lesson whose body holds every block the lesson body offers,
H5P included: it opens, saves a draft, re-renders a form error, reopens and previews,
for English and French lessons, as a superuser and as a trainer (issue #19)."""

import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from courses.h5p.importer import import_package
from courses.models import LessonPage, ModulePage
from courses.role_setup import academy_collection
from courses.roles import TRAINERS

from .admin_helpers import listing, stream
from .conftest import course_in, lessons_of
from .h5p_builders import add_h5p_lesson, build

pytestmark = pytest.mark.django_db
VIDEO_URL = "https://www.youtube.com/watch?v=sse-academy"


@pytest.fixture
def media(settings, tmp_path):
    """What the blocks point to: an H5P package, an image, a document, a cached embed."""
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    settings.MEDIA_ROOT = tmp_path / "media"
    collection = academy_collection()
    png = io.BytesIO()
    PILImage.new("RGB", (64, 48), "white").save(png, "PNG")
    Embed.objects.create(url=VIDEO_URL, hash=get_embed_hash(VIDEO_URL), type="video",
                         html='<iframe title="SSE"></iframe>', width=640, height=360)
    return {
        "package": import_package(build(tmp_path / "hello.h5p")),
        "image": Image.objects.create(title="Market", collection=collection,
                                      file=ImageFile(png, name="market.png")),
        "document": Document.objects.create(title="Plan", collection=collection,
                                            file=ContentFile(b"plan", name="plan.txt")),
    }


def every_block(media):
    return [
        ("heading", "Working together"),
        ("paragraph", rich_text("<p>Cooperatives pool what members bring.</p>")),
        ("image", {"image": media["image"].pk, "alt_text": "A market", "caption": "Market"}),
        ("video", {"video": VIDEO_URL, "transcript": rich_text("<p>Hello.</p>")}),
        ("callout", {"kind": "tip", "text": rich_text("<p>Ask your members.</p>")}),
        ("document", {"document": media["document"].pk, "description": "The plan"}),
        ("activity", {
            "title": "Your idea", "instruction": rich_text("<p>Describe it.</p>"),
            "fields": stream([
                ("text", "Its name"), ("long", "Who it serves"),
                ("grid", {"label": "SWOT", "rows": listing(["Strengths", "Weaknesses"]),
                          "columns": listing(["Inside", "Outside"])}),
            ]),
        }),
        ("h5p", {"package": str(media["package"].pk), "completion": "pass"}),
    ]


def editor_form(lesson, body, title=None):
    return nested_form_data({
        "title": lesson.title if title is None else title,
        "slug": lesson.slug,
        "body": stream(body),
        "completion_rule": "h5p",
        "estimated_minutes": "15",
        "comments": inline_formset([]),
    })


def body_types():
    return set(LessonPage._meta.get_field("body").stream_block.child_blocks)


@pytest.fixture(params=["superuser", "trainer"])
def editor(request, django_user_model):
    if request.param == "superuser":
        user = django_user_model.objects.create_superuser(username="root@example.org",
                                                          password="x")
    else:
        user = django_user_model.objects.create_user(username="tess@example.org", password="x")
        user.groups.add(Group.objects.get(name=TRAINERS))
    return user


@pytest.fixture(params=["en", "fr"])
def lesson_and_client(request, editor):
    """A lesson of the course in that language, edited in an admin in that language."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = request.param
    profile.save()
    client = Client()
    client.force_login(editor)
    return lessons_of(course_in(request.param))[0], client


def test_the_fixture_body_holds_every_lesson_block(media):
    assert {name for name, _value in every_block(media)} == body_types()


def test_a_lesson_with_every_block_is_edited_saved_reopened_and_previewed(
        media, lesson_and_client):
    lesson, client = lesson_and_client
    edit_url = f"/admin/pages/{lesson.id}/edit/"
    assert client.get(edit_url).status_code == 200

    saved = client.post(edit_url, editor_form(lesson, every_block(media)))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    draft = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    assert {block.block_type for block in draft.body} == body_types()
    assert draft.h5p_blocks()[0].value["package"] == media["package"]
    assert draft.has_unpublished_changes

    reopened = client.get(edit_url)
    assert reopened.status_code == 200
    assert str(media["package"].pk) in reopened.content.decode()

    refused = client.post(edit_url, editor_form(lesson, every_block(media), title=""))
    assert refused.status_code == 200
    assert str(media["package"].pk) in refused.content.decode()
    assert refused.context["form"].errors.keys() == {"title"}

    preview_url = f"/admin/pages/{lesson.id}/edit/preview/"
    checked = client.post(preview_url, editor_form(lesson, every_block(media)))
    assert checked.json() == {"is_valid": True, "is_available": True}
    shown = client.get(preview_url)
    assert shown.status_code == 200
    assert f"content/{media['package'].pk}" in shown.content.decode()


def test_a_new_lesson_with_every_block_shows_its_errors_then_saves(media, lesson_and_client):
    lesson, client = lesson_and_client
    module = lesson.get_parent()
    add_url = f"/admin/pages/add/sse_courses/lessonpage/{module.id}/"
    new = LessonPage(title="Try it all", slug="try-it-all", locale=lesson.locale)
    assert client.get(add_url).status_code == 200

    refused = client.post(add_url, editor_form(new, every_block(media), title=""))
    assert refused.status_code == 200
    assert str(media["package"].pk) in refused.content.decode()
    assert refused.context["form"].errors.keys() == {"title"}

    created = client.post(add_url, editor_form(new, every_block(media)))
    assert created.status_code == 302
    page = LessonPage.objects.get(slug="try-it-all", locale=lesson.locale)
    assert client.get(f"/admin/pages/{page.id}/edit/").status_code == 200


def test_a_lesson_stored_with_the_package_id_as_text_opens_in_the_editor(media, editor):
    """As the catalog loader and add_h5p_lesson store it."""
    module = ModulePage.objects.child_of(course_in("en")).order_by("path").first()
    lesson, _block_id = add_h5p_lesson(module, media["package"])
    client = Client()
    client.force_login(editor)
    assert client.get(f"/admin/pages/{lesson.id}/edit/").status_code == 200
    assert Page.objects.get(pk=lesson.pk).specific.h5p_blocks()[0].value["package"] == \
        media["package"]


def test_the_h5p_block_value_is_plain_json_every_way_wagtail_serialises_it(media):
    block = LessonPage._meta.get_field("body").stream_block.child_blocks["h5p"]
    package, stored = media["package"], {"package": str(media["package"].pk), "completion": "pass"}
    value = block.to_python(stored)
    assert value["package"] == package
    assert block.normalize(stored)["package"] == package
    assert block.clean(value)["package"] == package
    assert block.get_prep_value(value) == stored
    assert block.get_api_representation(value) == stored
    assert json.loads(json.dumps(block.get_form_state(value)))["package"]["id"] == stored["package"]
