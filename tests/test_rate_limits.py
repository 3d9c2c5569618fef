"""Brute-force protection: cohort join codes, certificate lookups and xAPI statements
are rate-limited in the cache, answered with a 429 that says how long to wait and a
Retry-After header."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from courses import progress
from courses.h5p.importer import import_package
from courses.models import Cohort, ModulePage, XAPIStatement
from courses.ratelimit import client_address

from .conftest import course_in
from .h5p_builders import add_h5p_lesson, build

pytestmark = pytest.mark.django_db


def assert_limited(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "Please wait" in body and "try again" in body


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
