"""Course reports for trainers: completion across cohorts, median time per module,
quiz difficulty, and the CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.builders import build_course
from bench.cohorts import add_learners, build_quiz_step
from courses.models import Cohort, Enrolment, LessonPage, StepProgress
from courses.roles import TRAINERS
from facilitation.services.reports import duration_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_data(django_user_model):
    course = build_course(4, slug="report-course")
    quiz = build_quiz_step(course)
    steps = [p.translation_key for p in LessonPage.objects.descendant_of(course).order_by("path")]
    steps.append(quiz.translation_key)
    spring = Cohort.objects.create(name="Spring", course=course, language="en")
    autumn = Cohort.objects.create(name="Autumn", course=course, language="en")
    learners = add_learners(spring, 6, steps, quiz)  # learner n did n % 6 of the 5 steps
    add_learners(autumn, 2, steps)
    finisher = learners[5]
    start = timezone.now() - timedelta(days=3)
    StepProgress.objects.filter(user=finisher).update(first_viewed_at=start, completed_at=start)
    StepProgress.objects.filter(user=finisher, step_key=steps[2]).update(
        completed_at=start + timedelta(hours=3))
    Enrolment.objects.filter(user=finisher).update(completed_at=start + timedelta(hours=3))
    trainer = django_user_model.objects.create_user(username="t@example.org", password="x")
    trainer.groups.add(Group.objects.get_or_create(name=TRAINERS)[0])
    client = Client()
    client.force_login(trainer)
    return {"course": course, "client": client}


def test_course_report_figures(course_data):
    client, course = course_data["client"], course_data["course"]
    listing = client.get(reverse("sse_facilitation:reports")).content.decode()
    assert "Benchmark course (4 lessons)" in listing
    body = client.get(reverse("sse_facilitation:course_report",
                              args=[course.translation_key])).content.decode()
    assert "12.5%" in body  # 1 of 8 enrolments completed
    assert "16.7%" in body  # Spring: 1 of 6
    assert "3 h 00 min" in body  # the only learner who finished module 1 took 3 hours
    # 8 attempts: learners 0 and 3 scored 30 then 40, four others 85: mean 60, half passed.
    assert "60.0%" in body and "50.0%" in body
    quiz = course.get_children().first().get_children().last()
    assert f"/admin/quizzes/{quiz.id}/report/" in body  # per-question figures in the admin


def test_course_report_csv(course_data):
    response = course_data["client"].get(reverse("sse_facilitation:course_report_csv",
                                                 args=[course_data["course"].translation_key]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["completion rate %", "12.5"] in rows
    assert ["Spring", "6", "1", "16.7"] in rows
    assert ["Module 1", "1", "180.0"] in rows
    assert ["Module check", "8", "6", "60.0", "50.0"] in rows


def test_unknown_course_is_a_404(course_data):
    response = course_data["client"].get(reverse(
        "sse_facilitation:course_report", args=["00000000-0000-0000-0000-000000000000"]))
    assert response.status_code == 404


def test_durations_read_easily():
    assert duration_text(None) == "—"
    assert duration_text(12 * 60) == "12 min"
    assert duration_text(2 * 3600 + 5 * 60) == "2 h 05 min"
    assert duration_text(3 * 86400 + 4 * 3600) == "3 d 4 h"
