"""Cohorts joined by code; the three roles and what Trainers may do in the admin."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.test import Client

from courses.models import Cohort, CohortMembership, Enrolment
from courses.roles import FACILITATORS, LEARNERS, TRAINERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(course_fr):
    return Cohort.objects.create(name="Dakar 2026", course=course_fr, language="fr")


def test_join_code_is_generated_and_readable(cohort):
    assert len(cohort.join_code) == 8
    assert not set(cohort.join_code) & set("0O1I")


def test_learner_joins_a_cohort_with_its_code_and_is_enrolled(learner_client, learner, cohort):
    response = learner_client.post("/fr/learn/cohorts/join/", {"code": cohort.join_code.lower()})
    assert response.status_code == 302
    assert CohortMembership.objects.filter(cohort=cohort, user=learner).exists()
    assert Enrolment.objects.filter(user=learner, course_key=cohort.course.translation_key).exists()
    assert "Dakar 2026" in learner_client.get("/fr/dashboard/").content.decode()


def test_wrong_code_is_refused(learner_client, learner, cohort):
    response = learner_client.post("/en/learn/cohorts/join/", {"code": "NOPE1234"})
    assert response.status_code == 400
    assert "No cohort has this code" in response.content.decode()
    assert not CohortMembership.objects.exists() and not Enrolment.objects.exists()


def test_ended_cohort_cannot_be_joined(learner_client, cohort):
    cohort.ends_on = datetime.date(2020, 1, 1)
    cohort.starts_on = datetime.date(2019, 1, 1)
    cohort.save()
    response = learner_client.post("/en/learn/cohorts/join/", {"code": cohort.join_code})
    assert response.status_code == 400
    assert not CohortMembership.objects.exists()


def test_anonymous_cannot_join(client, cohort):
    assert client.post("/en/learn/cohorts/join/", {"code": cohort.join_code}).status_code == 403
    assert not CohortMembership.objects.exists()


def test_cohort_dates_are_checked_by_the_database(cohort):
    cohort.starts_on, cohort.ends_on = datetime.date(2026, 5, 1), datetime.date(2026, 4, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        cohort.save()


def test_roles_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        TRAINERS, FACILITATORS, LEARNERS}


@pytest.fixture
def trainer_client(django_user_model):
    trainer = django_user_model.objects.create_user(username="t@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(trainer)
    return client


def test_trainer_authors_pages_but_not_users_or_settings(trainer_client, course_en):
    assert trainer_client.get("/admin/").status_code == 200
    assert trainer_client.get(f"/admin/pages/{course_en.id}/edit/").status_code == 200
    assert trainer_client.get(f"/admin/pages/add/sse_courses/modulepage/{course_en.id}/").status_code == 200
    assert trainer_client.get("/admin/images/").status_code == 200
    for forbidden in ("/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/locales/"):
        response = trainer_client.get(forbidden)
        assert response.status_code in (302, 403), forbidden


def test_trainer_may_translate_pages(trainer_client, course_en):
    response = trainer_client.get(f"/admin/localize/submit/page/{course_en.id}/")
    assert response.status_code == 200


def test_learner_has_no_admin_access(learner_client):
    response = learner_client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
