"""Trainers choose each topic's mode in the Wagtail admin; learners and facilitators cannot."""

import pytest
from django.urls import reverse

from community.models import Topic

from .community_builders import build_world, client_for

pytestmark = pytest.mark.django_db


def test_a_trainer_divides_a_topic_by_cohort(course_en):
    world = build_world(course_en)
    topic = world.course_topic
    client = client_for(world, "trainer")
    listing = client.get(reverse("wagtailsnippets_sse_community_topic:list"))
    assert listing.status_code == 200
    assert "General discussion" in listing.content.decode()
    url = reverse("wagtailsnippets_sse_community_topic:edit", args=[topic.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"mode": Topic.DIVIDED, "position": 0})
    assert response.status_code == 302, response.content[:500]
    topic.refresh_from_db()
    assert topic.mode == Topic.DIVIDED


@pytest.mark.parametrize("role", ["learner_in", "facilitator_in"])
def test_others_cannot_change_topics(course_en, role):
    world = build_world(course_en)
    url = reverse("wagtailsnippets_sse_community_topic:edit", args=[world.course_topic.pk])
    response = client_for(world, role).post(url, {"mode": Topic.DIVIDED, "position": 0})
    assert response.status_code in (302, 403)  # the admin sends them to its login page
    world.course_topic.refresh_from_db()
    assert world.course_topic.mode == Topic.UNIFIED


def test_sync_command_creates_missing_spaces_once(course_en):
    from django.core.management import call_command

    from community.models import Space

    Space.objects.filter(kind="course").delete()
    call_command("sync_community_spaces", verbosity=0)
    call_command("sync_community_spaces", verbosity=0)
    space = Space.objects.get(kind="course", course_key=course_en.translation_key)
    assert space.topics.count() == 1 + course_en.get_children().live().count()
