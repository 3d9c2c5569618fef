"""Moderator actions as people notice them: suspensions, first-post approval, moves that
keep a discussion's readers, edits with a reason in the history, the audit log, and the
queue's query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.models import Post, Thread
from community.moderation.models import ModerationAction, Report, Suspension
from community.moderation.services import posts as post_actions
from community.moderation.services import suspensions, threads
from courses.permissions import Refused

from .community_builders import client_for, fresh_cache, make_post  # noqa: F401  (fixture)
from .community_moderation_builders import (  # noqa: F401  (in_english is a fixture)
    extra_learners,
    in_english,
    moderation_world,
    pending_post,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache", "in_english")]


@pytest.fixture
def world(course_en):
    return moderation_world(course_en)


def mod_url(name, *args):
    return reverse(f"sse_moderation:{name}", args=args)


def reply(client, thread, body="Still here"):
    return client.post(reverse("sse_community:reply", args=[thread.pk]), {"body": body, "language": "en"})


def as_carla(world):
    client = client_for(world, "anonymous")
    client.force_login(world.carla)
    return client


# Suspensions


def test_a_suspension_blocks_posting_in_its_space_until_its_end_and_says_so(world):
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = client_for(world, "facilitator_in").post(
        mod_url("suspend", world.cohort_post.pk), {"until": day.isoformat(), "reason": "Insults"})
    assert response.status_code == 302
    suspension = Suspension.objects.get(user=world.carla, space=world.cohort_space)
    refused = reply(as_carla(world), world.cohort_thread)
    assert refused.status_code == 403
    text = refused.content.decode()
    assert "You are suspended from posting in this space until" in text
    assert str(day.year) in text
    assert not world.cohort_thread.posts.filter(body_markdown="Still here").exists()
    # other spaces are not affected
    assert reply(as_carla(world), world.course_thread).status_code == 302
    # when the end has passed, posting works again
    Suspension.objects.filter(pk=suspension.pk).update(until=timezone.now() - datetime.timedelta(seconds=1))
    assert reply(as_carla(world), world.cohort_thread).status_code == 302
    assert ModerationAction.objects.filter(action=ModerationAction.SUSPEND, target_user=world.carla,
                                           space=world.cohort_space).count() == 1


def test_lifting_a_suspension_lets_the_person_post_at_once(world):
    suspension = suspensions.suspend(world.trainer, world.carla, world.cohort_space,
                                     until=timezone.now() + datetime.timedelta(days=5), reason="Spam")
    assert reply(as_carla(world), world.cohort_thread).status_code == 403
    assert client_for(world, "facilitator_in").post(mod_url("lift", suspension.pk)).status_code == 302
    assert reply(as_carla(world), world.cohort_thread).status_code == 302
    again = client_for(world, "facilitator_in").post(mod_url("lift", suspension.pk))
    assert again.status_code == 409


@pytest.mark.parametrize("until,reason,message", [
    ("2001-01-01", "Spam", "Choose a day in the future"),
    ("not a date", "Spam", "Please correct the form"),
    ("", "Spam", "Please correct the form"),
    ("2099-01-01", "", "Please correct the form"),
])
def test_bad_suspensions_are_refused(world, until, reason, message):
    response = client_for(world, "trainer").post(mod_url("suspend", world.cohort_post.pk),
                                                 {"until": until, "reason": reason})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Suspension.objects.exists() and not ModerationAction.objects.exists()


def test_moderators_cannot_suspend_themselves_or_another_moderator(world):
    until = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(Refused) as refused:
        suspensions.suspend(world.trainer, world.facilitator_in, world.cohort_space, until=until,
                            reason="x")
    assert refused.value.status == 400
    assert not Suspension.objects.exists()


# First-post approval


def test_first_posts_wait_for_approval_then_flow(world, settings):
    settings.ACADEMY_COMMUNITY_APPROVE_FIRST_POSTS = 1
    (newcomer,) = extra_learners(world, 1)
    client = client_for(world, "anonymous")
    client.force_login(newcomer)
    assert reply(client, world.course_thread, "My very first post").status_code == 302
    post = Post.objects.get(body_markdown="My very first post")
    assert post.status == Post.PENDING
    page = client.get(reverse("sse_community:thread", args=[world.course_thread.pk])).content.decode()
    assert "My very first post" in page and "Awaiting approval" in page
    other = client_for(world, "learner_out").get(
        reverse("sse_community:thread", args=[world.course_thread.pk]))
    assert "My very first post" not in other.content.decode()
    queue = client_for(world, "facilitator_out").get(mod_url("queue")).content.decode()
    assert "My very first post" in queue
    assert client_for(world, "facilitator_out").post(
        mod_url("post_action", post.pk, "approve")).status_code == 302
    post.refresh_from_db()
    assert post.status == Post.PUBLISHED
    assert "My very first post" in client_for(world, "learner_out").get(
        reverse("sse_community:thread", args=[world.course_thread.pk])).content.decode()
    # one approved post is enough with the setting at 1
    reply(client, world.course_thread, "My second post")
    assert Post.objects.get(body_markdown="My second post").status == Post.PUBLISHED


def test_approval_is_off_by_default_and_never_holds_moderators(world, settings):
    (newcomer,) = extra_learners(world, 1)
    client = client_for(world, "anonymous")
    client.force_login(newcomer)
    reply(client, world.course_thread, "Free to post")
    assert Post.objects.get(body_markdown="Free to post").status == Post.PUBLISHED
    settings.ACADEMY_COMMUNITY_APPROVE_FIRST_POSTS = 50
    reply(client_for(world, "facilitator_in"), world.course_thread, "From the facilitator")
    assert Post.objects.get(body_markdown="From the facilitator").status == Post.PUBLISHED


def test_a_rejected_post_stays_out_of_sight(world):
    post = pending_post(world.divided_thread, world.carla, "Buy cheap watches")
    assert client_for(world, "trainer").post(mod_url("post_action", post.pk, "reject")).status_code == 302
    post.refresh_from_db()
    assert post.status == Post.HIDDEN
    assert "Buy cheap watches" not in client_for(world, "learner_in").get(
        reverse("sse_community:thread", args=[world.divided_thread.pk])).content.decode()
    # approving it now is the wrong action for its state
    wrong = client_for(world, "trainer").post(mod_url("post_action", post.pk, "approve"))
    assert wrong.status_code == 409 and "awaiting approval" in wrong.content.decode()


# Audit log


def test_every_action_leaves_exactly_one_audit_row(world):
    t, post, thread = world.trainer, world.divided_post, world.divided_thread
    Report.objects.create(post=post, reporter=world.learner_in, reason=Report.SPAM)
    pending = pending_post(thread, world.carla)
    steps = [
        (ModerationAction.DISMISS, lambda: post_actions.change_status(t, post, "dismiss")),
        (ModerationAction.HIDE, lambda: post_actions.change_status(t, post, "hide", "Rude")),
        (ModerationAction.UNHIDE, lambda: post_actions.change_status(t, post, "unhide")),
        (ModerationAction.APPROVE, lambda: post_actions.change_status(t, pending, "approve")),
        (ModerationAction.EDIT, lambda: post_actions.edit(t, post, body="Kinder", reason="Tone")),
        (ModerationAction.LOCK, lambda: threads.set_flag(t, thread, "lock")),
        (ModerationAction.UNLOCK, lambda: threads.set_flag(t, thread, "unlock")),
        (ModerationAction.PIN, lambda: threads.set_flag(t, thread, "pin")),
        (ModerationAction.UNPIN, lambda: threads.set_flag(t, thread, "unpin")),
        (ModerationAction.MOVE, lambda: threads.move(t, thread, world.cohort_topic, "Private")),
        (ModerationAction.SUSPEND, lambda: suspensions.suspend(
            t, world.carla, world.cohort_space, until=timezone.now() + datetime.timedelta(days=1),
            reason="Flood")),
        (ModerationAction.LIFT, lambda: suspensions.lift(t, Suspension.objects.get())),
    ]
    for action, call in steps:
        before = ModerationAction.objects.count()
        call()
        assert ModerationAction.objects.count() == before + 1, action
        entry = ModerationAction.objects.order_by("-id").first()
        assert entry.action == action and entry.actor == t
    # a refused action (already unlocked) writes nothing
    with pytest.raises(Refused):
        threads.set_flag(t, thread, "unlock")
    assert ModerationAction.objects.count() == len(steps)


def test_the_log_cannot_be_rewritten(world):
    entry = threads.set_flag(world.trainer, world.divided_thread, "lock") and ModerationAction.objects.get()
    entry.reason = "changed"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_the_log_page_shows_each_moderator_what_they_moderate(world):
    threads.set_flag(world.trainer, world.divided_thread, "lock", "Heated")
    threads.set_flag(world.trainer, world.course_thread, "pin", "Useful")
    threads.set_flag(world.trainer, world.academy_thread, "pin", "Welcome")
    mine = client_for(world, "facilitator_in").get(mod_url("log")).content.decode()
    theirs = client_for(world, "facilitator_out").get(mod_url("log")).content.decode()
    everything = client_for(world, "trainer").get(mod_url("log")).content.decode()
    assert "Heated" in mine and "Useful" in mine and "Welcome" not in mine
    assert "Heated" not in theirs and "Useful" in theirs
    assert all(reason in everything for reason in ("Heated", "Useful", "Welcome"))
    filtered = client_for(world, "trainer").get(mod_url("log") + "?action=lock").content.decode()
    assert "Heated" in filtered and "Useful" not in filtered


# Locks and pins


def test_a_locked_thread_takes_no_learner_replies(world):
    assert client_for(world, "facilitator_in").post(
        mod_url("thread_action", world.divided_thread.pk, "lock")).status_code == 302
    assert reply(client_for(world, "learner_in"), world.divided_thread).status_code == 409
    again = client_for(world, "facilitator_in").post(
        mod_url("thread_action", world.divided_thread.pk, "lock"))
    assert again.status_code == 409


# Moves


def test_move_into_the_cohort_space_keeps_the_same_readers(world):
    response = client_for(world, "facilitator_in").post(
        mod_url("move", world.divided_thread.pk), {"topic": world.cohort_topic.pk, "reason": "Private"})
    assert response.status_code == 302
    thread = Thread.objects.get(pk=world.divided_thread.pk)
    assert thread.topic == world.cohort_topic and thread.cohort_id is None
    assert not thread.posts.exclude(cohort=None).exists()
    url = reverse("sse_community:thread", args=[thread.pk])
    for role, status in {"learner_in": 200, "facilitator_in": 200, "trainer": 200,
                         "learner_out": 404, "facilitator_out": 404, "anonymous": 404}.items():
        assert client_for(world, role).get(url).status_code == status, role


def test_move_from_the_cohort_space_into_a_divided_topic_takes_the_cohort_along(world):
    threads.move(world.trainer, world.cohort_thread, world.divided_topic)
    thread = Thread.objects.get(pk=world.cohort_thread.pk)
    assert thread.cohort == world.cohort_in
    assert set(thread.posts.values_list("cohort_id", flat=True)) == {world.cohort_in.pk}
    url = reverse("sse_community:thread", args=[thread.pk])
    assert client_for(world, "learner_out").get(url).status_code == 404
    assert client_for(world, "learner_in").get(url).status_code == 200


@pytest.mark.parametrize("source,target", [
    ("divided_thread", "course_topic"),   # cohort-only → whole course: would expose the cohort
    ("course_thread", "cohort_topic"),    # whole course → one cohort: would hide others' posts
    ("course_thread", "divided_topic"),   # whole course → divided topic: no single cohort
    ("academy_thread", "course_topic"),   # everyone → enrolled learners
])
def test_moves_that_would_change_the_readers_are_refused(world, source, target):
    thread = getattr(world, source)
    response = client_for(world, "trainer").post(mod_url("move", thread.pk),
                                                 {"topic": getattr(world, target).pk})
    assert response.status_code == 400
    assert "same readers" in response.content.decode()
    assert Thread.objects.get(pk=thread.pk).topic_id == thread.topic_id
    assert not ModerationAction.objects.exists()


def test_move_to_a_missing_topic_or_the_same_topic(world):
    client = client_for(world, "trainer")
    missing = client.post(mod_url("move", world.divided_thread.pk), {"topic": 987654})
    assert missing.status_code == 404
    same = client.post(mod_url("move", world.divided_thread.pk), {"topic": world.divided_topic.pk})
    assert same.status_code == 400
    forged = client.post(mod_url("move", world.divided_thread.pk), {"topic": "course"})
    assert forged.status_code == 400


def test_the_move_form_offers_only_topics_with_the_same_readers(world):
    client = client_for(world, "facilitator_in")
    page = client.get(mod_url("thread", world.divided_thread.pk)).content.decode()
    assert f'value="{world.cohort_topic.pk}"' in page
    assert f'value="{world.course_topic.pk}"' not in page


# Edits


def test_an_edit_with_a_reason_shows_in_the_history(world):
    client = client_for(world, "facilitator_in")
    response = client.post(mod_url("edit", world.divided_post.pk),
                           {"body": "Call me (number removed)", "reason": "Phone number removed"})
    assert response.status_code == 302
    post = Post.objects.get(pk=world.divided_post.pk)
    assert post.body_markdown == "Call me (number removed)" and post.edited_at
    revision = post.revisions.get()
    assert revision.old_body == "Carla in the Dakar topic" and revision.editor == world.facilitator_in
    assert revision.reason == "Phone number removed"
    page = client.get(mod_url("post", post.pk)).content.decode()
    assert "Phone number removed" in page and "Carla in the Dakar topic" in page


def test_an_edit_needs_a_reason(world):
    response = client_for(world, "trainer").post(mod_url("edit", world.divided_post.pk),
                                                 {"body": "Changed", "reason": ""})
    assert response.status_code == 400
    assert Post.objects.get(pk=world.divided_post.pk).body_markdown == "Carla in the Dakar topic"
    assert not ModerationAction.objects.exists()


def test_user_html_in_an_edit_is_sanitised(world):
    client_for(world, "trainer").post(mod_url("edit", world.divided_post.pk),
                                      {"body": "<script>alert(1)</script>Hi", "reason": "test"})
    post = Post.objects.get(pk=world.divided_post.pk)
    assert "<script" not in post.body_html
    page = client_for(world, "trainer").get(mod_url("post", post.pk)).content.decode()
    assert "<script>alert(1)" not in page


# The queue


def _reported_posts(world, count):
    reporters = extra_learners(world, 3)
    for number in range(count):
        post = make_post(world.course_thread, world.carla, f"Reported {number}")
        for person in reporters:
            Report.objects.create(post=post, reporter=person, reason=Report.SPAM)


def _queue_queries(world):
    client = client_for(world, "facilitator_in")
    client.get(mod_url("queue"))  # warm up sessions and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(mod_url("queue"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_queue_query_count_does_not_grow_with_reports(world):
    _reported_posts(world, 2)
    few, page = _queue_queries(world)
    assert "Reported 1" in page
    reporters = list(Report.objects.order_by().values_list("reporter", flat=True).distinct())
    for number in range(2, 15):
        post = make_post(world.course_thread, world.carla, f"Reported {number}")
        Report.objects.bulk_create([Report(post=post, reporter_id=pk, reason=Report.OFFENSIVE)
                                    for pk in reporters])
    many, page = _queue_queries(world)
    assert "Reported 14" in page
    assert many == few, (few, many)


# Languages


def test_moderation_speaks_french_and_spanish(world):
    from django.utils import translation

    # requests inside the override: the locale middleware's activation ends with it
    client = client_for(world, "facilitator_in")
    with translation.override("fr"):
        assert "En attente d’une décision" in client.get(mod_url("queue")).content.decode()
    suspensions.suspend(world.trainer, world.carla, world.cohort_space,
                        until=timezone.now() + datetime.timedelta(days=2), reason="Spam")
    with translation.override("es"):
        refused = as_carla(world).post(reverse("sse_community:reply", args=[world.cohort_thread.pk]),
                                       {"body": "Hola", "language": "es"})
    assert refused.status_code == 403
    assert "Tienes suspendida la publicación en este espacio hasta el" in refused.content.decode()
