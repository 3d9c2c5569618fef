"""Brute-force protection: logging in (per account and per client), signing up,
resetting a password, cohort join codes, certificate lookups and xAPI statements are
rate-limited in the cache, answered with a 429 that says how long to wait and a
Retry-After header, whichever client or process is asking."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses import progress
from courses.h5p.importer import import_package
from courses.models import Cohort, ModulePage, XAPIStatement
from courses.ratelimit import client_address

from .conftest import course_in, require
from .h5p_builders import add_h5p_lesson, build

pytestmark = pytest.mark.django_db
LOGIN = "/en/accounts/login/"


def log_in(client, email, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def assert_limited(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "Please wait" in body and "try again" in body


def test_wrong_passwords_lock_the_account_from_every_address(settings, client, learner):
    settings.ACADEMY_RATE_LOGIN_ACCOUNT = (5, 900)
    for attempt in range(5):  # each try from another address: the account is what counts
        assert log_in(client, "ana@example.org", "guess", f"198.51.100.{attempt}").status_code == 200
    locked = log_in(client, "ANA@example.org", "pw-ana-123456", "192.0.2.99")  # the right one
    assert_limited(locked)
    assert "Too many failed attempts to log in" in locked.content.decode()
    assert int(locked["Retry-After"]) <= 900
    assert client.get("/en/dashboard/").status_code == 302  # not logged in
    # another account is not affected
    assert log_in(Client(), "ben@example.org", "guess", "192.0.2.99").status_code == 200


def test_wrong_passwords_from_one_address_lock_it_across_accounts(settings, learner):
    settings.ACADEMY_RATE_LOGIN_CLIENT = (4, 900)
    guesser = Client()
    for number in range(4):
        assert log_in(guesser, f"person{number}@example.org", "guess").status_code == 200
    assert_limited(log_in(guesser, "ana@example.org", "pw-ana-123456"))
    # the same account from elsewhere still logs in
    assert log_in(Client(), "ana@example.org", "pw-ana-123456", "192.0.2.1").status_code == 302


def test_the_count_is_shared_by_every_client(settings, learner):
    """Two clients (two browsers, or two server processes reading one cache)."""
    settings.ACADEMY_RATE_LOGIN_ACCOUNT = (3, 900)
    first, second = Client(), Client()
    for client in (first, second, first):
        log_in(client, "ana@example.org", "guess", "198.51.100.1")
    assert_limited(log_in(second, "ana@example.org", "pw-ana-123456", "198.51.100.2"))


@pytest.fixture
def redis_cache(settings):
    """The cache on Redis, as the demo site has it with CACHE_URL, under a key prefix of
    this test's own (nothing is flushed: the database may be shared)."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    available = False
    if url.startswith("redis"):
        import redis

        try:
            available = redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError:
            pass
    require(available, "Redis (set CELERY_BROKER_URL=redis://…)")
    prefix = f"rate-test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": url, "KEY_PREFIX": prefix}}
    return url, prefix


def test_failures_counted_by_another_process_lock_the_account(settings, redis_cache, learner):
    """As in production with CACHE_URL: another server process shares the counts."""
    url, prefix = redis_cache
    settings.ACADEMY_RATE_LOGIN_ACCOUNT = (3, 900)
    script = (
        "import django\n"
        "from django.conf import settings\n"
        f"settings.CACHES['default']['KEY_PREFIX'] = {prefix!r}\n"
        "django.setup()\n"
        "from courses import ratelimit\n"
        "for _ in range(3): ratelimit.failed('login_account', 'ana@example.org')\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "demo_site.settings.test", "CACHE_URL": url}
    subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[1],
                   env=env, check=True, capture_output=True, timeout=120)
    assert_limited(log_in(Client(), "ana@example.org", "pw-ana-123456"))


def test_sign_ups_are_limited_per_address_and_per_client(settings, client):
    settings.ACADEMY_RATE_SIGNUP_EMAIL = (2, 3600)
    settings.ACADEMY_RATE_SIGNUP = (2, 3600)

    def sign_up(email, address="203.0.113.9"):
        return client.post("/en/accounts/signup/", {
            "name": "Zoe", "email": email, "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026"}, REMOTE_ADDR=address)

    assert sign_up("zoe@example.org").status_code == 302
    assert sign_up("zoe@example.org", "198.51.100.3").status_code == 302
    assert_limited(sign_up("ZOE@example.org", "198.51.100.4"))  # the address had its emails
    assert sign_up("yan@example.org").status_code == 302  # second from 203.0.113.9
    assert_limited(sign_up("xia@example.org"))


def test_password_reset_requests_are_limited(settings, client, learner):
    settings.ACADEMY_RATE_PASSWORD_RESET_EMAIL = (2, 3600)
    url = "/en/accounts/password-reset/"
    for _ in range(2):
        assert client.post(url, {"email": "ana@example.org"}).status_code == 302
    assert_limited(client.post(url, {"email": "ana@example.org"}))
    settings.ACADEMY_RATE_PASSWORD_RESET = (3, 3600)  # per client, whatever the address
    assert_limited(client.post(url, {"email": "nobody@example.org"}))


def test_guessing_join_codes_is_stopped_and_the_right_code_waits_too(
        settings, learner_client, course_en):
    settings.ACADEMY_RATE_JOIN_CODE = (3, 3600)
    cohort = Cohort.objects.create(name="Lima", course=course_en, language="en")
    url = reverse("sse_courses:join_cohort")
    for guess in ("AAAA1111", "BBBB2222", "CCCC3333"):
        assert learner_client.post(url, {"code": guess}).status_code == 400
    assert_limited(learner_client.post(url, {"code": cohort.join_code}))
    assert not cohort.members.exists()


def test_unknown_certificate_codes_are_limited_per_client(settings, client):
    settings.ACADEMY_RATE_VERIFY = (3, 600)
    for n in range(3):
        assert client.get(f"/en/verify/AAAA-BBBB-CCCC-000{n}/").status_code == 404
    assert_limited(client.get("/verify/AAAA-BBBB-CCCC-0009/"))


def test_xapi_statements_are_limited_per_learner(settings, tmp_path, learner, learner_client):
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    settings.ACADEMY_RATE_XAPI = (2, 60)
    package = import_package(build(tmp_path / "hello.h5p"))
    module = ModulePage.objects.child_of(course_in("en")).order_by("path").first()
    lesson, block_id = add_h5p_lesson(module, package)
    progress.enrol(learner, course_in("en"))
    with translation.override("en"):
        url = reverse("sse_courses:h5p_xapi", args=[lesson.id, block_id])
    statement = json.dumps({
        "actor": {"objectType": "Agent", "mbox": f"mailto:{learner.email}"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
        "object": {"id": "http://testserver/en/try-it#h5p", "objectType": "Activity"}})
    for _ in range(2):
        assert learner_client.post(url, statement, content_type="application/json").status_code == 201
    refused = learner_client.post(url, statement, content_type="application/json")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Please wait" in refused.json()["error"]
    assert XAPIStatement.objects.count() == 2


def test_community_actions_count_through_the_kernel_limiter(settings, learner):
    from community import ratelimit as community_limits
    from courses.ratelimit import RateLimited

    settings.ACADEMY_COMMUNITY_RATE_LIKE = (5, 60)  # the older name is still read…
    settings.ACADEMY_RATE_LIKE = (1, 60)  # …and ACADEMY_RATE_<ACTION> wins
    community_limits.hit(learner, "like")
    with pytest.raises(RateLimited) as limited:
        community_limits.hit(learner, "like")
    assert limited.value.status == 429 and 0 < limited.value.retry_after <= 60


@pytest.mark.parametrize("meta, proxies, expected", [
    ({"REMOTE_ADDR": "203.0.113.5"}, 0, "203.0.113.5"),
    ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"}, 0, "10.0.0.1"),
    ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"}, 1, "203.0.113.5"),
    ({"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, 0, "2001:db8:1:2::/64"),
    ({"REMOTE_ADDR": "::ffff:203.0.113.5"}, 0, "203.0.113.5"),
])
def test_the_client_address_cannot_be_forged_past_the_trusted_proxies(rf, settings, meta,
                                                                      proxies, expected):
    settings.ACADEMY_RATE_TRUSTED_PROXIES = proxies
    assert client_address(rf.get("/", **meta)) == expected
