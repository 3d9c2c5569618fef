"""The cohort dashboard: what a facilitator sees, and that it costs a fixed number of
queries whatever the cohort size."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.cohorts import add_learners, build_cohort
from facilitation.services.dashboard import cohort_dashboard

pytestmark = pytest.mark.django_db
MAX_QUERIES = 16


def facilitator_client(scenario):
    client = Client()
    client.force_login(scenario["user"])
    return client


def dashboard_url(cohort, page=None):
    return reverse("sse_facilitation:dashboard", args=[cohort.pk]) + (f"?page={page}" if page else "")


def test_query_count_does_not_grow_with_the_cohort(settings):
    settings.ACADEMY_FACILITATION_LEARNERS_PER_PAGE = 10
    scenario = build_cohort(5, lessons=12)
    client = facilitator_client(scenario)
    url = dashboard_url(scenario["cohort"])
    client.get(url)  # warm per-process caches
    counts = {}
    for size in (5, 20):
        if size == 20:
            add_learners(scenario["cohort"], 15, scenario["steps"], scenario["quiz"])
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count('<th scope="row">') == min(size, 10)  # one page
        counts[size] = len(captured)
        assert counts[size] <= MAX_QUERIES, "\n".join(q["sql"] for q in captured.captured_queries)
    assert counts[5] == counts[20], counts


def test_grid_shows_progress_and_grades_as_text():
    scenario = build_cohort(6, lessons=12)
    body = facilitator_client(scenario).get(dashboard_url(scenario["cohort"])).content.decode()
    # Learner 0005 did 5 of the 10 lessons of module 1 (plus its quiz: 11 steps).
    assert "Learner 0005" in body
    assert "heat heat-" in body and "45%" in body
    assert "✗ 40" in body  # learner 0 failed the quiz twice: best grade 40, shown as text
    assert "✓ 85" in body


def test_needs_help_lists_inactive_learners_and_repeated_failures(settings):
    settings.ACADEMY_FACILITATION_INACTIVE_DAYS = 30
    scenario = build_cohort(6, lessons=12)
    data = cohort_dashboard(scenario["cohort"])
    reasons = {row.user.first_name: [code for code, _detail in row.reasons] for row in data.rows}
    assert reasons["Learner 0000"] == ["failed"]  # two failed attempts, never passed
    assert reasons["Learner 0003"] == ["failed"]
    assert reasons["Learner 0004"] == ["inactive"]  # 60 days without activity
    assert reasons["Learner 0001"] == []
    settings.ACADEMY_FACILITATION_INACTIVE_DAYS = 90
    assert [c for c, _ in cohort_dashboard(scenario["cohort"]).rows[4].reasons] == []


def test_funnel_and_grade_distribution():
    scenario = build_cohort(14, lessons=12)
    data = cohort_dashboard(scenario["cohort"])
    # Module 1 has 10 lessons and the quiz step: 11 steps; learner n did n % 13 lessons.
    (first, finished_first, _), (second, finished_second, _) = data.funnel
    assert first.total == 11 and second.total == 2
    assert finished_first == 0  # the quiz step is not completed by the builder
    bands = {label: count for label, count, _share in data.distribution}
    assert bands["40–49%"] == 5  # learners 0, 3, 6, 9, 12: best of 30 and 40
    assert bands["80–89%"] == 9


def test_a_passed_retry_clears_the_failure(django_user_model):
    from quizzes.models import Attempt

    scenario = build_cohort(1, lessons=12)
    user = scenario["cohort"].members.get()
    Attempt.objects.create(user=user, quiz_key=scenario["quiz"].translation_key,
                           course_key=scenario["course"].translation_key, number=3,
                           state=Attempt.SUBMITTED, submitted_at=scenario["cohort"].memberships
                           .get().joined_at, grade=90, passed=True)
    row = cohort_dashboard(scenario["cohort"]).rows[0]
    assert [code for code, _ in row.reasons] == []


def test_the_needs_help_list_is_capped_but_every_learner_is_marked_in_the_grid(settings):
    settings.ACADEMY_FACILITATION_HELP_LIST_SIZE = 2
    scenario = build_cohort(7, lessons=12)  # learners 0, 3, 4 and 6 need help
    body = facilitator_client(scenario).get(dashboard_url(scenario["cohort"])).content.decode()
    help_list = body.split('id="help-title"')[1].split('id="grid-title"')[0]
    assert help_list.count("Write to") == 2
    assert "2 more learners need help" in body
    assert body.count('<tr class="needs-help">') == 4


def test_later_pages_of_the_grid(settings):
    settings.ACADEMY_FACILITATION_LEARNERS_PER_PAGE = 4
    scenario = build_cohort(6, lessons=12)
    client = facilitator_client(scenario)
    second = client.get(dashboard_url(scenario["cohort"], page=2)).content.decode()
    assert "Page 2 of 2" in second and "Learner 0005" in second and "Learner 0001" not in second
    assert client.get(dashboard_url(scenario["cohort"], page="x")).status_code == 200
