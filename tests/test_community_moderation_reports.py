"""Reports as learners meet them: automatic hiding at the threshold and not before,
duplicates refused, the rate limit's message, bad input refused with nothing written."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import Post
from community.moderation.models import ModerationAction, Report

from .community_builders import client_for, fresh_cache  # noqa: F401  (fixture)
from .community_moderation_builders import (  # noqa: F401  (in_english is a fixture)
    extra_learners,
    in_english,
    moderation_world,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache", "in_english")]


@pytest.fixture
def world(course_en):
    return moderation_world(course_en)


def report_url(post):
    return reverse("sse_moderation:report", args=[post.pk])


def thread_page(world, role, thread):
    return client_for(world, role).get(reverse("sse_community:thread", args=[thread.pk])).content.decode()


def logged_in(person):
    client = Client()
    client.force_login(person)
    return client


def send_report(client, post, reason=Report.SPAM, note=""):
    return client.post(report_url(post), {"reason": reason, "note": note})


def test_the_third_report_hides_the_post_not_the_second(world, settings):
    settings.ACADEMY_COMMUNITY_REPORTS_TO_HIDE = 3
    post = world.divided_post
    first, second, third = extra_learners(world, 3)
    for person in (first, second):
        assert send_report(logged_in(person), post).status_code == 302
    post.refresh_from_db()
    assert post.status == Post.PUBLISHED
    assert "Carla in the Dakar topic" in thread_page(world, "learner_in", world.divided_thread)
    assert not ModerationAction.objects.exists()

    response = send_report(logged_in(third), post, Report.OFFENSIVE)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Post.HIDDEN
    auto = ModerationAction.objects.get()
    assert auto.action == ModerationAction.AUTO_HIDDEN and auto.actor is None and auto.post == post
    # hidden from learners (the author included), still there for the cohort's moderators
    assert "Carla in the Dakar topic" not in thread_page(world, "learner_in", world.divided_thread)
    assert "Carla in the Dakar topic" not in logged_in(world.carla).get(
        reverse("sse_community:thread", args=[world.divided_thread.pk])).content.decode()
    for role in ("facilitator_in", "trainer"):
        page = thread_page(world, role, world.divided_thread)
        assert "Carla in the Dakar topic" in page and "Hidden by a moderator" in page
    # the queue of the cohort's facilitator lists it with its three reports, once
    queue = client_for(world, "facilitator_in").get(reverse("sse_moderation:queue")).content.decode()
    assert queue.count(f'id="queue-post-{post.pk}"') == 1 and "3 open reports" in queue
    other_queue = client_for(world, "facilitator_out").get(reverse("sse_moderation:queue"))
    assert f'id="queue-post-{post.pk}"' not in other_queue.content.decode()


def test_the_threshold_is_a_setting(world, settings):
    settings.ACADEMY_COMMUNITY_REPORTS_TO_HIDE = 1
    assert send_report(client_for(world, "learner_in"), world.divided_post).status_code == 302
    world.divided_post.refresh_from_db()
    assert world.divided_post.status == Post.HIDDEN


def test_a_second_report_by_the_same_person_is_refused(world):
    client = client_for(world, "learner_in")
    assert send_report(client, world.divided_post).status_code == 302
    again = send_report(client, world.divided_post, Report.OFF_TOPIC)
    assert again.status_code == 409
    assert "already reported" in again.content.decode()
    assert Report.objects.filter(post=world.divided_post).count() == 1


def test_after_a_moderator_dismisses_them_people_may_report_again(world):
    client = client_for(world, "learner_in")
    send_report(client, world.divided_post)
    moderator = client_for(world, "facilitator_in")
    response = moderator.post(reverse("sse_moderation:post_action",
                                      args=[world.divided_post.pk, "dismiss"]))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.outcome == Report.DISMISSED and report.resolved_by == world.facilitator_in
    assert send_report(client, world.divided_post).status_code == 302
    assert Report.objects.filter(resolved_at__isnull=True).count() == 1


def test_reporting_too_often_says_so_and_records_nothing_more(world, settings):
    settings.ACADEMY_COMMUNITY_RATE_REPORT = (2, 3600)
    client = client_for(world, "learner_in")
    assert send_report(client, world.divided_post).status_code == 302
    assert send_report(client, world.course_post).status_code == 302
    response = send_report(client, world.academy_post)
    assert response.status_code == 429
    assert "You are doing this too often" in response.content.decode()
    assert not Report.objects.filter(post=world.academy_post).exists()


@pytest.mark.parametrize("data,message", [
    ({"reason": "because"}, "Please correct the form"),
    ({}, "Please correct the form"),
    ({"reason": Report.OTHER, "note": "   "}, "Please say what is wrong"),
    ({"reason": Report.SPAM, "note": "x" * 501}, "Please correct the form"),
])
def test_bad_reports_are_refused_with_a_message(world, data, message):
    response = client_for(world, "learner_in").post(report_url(world.divided_post), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_an_other_reason_with_a_note_reaches_the_moderators(world):
    send_report(client_for(world, "learner_in"), world.divided_post, Report.OTHER, "Phone number in it")
    page = client_for(world, "facilitator_in").get(
        reverse("sse_moderation:post", args=[world.divided_post.pk])).content.decode()
    assert "Phone number in it" in page


def test_the_report_link_is_on_other_peoples_posts_only(world):
    page = thread_page(world, "learner_in", world.divided_thread)
    assert report_url(world.divided_post) in page
    opening = world.divided_thread.posts.get(depth=Post.OPENING)  # learner_in's own post
    assert report_url(opening) not in page
    assert report_url(world.academy_post) in thread_page(world, "learner_out", world.academy_thread)
    assert report_url(world.academy_post) not in thread_page(world, "anonymous", world.academy_thread)
