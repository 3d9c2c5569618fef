"""Shared by the credentials tests: finish a course, make trainers and facilitators."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from courses import progress
from courses.roles import FACILITATORS, TRAINERS
from credentials.models import Certificate

from .conftest import lessons_of


def finish_course(user, course, capture):
    """Enrol and complete every lesson, running the after-commit callbacks (the
    course_completed signal and, eagerly, the issuing task)."""
    progress.enrol(user, course)
    with capture(execute=True):
        for lesson in lessons_of(course):
            progress.complete_step(user, lesson, course.translation_key)
    return Certificate.objects.filter(user=user, course_key=course.translation_key).first()


def member_of(django_user_model, role, username):
    user = django_user_model.objects.create_user(username=username, email=username,
                                                 password="pw-123456-role")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def trainer(django_user_model):
    return member_of(django_user_model, TRAINERS, "tess@example.org")


@pytest.fixture
def facilitator(django_user_model):
    return member_of(django_user_model, FACILITATORS, "fay@example.org")


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def badge_key(tmp_path, settings):
    """A throwaway signing key for each test (never the real one)."""
    settings.ACADEMY_BADGE_KEY_PATH = tmp_path / "keys" / "badge.pem"
    return settings.ACADEMY_BADGE_KEY_PATH


@pytest.fixture
def certificate(learner, course_en, django_capture_on_commit_callbacks, badge_key):
    """Ana's certificate for the demo course, issued (eagerly) when she finished it."""
    return finish_course(learner, course_en, django_capture_on_commit_callbacks)


@pytest.fixture
def people(learner, other_learner, facilitator, trainer):
    """One of each kind of visitor, by the name the permission matrices use."""
    return {"anonymous": None, "owner": learner, "other learner": other_learner,
            "facilitator": facilitator, "trainer": trainer}
