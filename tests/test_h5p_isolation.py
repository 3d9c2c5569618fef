"""The isolated H5P player: the lesson frames it from another origin, the player page
exists only on that origin, may be framed only by the site, and holds no learner data."""

import pytest
from django.core import checks
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses import progress
from courses.h5p.importer import import_package
from courses.models import ModulePage

from .conftest import course_in
from .h5p_builders import add_h5p_lesson, build

pytestmark = pytest.mark.django_db
SITE, PLAYER = "http://testserver", "http://h5p.testserver"


@pytest.fixture
def isolated(settings, tmp_path):
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    settings.ACADEMY_H5P_SITE_ORIGIN, settings.ACADEMY_H5P_PLAYER_ORIGIN = SITE, PLAYER
    settings.ALLOWED_HOSTS = ["testserver", "h5p.testserver"]
    package = import_package(build(tmp_path / "hello.h5p"))
    module = ModulePage.objects.child_of(course_in("en")).order_by("path").first()
    lesson, block_id = add_h5p_lesson(module, package)
    return package, lesson, block_id


def embed_url(package):
    with translation.override("en"):
        return reverse("sse_courses:h5p_embed", args=[package.pk])


def test_lesson_frames_the_player_from_its_origin_without_learner_data(isolated, learner,
                                                                       learner_client):
    package, lesson, block_id = isolated
    progress.enrol(learner, course_in("en"))
    html = learner_client.get(lesson.url).content.decode()
    assert f'src="{PLAYER}{embed_url(package)}?block={block_id}"' in html
    assert 'sandbox="allow-scripts allow-same-origin"' in html
    assert "h5p-relay.js" in html
    # No third-party player code on the site's origin, and nothing that names the learner.
    assert "main.bundle.js" not in html and "h5p-lesson.js" not in html
    assert learner.email not in html.split('<main', 1)[1].split("</main>")[0]


def test_player_page_is_served_on_the_player_origin_and_framed_only_by_the_site(isolated):
    package, _lesson, _block_id = isolated
    response = Client(HTTP_HOST="h5p.testserver").get(embed_url(package))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == f"frame-ancestors {SITE}"
    assert "X-Frame-Options" not in response
    body = response.content.decode()
    assert f"/content/{package.pk}" in body and '"site_origin": "http://testserver"' in body


def test_player_page_is_refused_on_the_site_origin_and_without_isolation(isolated, settings):
    package, _lesson, _block_id = isolated
    on_site = Client().get(embed_url(package))
    assert on_site.status_code == 404
    assert "played inside its lesson" in on_site.content.decode()
    settings.ACADEMY_H5P_PLAYER_ORIGIN = ""
    assert Client(HTTP_HOST="h5p.testserver").get(embed_url(package)).status_code == 404


def test_unknown_package_on_the_player_origin_is_not_found(isolated):
    with translation.override("en"):
        url = reverse("sse_courses:h5p_embed", args=["00000000-0000-0000-0000-000000000000"])
    assert Client(HTTP_HOST="h5p.testserver").get(url).status_code == 404


def test_player_page_gives_no_learner_data_even_to_a_signed_in_visitor(isolated, learner):
    package, lesson, _block_id = isolated
    client = Client(HTTP_HOST="h5p.testserver")
    client.force_login(learner)
    body = client.get(embed_url(package)).content.decode()
    assert learner.email not in body and lesson.url not in body


@pytest.mark.parametrize("player, site, url, problem", [
    ("h5p.example.org", "https://academy.example.org", "/media/h5p", "sse_courses.E001"),
    ("https://h5p.example.org", "", "/media/h5p", "sse_courses.E002"),
    ("https://academy.example.org", "https://academy.example.org", "/media/h5p", "sse_courses.E003"),
    ("https://h5p.example.org", "https://academy.example.org",
     "https://academy.example.org/media/h5p", "sse_courses.W001"),
])
def test_half_configured_isolation_is_reported_by_the_system_checks(settings, player, site, url,
                                                                    problem):
    settings.ACADEMY_H5P_PLAYER_ORIGIN, settings.ACADEMY_H5P_SITE_ORIGIN = player, site
    settings.ACADEMY_H5P_URL = url
    assert problem in [message.id for message in checks.run_checks()]


def test_well_configured_isolation_passes_the_system_checks(settings):
    settings.ACADEMY_H5P_PLAYER_ORIGIN = "https://h5p.example.org"
    settings.ACADEMY_H5P_SITE_ORIGIN = "https://academy.example.org"
    settings.ACADEMY_H5P_URL = "https://h5p.example.org/media/h5p"
    assert not [m for m in checks.run_checks() if m.id.startswith("courses.")]
