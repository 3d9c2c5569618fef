"""Twenty identical POSTs at once (a learner hammering a button, a browser resending),
against gunicorn with several workers and threads on PostgreSQL: one plan export, one
new thread, and every answer a normal one."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from academy.models import PlanExport
from community import spaces
from community.models import Post, Space, Thread
from courses import progress

from ..conftest import course_in, on_postgres, require
from .gunicorn_server import gunicorn, signed_in

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
PARALLEL = 20


def at_once(send):
    """Run `send()` PARALLEL times, released together; returns the status codes."""
    start = threading.Barrier(PARALLEL)

    def one(_):
        start.wait()
        return send().status_code

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(one, range(PARALLEL)))


def test_twenty_identical_posts_make_one_export_and_one_thread(
        catalog, django_user_model, own_redis, tmp_path):
    require(on_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    course = course_in("en")
    ana = django_user_model.objects.create_user(username="ana@example.org", email="ana@example.org",
                                                password="x", first_name="Ana")
    progress.enrol(ana, course)
    spaces.sync_course(course)
    space = Space.objects.get(kind=Space.COURSE, course_key=course.translation_key)
    client = Client()
    client.force_login(ana)
    # A broker no worker reads: the export stays "being prepared" while the clicks arrive.
    with gunicorn(tmp_path / "gunicorn.log", workers=2, threads=PARALLEL,
                  CELERY_BROKER_URL=own_redis.url()) as url:
        def session():
            return signed_in(client, url)

        plan = f"{url}/en/learn/courses/{course.id}/my-plan/"
        assert set(at_once(lambda: session().post(plan, allow_redirects=False))) == {302}
        assert PlanExport.objects.filter(user=ana).count() == 1

        with translation.override("en"):
            page = reverse("sse_community:space", args=[space.pk])
            action = reverse("sse_community:new_thread",
                             args=[space.pk, space.topics.get(module_key=None).pk])
        html = session().get(url + page).text
        key = re.search(r'name="submission" value="([0-9a-f-]{36})"', html).group(1)
        form = {"kind": "discussion", "title": "Clicked twenty times", "body": "Hello",
                "language": "en", "submission": key}
        codes = at_once(lambda: session().post(url + action, form, allow_redirects=False))
        assert set(codes) == {302}, codes
        assert Thread.objects.filter(title="Clicked twenty times").count() == 1
        assert Post.objects.filter(author=ana, body_markdown="Hello").count() == 1
    assert "Internal Server Error" not in (tmp_path / "gunicorn.log").read_text()
