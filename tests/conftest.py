"""Shared fixtures.

Services: PostgreSQL (DATABASE_URL), Redis + a Celery worker (CELERY_BROKER_URL)
and Chromium (/usr/bin/chromium). Outside CI a test that needs a missing one is
skipped with a message saying what is missing; in CI (CI=1) it fails.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Locale

from academy.catalog.identifiers import translation_key
from courses.models import CoursePage, LessonPage

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


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


def pytest_collection_modifyitems(items):
    """With pytest-xdist (`--dist loadgroup`): tests that start Celery workers or share a
    broker run one after another on one process; the embedding test runs beside them."""
    for item in items:
        if item.get_closest_marker("embedding"):
            item.add_marker(pytest.mark.xdist_group("embedding"))
        elif item.get_closest_marker("worker") or "integration" in item.nodeid.split("/"):
            item.add_marker(pytest.mark.xdist_group("services"))


@pytest.fixture(scope="session")
def browser():
    """One Chromium per test process, shared by the browser and embedding tests (Playwright's
    sync API cannot run twice in one thread)."""
    require(Path(CHROMIUM).exists() or shutil.which(CHROMIUM), f"Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright Python package")
    require(AXE.exists(), "axe-core (run `npm install`)")
    # The live server's thread and the test write the same database; SQLite locks it.
    require(on_postgres(), "PostgreSQL for browser tests (set DATABASE_URL=postgres://…)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # test makes between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
