"""The H5P package chooser in the page editor (issue #19): content type and a preview
for each package, a search, and an Upload tab that imports a package and chooses it."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.h5p.importer import import_package
from courses.models import H5PPackage, H5PUpload
from courses.roles import FACILITATORS, TRAINERS

from .admin_helpers import client_for, csrf_token_of
from .h5p_builders import build, entries

pytestmark = pytest.mark.django_db
CHOOSE = "wagtailsnippetchoosers_sse_courses_h5ppackage:choose"
RESULTS = "wagtailsnippetchoosers_sse_courses_h5ppackage:choose_results"
CREATE = "wagtailsnippetchoosers_sse_courses_h5ppackage:create"


@pytest.fixture(autouse=True)
def h5p_storage(settings, tmp_path):
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ACADEMY_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def trainer(django_user_model):
    return client_for(django_user_model, "tess@example.org", TRAINERS)


@pytest.fixture
def package(tmp_path):
    return import_package(build(tmp_path / "hello.h5p"))


def modal(response):
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)


def h5p_file(tmp_path, name="hello.h5p", files=None):
    return SimpleUploadedFile(name, build(tmp_path / name, files).read_bytes())


def test_the_chooser_shows_each_package_type_and_a_preview_link(trainer, package):
    html = modal(trainer.get(reverse(CHOOSE)))["html"]
    assert "Hello SSE" in html
    assert "SSE Hello" in html  # the main library's title, not "SSE.Hello"
    assert reverse("sse_h5p_preview", args=[package.pk]) in html
    assert 'id="tab-create"' in html and 'enctype="multipart/form-data"' in html  # Upload tab

    found = trainer.get(reverse(RESULTS), {"q": "sse hello"}).content.decode()
    assert "Hello SSE" in found
    assert "Hello SSE" not in trainer.get(reverse(RESULTS), {"q": "crossword"}).content.decode()


def test_the_listing_shows_the_type_too(trainer, package):
    listing = trainer.get("/admin/snippets/sse_courses/h5ppackage/").content.decode()
    assert "SSE Hello" in listing and reverse("sse_h5p_preview", args=[package.pk]) in listing


def test_a_package_uploaded_from_the_chooser_is_imported_and_chosen(trainer, tmp_path):
    chosen = modal(trainer.post(reverse(CREATE), {"file": h5p_file(tmp_path)}))
    package = H5PPackage.objects.get()
    assert chosen["step"] == "chosen"
    assert chosen["result"]["id"] == str(package.pk) and chosen["result"]["string"] == "Hello SSE"
    assert H5PUpload.objects.get().state == H5PUpload.IMPORTED


def test_a_refused_package_shows_why_in_the_upload_tab(trainer, tmp_path):
    bad = dict(entries(), **{"content/x.php": b"<?php"})
    shown = modal(trainer.post(reverse(CREATE), {"file": h5p_file(tmp_path, "bad.h5p", bad)}))
    assert shown["step"] == "reshow_creation_form"
    assert ".php files are not allowed" in shown["htmlFragment"]
    wrong = modal(trainer.post(reverse(CREATE), {
        "file": SimpleUploadedFile("hello.zip", b"PK")}))
    assert "Choose a .h5p file" in wrong["htmlFragment"]
    assert not H5PPackage.objects.exists()


def test_a_large_package_is_sent_to_the_upload_page(trainer, tmp_path, settings):
    settings.ACADEMY_H5P_ASYNC_IMPORT_BYTES = 100
    shown = modal(trainer.post(reverse(CREATE), {"file": h5p_file(tmp_path)}))
    assert "Upload H5P" in shown["htmlFragment"]
    assert not H5PUpload.objects.exists() and not H5PPackage.objects.exists()


def test_the_preview_plays_the_package_and_records_nothing(trainer, package, settings):
    page = trainer.get(reverse("sse_h5p_preview", args=[package.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "SSE Hello" in html and f"content/{package.pk}" in html
    assert page.context["player"]["user_mail"] == "" and "xapi_url" not in page.context["player"]

    settings.ACADEMY_H5P_PLAYER_ORIGIN = "https://h5p.example.org"
    isolated = trainer.get(reverse("sse_h5p_preview", args=[package.pk])).content.decode()
    embed = "https://h5p.example.org" + reverse("sse_courses:h5p_embed", args=[package.pk])
    assert f'src="{embed}?block=preview"' in isolated


def test_refusals(django_user_model, package, tmp_path, trainer):
    for username, group in (("ana@example.org", None), ("fay@example.org", FACILITATORS)):
        client = client_for(django_user_model, username, group)
        assert client.get(reverse(CHOOSE)).status_code in (302, 403)
        assert client.post(reverse(CREATE), {"file": h5p_file(tmp_path)}).status_code \
            in (302, 403)
        assert client.get(reverse("sse_h5p_preview", args=[package.pk])).status_code in (302, 403)
    assert H5PPackage.objects.count() == 1
    missing = "/admin/h5p/00000000-0000-0000-0000-000000000000/preview/"
    assert trainer.get(missing, follow=True).status_code == 404

    checked = client_for(django_user_model, "tom@example.org", TRAINERS, enforce_csrf=True)
    assert checked.post(reverse(CREATE), {"file": h5p_file(tmp_path)}).status_code == 403
    token = csrf_token_of(checked, "/admin/")
    assert modal(checked.post(reverse(CREATE), {
        "file": h5p_file(tmp_path, "again.h5p"), "csrfmiddlewaretoken": token}))["step"] \
        == "chosen"
