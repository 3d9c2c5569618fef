"""Permission matrix: every facilitation view and export, for every kind of visitor.

Anonymous visitors are sent to log in (GET) or refused (POST); learners are refused;
a facilitator reaches only their own cohorts (another cohort is a 404, as if it did
not exist); trainers reach every cohort and the course reports. A refused POST
writes nothing.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from courses.models import Cohort, CohortMembership
from courses.progress import enrol
from courses.roles import FACILITATORS, TRAINERS
from facilitation.models import Announcement, DashboardExport, Invitation, LearnerMessage

pytestmark = pytest.mark.django_db

SUBJECTS = ["anonymous", "learner_in_cohort", "learner_outside", "facilitator_of_cohort",
            "facilitator_of_other_cohort", "listed_but_not_in_group", "trainer"]


def user(django_user_model, name, *groups):
    account = django_user_model.objects.create_user(username=f"{name}@example.org",
                                                    email=f"{name}@example.org", password="x")
    for group in groups:
        account.groups.add(Group.objects.get_or_create(name=group)[0])
    return account


@pytest.fixture
def world(django_user_model, course_en):
    cohort = Cohort.objects.create(name="Lyon spring", course=course_en, language="en")
    other = Cohort.objects.create(name="Dakar autumn", course=course_en, language="en")
    people = {
        "learner_in_cohort": user(django_user_model, "inside"),
        "learner_outside": user(django_user_model, "outside"),
        "facilitator_of_cohort": user(django_user_model, "fac", FACILITATORS),
        "facilitator_of_other_cohort": user(django_user_model, "otherfac", FACILITATORS),
        "listed_but_not_in_group": user(django_user_model, "listed"),
        "trainer": user(django_user_model, "trainer", TRAINERS),
    }
    CohortMembership.objects.create(cohort=cohort, user=people["learner_in_cohort"])
    cohort.facilitators.add(people["facilitator_of_cohort"], people["listed_but_not_in_group"])
    other.facilitators.add(people["facilitator_of_other_cohort"])
    candidate = user(django_user_model, "candidate")
    enrol(candidate, course_en)
    export = DashboardExport.objects.create(cohort=cohort, requested_by=people["trainer"],
                                            state=DashboardExport.READY,
                                            file=ContentFile(b"a,b\n", name="export.csv"))
    return {"cohort": cohort, "people": people, "export": export, "candidate": candidate,
            "course": course_en}


def gets(world):
    c, e, learner = world["cohort"].pk, world["export"].pk, world["people"]["learner_in_cohort"].pk
    key = world["course"].translation_key
    return {
        "cohort list": (reverse("sse_facilitation:cohorts"), "any"),
        "dashboard": (reverse("sse_facilitation:dashboard", args=[c]), "cohort"),
        "message form": (reverse("sse_facilitation:message", args=[c, learner]), "cohort"),
        "members": (reverse("sse_facilitation:members", args=[c]), "cohort"),
        "announcements": (reverse("sse_facilitation:announcements", args=[c]), "cohort"),
        "export status": (reverse("sse_facilitation:export", args=[e]), "cohort"),
        "export download": (reverse("sse_facilitation:download_export", args=[e]), "cohort"),
        "course reports": (reverse("sse_facilitation:reports"), "trainer"),
        "course report": (reverse("sse_facilitation:course_report", args=[key]), "trainer"),
        "course report CSV": (reverse("sse_facilitation:course_report_csv", args=[key]), "trainer"),
    }


def posts(world):
    c, learner = world["cohort"].pk, world["people"]["learner_in_cohort"].pk
    return {
        "send message": (reverse("sse_facilitation:send_message", args=[c, learner]),
                         {"subject": "Hello", "body": "How are you doing?"}),
        "request export": (reverse("sse_facilitation:request_export", args=[c]), {"file_format": "csv"}),
        "invite": (reverse("sse_facilitation:invite", args=[c]), {"emails": "new.person@example.org"}),
        "bulk add": (reverse("sse_facilitation:bulk_add", args=[c]), {"users": [world["candidate"].pk]}),
        "set dates": (reverse("sse_facilitation:set_dates", args=[c]),
                      {"starts_on": "2026-01-05", "ends_on": "2026-03-01"}),
        "new join code": (reverse("sse_facilitation:new_code", args=[c]), {}),
        "post announcement": (reverse("sse_facilitation:post_announcement", args=[c]),
                              {"title": "Week 2", "body": "Module 2 opens today."}),
    }


def client_for(world, subject):
    client = Client()
    if subject != "anonymous":
        client.force_login(world["people"][subject])
    return client


def expected_get(subject, scope):
    if subject == "anonymous":
        return 302
    if subject == "trainer":
        return 200
    if subject in ("learner_in_cohort", "learner_outside", "listed_but_not_in_group"):
        return 403
    if scope == "trainer":
        return 403
    if scope == "any":
        return 200
    return 200 if subject == "facilitator_of_cohort" else 404


def expected_post(subject, view=""):
    if subject in ("anonymous", "learner_in_cohort", "learner_outside", "listed_but_not_in_group"):
        return 403
    if subject == "facilitator_of_other_cohort":
        return 404
    # Learners of the course outside the cohort are listed and invited by trainers only.
    return 403 if view == "bulk add" and subject != "trainer" else 302


def state_of(cohort):
    cohort.refresh_from_db()
    return (LearnerMessage.objects.count(), DashboardExport.objects.count(),
            Invitation.objects.count(), Announcement.objects.count(), cohort.members.count(),
            cohort.starts_on, cohort.join_code)


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("view", ["cohort list", "dashboard", "message form", "members",
                                  "announcements", "export status", "export download",
                                  "course reports", "course report", "course report CSV"])
def test_get(world, subject, view):
    url, scope = gets(world)[view]
    response = client_for(world, subject).get(url)
    assert response.status_code == expected_get(subject, scope), (subject, view)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    if response.status_code in (403, 404):
        assert "This could not be done" in response.content.decode()  # a page that says why


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("view", ["send message", "request export", "invite", "bulk add",
                                  "set dates", "new join code", "post announcement"])
def test_post(world, subject, view, django_capture_on_commit_callbacks):
    url, data = posts(world)[view]
    before = state_of(world["cohort"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world, subject).post(url, data)
    assert response.status_code == expected_post(subject, view), (subject, view)
    if response.status_code != 302:
        assert state_of(world["cohort"]) == before  # refused: nothing written
    else:
        assert state_of(world["cohort"]) != before


def test_post_views_refuse_get(world):
    client = client_for(world, "trainer")
    url, _data = posts(world)["request export"]
    response = client.get(url)
    assert response.status_code == 405 and DashboardExport.objects.count() == 1


def test_posts_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["people"]["facilitator_of_cohort"])
    url, data = posts(world)["post announcement"]
    assert client.post(url, data).status_code == 403
    assert not Announcement.objects.exists()


def test_a_learner_of_another_cohort_cannot_be_messaged(world, django_user_model):
    stranger = user(django_user_model, "stranger")
    client = client_for(world, "facilitator_of_cohort")
    url = reverse("sse_facilitation:send_message", args=[world["cohort"].pk, stranger.pk])
    assert client.post(url, {"subject": "Hi", "body": "Hi"}).status_code == 404
    assert not LearnerMessage.objects.exists()
