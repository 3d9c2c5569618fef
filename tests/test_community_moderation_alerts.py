"""When reports hide a discussion's opening post, the discussion leaves the learners'
pages at once, and the people who moderate it are told to confirm or restore it."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import Post
from community.moderation.models import Report
from sse_notifications.models import Notification

from .community_builders import fresh_cache  # noqa: F401  (fixture)
from .community_moderation_builders import (  # noqa: F401  (in_english is a fixture)
    extra_learners,
    in_english,
    moderation_world,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache", "in_english")]


@pytest.fixture
def world(course_en, settings):
    settings.ACADEMY_COMMUNITY_REPORTS_TO_HIDE = 2
    return moderation_world(course_en)


def reported_by(people, post):
    for person in people:
        client = Client()
        client.force_login(person)
        assert client.post(reverse("sse_moderation:report", args=[post.pk]),
                           {"reason": Report.OFFENSIVE}).status_code == 302


def alerts_of(user):
    return list(Notification.objects.filter(recipient=user).values_list("message", "url"))


def test_a_hidden_discussion_is_brought_to_its_facilitators_at_once(world):
    opener = world.divided_thread.posts.get(depth=Post.OPENING)
    reported_by(extra_learners(world, 2), opener)
    opener.refresh_from_db()
    assert opener.status == Post.HIDDEN
    reader = Client()
    reader.force_login(world.carla)  # a member of the cohort: the whole discussion is gone
    assert reader.get(reverse("sse_community:thread", args=[world.divided_thread.pk])).status_code == 404
    [(message, url)] = alerts_of(world.facilitator_in)
    assert "Reports hid the discussion" in message
    assert url == reverse("sse_moderation:post", args=[opener.pk])
    facilitator = Client()
    facilitator.force_login(world.facilitator_in)
    page = facilitator.get(reverse("sse_notifications:list")).content.decode()
    assert "Dakar module thread" in page and "confirm or restore it" in page
    # not the other cohort's facilitator; trainers are not disturbed when facilitators are there
    assert alerts_of(world.facilitator_out) == [] and alerts_of(world.trainer) == []


def test_in_the_academy_wide_space_the_trainers_are_told(world):
    opener = world.academy_thread.posts.get(depth=Post.OPENING)
    reported_by(extra_learners(world, 2), opener)
    assert len(alerts_of(world.trainer)) == 1 and alerts_of(world.facilitator_in) == []


def test_a_hidden_response_is_brought_to_the_moderators_too(world):
    reported_by(extra_learners(world, 2), world.divided_post)
    [(message, _url)] = alerts_of(world.facilitator_in)
    assert "Reports hid a post in" in message
