"""Every page of the site carries a strict Content-Security-Policy and a
Permissions-Policy; lesson pages with H5P add exactly what the player needs."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from courses.h5p.importer import import_package
from courses.h5p.page_policy import FRAME_INLINE_SCRIPT, script_hash
from courses.models import ModulePage

from .conftest import course_in, lessons_of, require
from .h5p_builders import add_h5p_lesson, build

pytestmark = pytest.mark.django_db


def directives(response):
    return {part.split()[0]: part.split()[1:]
            for part in response["Content-Security-Policy"].split(";") if part.strip()}


@pytest.fixture
def h5p_lesson(settings, tmp_path):
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    package = import_package(build(tmp_path / "hello.h5p"))
    module = ModulePage.objects.child_of(course_in("en")).order_by("path").first()
    return add_h5p_lesson(module, package)[0]


def test_pages_forbid_inline_script_and_style_and_features_nobody_uses(learner_client):
    lesson = lessons_of(course_in("en"))[0]
    for url in ["/en/", lesson.url, "/en/accounts/login/"]:
        response = Client().get(url) if "login" in url else learner_client.get(url)
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], url
        assert policy["img-src"] == ["'self'", "data:"] and policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'self'"]
        features = response["Permissions-Policy"]
        for denied in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            assert denied in features, url
        assert "fullscreen=(self" in features


def test_the_wagtail_admin_keeps_its_own_inline_scripts(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "Permissions-Policy" in response


def test_a_same_origin_player_gets_only_h5p_cores_inline_script_by_its_hash(h5p_lesson,
                                                                           learner_client):
    policy = directives(learner_client.get(h5p_lesson.url))
    assert policy["script-src"] == ["'self'", script_hash(FRAME_INLINE_SCRIPT)]
    assert policy["style-src"] == ["'self'"]


def test_an_isolated_player_is_framed_from_its_origin_only(h5p_lesson, learner_client, settings):
    settings.ACADEMY_H5P_PLAYER_ORIGIN = "https://h5p.example.org"
    settings.ACADEMY_H5P_SITE_ORIGIN = "http://testserver"
    policy = directives(learner_client.get(h5p_lesson.url))
    assert "https://h5p.example.org" in policy["frame-src"]
    assert policy["script-src"] == ["'self'"]


def test_player_files_on_another_origin_are_allowed_for_the_player(h5p_lesson, learner_client,
                                                                   settings):
    settings.ACADEMY_H5P_URL = "https://bucket.example.org/h5p"
    policy = directives(learner_client.get(h5p_lesson.url))
    for directive in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        assert "https://bucket.example.org" in policy[directive], directive


def test_the_hashed_script_is_the_one_the_installed_player_writes():
    frame = finders.find("h5p-standalone/frame.bundle.js")
    require(frame, "the H5P player (npm install)")
    with open(frame, encoding="utf-8") as bundle:
        assert FRAME_INLINE_SCRIPT in bundle.read()
