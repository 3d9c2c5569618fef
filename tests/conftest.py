"""Shared fixtures.

Services: PostgreSQL (DATABASE_URL), Redis + a Celery worker (CELERY_BROKER_URL)
and Chromium (/usr/bin/chromium). Outside CI a test that needs a missing one is
skipped with a message saying what is missing; in CI (CI=1) it fails.
"""

import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Locale

from academy.catalog.identifiers import translation_key
from courses.models import CoursePage, LessonPage

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available, what):
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI needs {what}, and it is missing.", pytrace=False)
    pytest.skip(f"{what} is missing; this test runs in CI.")


def on_postgres():
    return connection.vendor == "postgresql"


def load_demo_site():
    """The demo site's home pages, then the catalog under them (both idempotent)."""
    call_command("create_demo_site", verbosity=0)
    call_command("load_catalog", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty local-memory cache: rate-limit counts (sign-ups and
    failed logins from 127.0.0.1…) must not carry over from one test to the next."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(caches["default"], LocMemCache):  # a shared Redis is left alone
        caches["default"].clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the demo catalog, loaded once."""
    with django_db_blocker.unblock():
        load_demo_site()


@pytest.fixture
def catalog(db):
    """Reload the catalog (idempotent); needed after a transactional test flushed it."""
    load_demo_site()


def course_in(language):
    return CoursePage.objects.get(
        locale=Locale.objects.get(language_code=language),
        translation_key=translation_key("sse-introduction"),
    )


@pytest.fixture
def course_en(db):
    return course_in("en")


@pytest.fixture
def course_fr(db):
    return course_in("fr")


@pytest.fixture
def course_es(db):
    return course_in("es")


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user(
        username="ana@example.org", email="ana@example.org", password="pw-ana-123456",
        first_name="Ana",
    )


@pytest.fixture
def other_learner(django_user_model):
    return django_user_model.objects.create_user(
        username="ben@example.org", email="ben@example.org", password="pw-ben-123456",
    )


@pytest.fixture
def learner_client(learner):
    client = Client()
    client.force_login(learner)
    return client


@pytest.fixture
def csrf_client(learner):
    """A logged-in client that, like a browser, must send the CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    return client


@pytest.fixture
def greylisting_mail_server(monkeypatch):
    """The test mail backend refuses the second email once ("451 try again later"), as a
    greylisting server does; returns the list of recipients of every attempt."""
    from django.core.mail.backends.locmem import EmailBackend

    send, calls = EmailBackend.send_messages, []

    def flaky(backend, messages):
        calls.append(messages[0].to)
        if len(calls) == 2:
            raise OSError("451 try again later")
        return send(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    return calls
