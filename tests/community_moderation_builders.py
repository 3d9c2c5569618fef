"""The community test world plus what moderation needs: a second learner of the first
cohort (Carla) whose posts are reported, hidden, pending, edited; helpers to report."""

import pytest
from django.utils import translation

from community.models import Post
from courses import progress
from courses.models import CohortMembership
from courses.roles import LEARNERS

from .community_builders import build_world, make_post, make_user


def moderation_world(course):
    world = build_world(course)
    world.carla = make_user("carla@example.org", LEARNERS, first_name="Carla")
    progress.enrol(world.carla, course)
    CohortMembership.objects.create(cohort=world.cohort_in, user=world.carla)
    world.divided_post = make_post(world.divided_thread, world.carla, "Carla in the Dakar topic")
    world.course_post = make_post(world.course_thread, world.carla, "Carla to the whole course")
    world.academy_post = make_post(world.academy_thread, world.carla, "Carla to everyone")
    world.cohort_post = make_post(world.cohort_thread, world.carla, "Carla in the cohort space")
    return world


def pending_post(thread, author, body="Waiting for approval"):
    return make_post(thread, author, body, status=Post.PENDING)


def hidden_post(thread, author, body="Hidden already"):
    return make_post(thread, author, body, status=Post.HIDDEN)


def extra_learners(world, count, course=None):
    """`count` more learners of the first cohort (reporters)."""
    people = []
    for number in range(count):
        person = make_user(f"reporter{number}@example.org", LEARNERS)
        progress.enrol(person, course or world.course)
        CohortMembership.objects.create(cohort=world.cohort_in, user=person)
        people.append(person)
    return people


@pytest.fixture
def in_english():
    """URLs reversed in English and messages read in English, whatever an earlier test
    left active."""
    with translation.override("en"):
        yield
