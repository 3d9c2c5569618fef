"""xAPI statements in batches: one request stores a list of statements in order, at a
fixed cost whatever its length, and a batch with one bad statement stores nothing."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import progress
from courses.h5p.importer import import_package
from courses.h5p.views import MAX_BATCH
from courses.models import H5PResult, ModulePage, StepProgress, XAPIStatement

from .conftest import course_in
from .h5p_builders import add_h5p_lesson, build
from .test_h5p_xapi import statement, xapi_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def h5p_lesson(settings, tmp_path):
    """A lesson made of one H5P block ("pass" rule) in the English course's first module."""
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    package = import_package(build(tmp_path / "hello.h5p"))
    return add_h5p_lesson(ModulePage.objects.child_of(course_in("en")).order_by("path").first(),
                          package)


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_a_batch_is_stored_in_order_and_completes_the_lesson(learner, learner_client, h5p_lesson):
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    batch = [statement("attempted", learner.email),
             statement("answered", learner.email, 0, 2, parent=True),  # a sub-question
             statement("answered", learner.email, 1, 2, success=False),
             statement("answered", learner.email, 2, 2, success=True)]
    response = post(learner_client, xapi_url(lesson, block_id), batch)
    assert response.status_code == 201
    ids = response.json()
    assert len(ids) == 4
    stored = {str(s.pk): s for s in XAPIStatement.objects.filter(user=learner)}
    assert [stored[i].verb for i in ids] == ["attempted", "answered", "answered", "answered"]
    result = H5PResult.objects.get(user=learner)
    assert (result.raw, result.max, result.scaled, result.completed, result.passed) == \
        (2, 2, 1.0, True, True)  # the last top-level statement's score and success
    assert StepProgress.objects.get(user=learner, step_key=lesson.translation_key).completed_at


def test_a_batch_with_one_bad_statement_stores_nothing(learner, learner_client, h5p_lesson):
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    batch = [statement("completed", learner.email), statement("completed", "eve@example.org")]
    response = post(learner_client, xapi_url(lesson, block_id), batch)
    assert response.status_code == 403 and "error" in response.json()
    assert not XAPIStatement.objects.exists() and not H5PResult.objects.exists()


@pytest.mark.parametrize("size", [0, MAX_BATCH + 1])
def test_an_empty_or_oversized_batch_is_refused(learner, learner_client, h5p_lesson, size):
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    response = post(learner_client, xapi_url(lesson, block_id),
                    [{"verb": {"id": "v"}, "object": {"id": "x"}}] * size)
    assert response.status_code == 400 and "error" in response.json()
    assert not XAPIStatement.objects.exists()


def test_a_batch_costs_the_same_queries_whatever_its_length(learner, learner_client, h5p_lesson):
    """No query, and no row lock, per statement."""
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    url = xapi_url(lesson, block_id)
    post(learner_client, url, [statement("attempted", learner.email)])  # warm caches
    counts = {}
    for size in (5, 50):
        batch = [statement("answered", learner.email, 0, 1)] * size
        with CaptureQueriesContext(connection) as captured:
            assert post(learner_client, url, batch).status_code == 201
        counts[size] = len(captured)
        assert not any("FOR UPDATE" in q["sql"] for q in captured.captured_queries)
    assert counts[5] == counts[50], counts
