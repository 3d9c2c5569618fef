"""The site keeps serving when what it leans on falters, on gunicorn with persistent
database connections: the cache (a Redis of the test's own) goes away, and the database
drops every connection between two requests. No page answers 500, sessions survive,
writes go through."""

import re
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from community import spaces
from community.models import Post, Space
from courses import progress

from ..conftest import course_in, lessons_of, on_postgres, require
from .gunicorn_server import gunicorn, signed_in

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ana(catalog, django_user_model):
    require(on_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    user = django_user_model.objects.create_user(username="ana@example.org", email="ana@example.org",
                                                 first_name="Ana")
    # A hash the server's profile reads (the tests' own hasher is a fast one it lacks).
    user.password = PBKDF2PasswordHasher().encode("pw-ana-123456", "saltsaltsalt")
    user.save(update_fields=["password"])
    progress.enrol(user, course_in("en"))
    return user


def login_client(user):
    client = Client()
    client.force_login(user)
    return client


def thread_form(session, url, course):
    spaces.sync_course(course)
    space = Space.objects.get(kind=Space.COURSE, course_key=course.translation_key)
    with translation.override("en"):
        page, action = (reverse("sse_community:space", args=[space.pk]),
                        reverse("sse_community:new_thread",
                                args=[space.pk, space.topics.get(module_key=None).pk]))
    html = session.get(url + page).text
    key = re.search(r'name="submission" value="([0-9a-f-]{36})"', html).group(1)
    return url + action, key


def test_pages_serve_and_sessions_survive_while_the_cache_is_down(ana, own_redis, tmp_path):
    course = course_in("en")
    with gunicorn(tmp_path / "gunicorn.log", CACHE_URL=own_redis.url(1)) as url:
        learner = signed_in(login_client(ana), url)
        assert learner.get(url + "/en/dashboard/").status_code == 200  # cached while it is up
        action, key = thread_form(learner, url, course)

        own_redis.stop()  # the cache is gone
        assert requests_get(url + "/en/").status_code == 200  # anonymous home page
        # Still signed in: the dashboard is not a redirect to the login page.
        assert learner.get(url + "/en/dashboard/", allow_redirects=False).status_code == 200
        assert learner.get(url + urlsplit(course.get_url()).path).status_code == 200
        posted = learner.post(action, {"kind": "discussion", "title": "No cache",
                                       "body": "Still here", "language": "en", "submission": key},
                              allow_redirects=False)
        assert posted.status_code == 302, posted.text[-2000:]
        assert Post.objects.filter(body_markdown="Still here").count() == 1
        # Signing in anew works too (the session goes to the database).
        login = requests.Session()
        form = login.get(url + "/en/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        answer = login.post(url + "/en/accounts/login/", allow_redirects=False,
                            data={"username": "ana@example.org", "password": "pw-ana-123456",
                                  "csrfmiddlewaretoken": token},
                            headers={"Referer": url + "/en/accounts/login/"})
        assert answer.status_code == 302, answer.text[-2000:]
        assert login.get(url + "/en/dashboard/", allow_redirects=False).status_code == 200
    assert "Internal Server Error" not in (tmp_path / "gunicorn.log").read_text()


def test_connections_the_database_dropped_are_replaced_before_use(ana, tmp_path):
    course = course_in("en")
    lessons = [lesson for lesson in lessons_of(course) if lesson.completes_manually()]
    assert lessons
    with gunicorn(tmp_path / "gunicorn.log") as url:  # one worker: one kept connection
        learner = signed_in(login_client(ana), url)
        for step, lesson in enumerate(lessons[:3]):
            assert requests_get(url + "/en/").status_code == 200
            assert learner.get(url + "/en/dashboard/").status_code == 200
            with connection.cursor() as cursor:  # every backend of the test database but ours
                cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                assert cursor.fetchone()[0] >= 1  # the server's kept connection was there
            assert requests_get(url + "/en/").status_code == 200
            with translation.override("en"):
                complete = reverse("sse_courses:complete", args=[lesson.id])
            assert learner.post(url + complete, allow_redirects=False).status_code == 302
            assert ana.enrolments.get().completed_steps == step + 1


def requests_get(address):
    return requests.get(address, allow_redirects=False, timeout=30)
