"""H5P package files are served with headers that keep them from running script in the
site's origin: one table (courses/h5p/file_headers.py) for the middleware and for the
object metadata of a bucket; the production profile warns without an isolated player."""

import pytest
from django.core import checks
from django.test import Client

from courses.h5p import conf
from courses.h5p.file_headers import package_file_headers, storage_object_parameters

ACTIVE = ["libraries/SSE.Hello-1.0/icon.svg", "libraries/SSE.Hello-1.0/notes.xml",
          "content/1/content/notes.txt", "content/1/content/README.md", "content/1/content/a.pdf",
          "content/1/content/page.html", "content/1/content/page.xhtml", "content/1/x.swf",
          "content/1/content/ICON.SVG", "content/1/content/no-extension"]
PLAYER_LOADS = {"libraries/SSE.Hello-1.0/hello.js": "text/javascript",
                "libraries/SSE.Hello-1.0/hello.css": "text/css",
                "content/1/content/content.json": "application/json",
                "content/1/content/images/photo.png": "image/png",
                "content/1/content/videos/clip.mp4": "video/mp4",
                "libraries/FontAwesome-4.5/fonts/fa.woff2": "font/woff2"}


@pytest.mark.parametrize("name", ACTIVE)
def test_documents_a_browser_could_render_are_sandboxed_downloads(name):
    headers = package_file_headers(name)
    assert headers["Content-Disposition"].startswith("attachment; filename=")
    assert headers["X-Content-Type-Options"] == "nosniff"
    policy = [part.strip() for part in headers["Content-Security-Policy"].split(";")]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert "allow-scripts" not in headers["Content-Security-Policy"]
    assert "html" not in headers["Content-Type"] and "xml" not in headers["Content-Type"].replace(
        "image/svg+xml", "")


@pytest.mark.parametrize("name, content_type", PLAYER_LOADS.items())
def test_what_the_player_loads_keeps_its_type_and_stays_inline(name, content_type):
    headers = package_file_headers(name)
    assert headers["Content-Type"] == content_type
    assert "Content-Disposition" not in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("sandbox")


def test_every_accepted_extension_has_a_known_type():
    for extension in conf.LIBRARY_EXTENSIONS - {"swf"}:
        assert package_file_headers(f"a.{extension}")["Content-Type"] != "application/octet-stream"


def test_object_metadata_for_a_bucket_carries_type_and_download():
    assert storage_object_parameters("h5p/libraries/SSE.Hello-1.0/icon.svg") == {
        "ContentType": "image/svg+xml", "ContentDisposition": 'attachment; filename="icon.svg"'}
    assert storage_object_parameters("h5p/content/1/content/notes.xml") == {
        "ContentType": "text/plain; charset=utf-8",
        "ContentDisposition": 'attachment; filename="notes.xml"'}
    assert storage_object_parameters("h5p/libraries/SSE.Hello-1.0/hello.js") == {
        "ContentType": "text/javascript"}


@pytest.fixture
def served_files(settings, tmp_path):
    """Media served by Django's static view, as the demo site does with DEBUG on."""
    settings.MEDIA_ROOT = tmp_path
    settings.ROOT_URLCONF = "tests.browser.debug_media_urls"
    settings.ACADEMY_H5P_URL = "/site-media/h5p"
    folder = tmp_path / "h5p" / "libraries" / "SSE.Hello-1.0"
    folder.mkdir(parents=True)
    (folder / "icon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    (folder / "hello.js").write_text("var H5P = H5P || {};")
    (tmp_path / "other.svg").write_text("<svg/>")
    return Client()


@pytest.mark.django_db
def test_django_serves_package_files_with_their_headers(served_files):
    svg = served_files.get("/site-media/h5p/libraries/SSE.Hello-1.0/icon.svg")
    assert svg.status_code == 200
    for name, value in package_file_headers("icon.svg").items():
        assert svg[name] == value
    script = served_files.get("/site-media/h5p/libraries/SSE.Hello-1.0/hello.js")
    assert script["Content-Type"] == "text/javascript"
    assert not script.get("Content-Disposition", "").startswith("attachment")
    missing = served_files.get("/site-media/h5p/libraries/nothing.svg")
    assert missing.status_code == 404 and missing["Content-Security-Policy"].startswith("sandbox")
    assert "Content-Disposition" not in missing
    # Other media keep the site's headers.
    other = served_files.get("/site-media/other.svg")
    assert not other.get("Content-Disposition", "").startswith("attachment")
    assert not other["Content-Security-Policy"].startswith("sandbox")


def warnings_ids():
    return [message.id for message in checks.run_checks(tags=[checks.Tags.security])]


def test_production_without_an_isolated_player_is_warned(settings):
    settings.DEBUG, settings.ACADEMY_H5P_PLAYER_ORIGIN = False, ""
    assert "sse_courses.W003" in warnings_ids()


def test_no_warning_with_an_isolated_player_or_in_development(settings):
    settings.DEBUG = False
    settings.ACADEMY_H5P_PLAYER_ORIGIN = "https://h5p.example.org"
    settings.ACADEMY_H5P_SITE_ORIGIN = "https://academy.example.org"
    assert "sse_courses.W003" not in warnings_ids()
    settings.DEBUG, settings.ACADEMY_H5P_PLAYER_ORIGIN = True, ""
    assert "sse_courses.W003" not in warnings_ids()
