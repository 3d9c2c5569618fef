"""Pages of an enrolled learner cost a fixed, small number of queries, whatever the
course size; quiz autosave and submission whatever the number of questions."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.builders import build_course, learner_with_progress

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10  # lesson, course and dashboard pages
QUIZ_MAX_QUERIES = {"quiz attempt page": 10, "quiz autosave": 8, "quiz submission": 12}


def queries_for(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def sized_courses():
    courses = {}
    for size in (10, 200):
        course = build_course(size)
        user, lessons = learner_with_progress(course)
        client = Client()
        client.force_login(user)
        courses[size] = (course, lessons, client)
    return courses


@pytest.mark.parametrize("page", ["course", "lesson", "dashboard"])
def test_query_count_does_not_grow_with_course_size(sized_courses, page):
    counts = {}
    for size, (course, lessons, client) in sized_courses.items():
        url = {"course": course.url, "lesson": lessons[len(lessons) // 2 + 1].url,
               "dashboard": "/en/dashboard/"}[page]
        counts[size], sql = queries_for(client, url)
        assert counts[size] <= MAX_QUERIES, "\n".join(sql)
    assert counts[10] == counts[200], counts


@pytest.mark.parametrize("flow_name", ["quiz attempt page", "quiz autosave", "quiz submission"])
def test_quiz_queries_do_not_grow_with_questions(flow_name):
    """Grading issues no query per question: 10 and 100 questions cost the same."""
    from bench.__main__ import send
    from bench.flows import GROUPS

    _unit, build, flows = next(group for group in GROUPS if group[0] == "questions")
    flow = dict(flows)[flow_name]
    counts = {}
    for size in (10, 100):
        scenario = build(size)
        client = Client()
        client.force_login(scenario["user"])
        prepare = flow(scenario)
        send(client, *prepare()[:3])  # warm caches
        method, url, data, _expected = prepare()
        with CaptureQueriesContext(connection) as captured:
            response = send(client, method, url, data)
        assert response.status_code in (200, 302)
        counts[size] = len(captured)
        assert counts[size] <= QUIZ_MAX_QUERIES[flow_name], "\n".join(
            q["sql"] for q in captured.captured_queries)
    assert counts[10] == counts[100], counts
