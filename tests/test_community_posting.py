"""Posting rules a learner notices: rate limits, the edit window, accepted answers,
syntheses, locked and closed threads, the moderation hooks, mentions and follows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community import hooks
from community.models import Post, PostRevision, Synthesis, Thread
from community.services import closing, posting
from courses.permissions import Refused
from sse_notifications.models import Notification

from .community_builders import build_world, client_for, fresh_cache, make_post  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def world(course_en):
    return build_world(course_en)


def reply_url(thread):
    return reverse("sse_community:reply", args=[thread.pk])


def test_posting_too_fast_gets_a_clear_429_and_writes_nothing(world, settings):
    settings.ACADEMY_COMMUNITY_RATE_POST = (2, 60)
    client = client_for(world, "learner_in")
    for text in ("one", "two"):
        response = client.post(reply_url(world.course_thread), {"body": text, "language": "en"})
        assert response.status_code == 302
    response = client.post(reply_url(world.course_thread), {"body": "three", "language": "en"})
    assert response.status_code == 429
    assert "too often" in response.content.decode() and "seconds" in response.content.decode()
    assert not Post.objects.filter(body_markdown="three").exists()
    # the limit is per person: someone else still posts
    other = client_for(world, "learner_out")
    assert other.post(reply_url(world.course_thread), {"body": "four", "language": "en"}).status_code == 302


def test_rate_limit_is_generic_for_other_actions(world, settings):
    from community import ratelimit

    settings.ACADEMY_COMMUNITY_RATE_REPORT = (1, 3600)
    ratelimit.hit(world.learner_in, "report")
    with pytest.raises(Refused) as refused:
        ratelimit.hit(world.learner_in, "report")
    assert refused.value.status == 429
    ratelimit.hit(world.learner_in, "report", now=timezone.now().timestamp() + 3601)  # next window


def test_author_edits_within_the_window_and_a_revision_is_kept(world, settings):
    settings.ACADEMY_COMMUNITY_EDIT_WINDOW_MINUTES = 30
    post = make_post(world.course_thread, world.learner_in, "first words")
    client = client_for(world, "learner_in")
    response = client.post(reverse("sse_community:edit", args=[post.pk]), {"body": "better words"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body_markdown == "better words" and post.edited_at is not None
    assert PostRevision.objects.get(post=post).old_body == "first words"
    # someone else cannot edit it
    assert client_for(world, "learner_out").post(reverse("sse_community:edit", args=[post.pk]),
                                                 {"body": "vandal"}).status_code == 403
    # after the window the author cannot either
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    response = client.post(reverse("sse_community:edit", args=[post.pk]), {"body": "too late"})
    assert response.status_code == 403
    assert "30 minutes" in response.content.decode()
    post.refresh_from_db()
    assert post.body_markdown == "better words"


def test_accepted_answer_by_the_asker_or_a_facilitator_and_shown_first(world):
    thread = world.course_thread  # a question asked by learner_in
    early = make_post(thread, world.learner_out, "early answer")
    best = make_post(thread, world.facilitator_out, "best answer")
    with pytest.raises(Refused) as refused:
        closing.accept_answer(world.learner_out, thread, best)
    assert refused.value.status == 403
    closing.accept_answer(world.learner_in, thread, best)
    thread.refresh_from_db()
    assert thread.accepted_post == best
    page = client_for(world, "learner_out").get(reverse("sse_community:thread", args=[thread.pk]))
    html = page.content.decode()
    assert html.index("best answer") < html.index("early answer")
    assert "Accepted answer" in html
    # a facilitator may change it; accepting again takes the mark back
    closing.accept_answer(world.facilitator_in, thread, early)
    closing.accept_answer(world.facilitator_in, thread, early)
    thread.refresh_from_db()
    assert thread.accepted_post is None
    # a discussion has no accepted answer; a comment cannot be one
    with pytest.raises(Refused):
        closing.accept_answer(world.learner_in, world.academy_thread,
                              make_post(world.academy_thread, world.learner_out))
    comment = make_post(thread, world.learner_out, depth=Post.COMMENT, parent=early)
    with pytest.raises(Refused):
        closing.accept_answer(world.learner_in, thread, comment)


def test_synthesis_needs_text_closes_the_thread_and_shows_at_the_top(world):
    client = client_for(world, "facilitator_in")
    url = reverse("sse_community:synthesis", args=[world.divided_thread.pk])
    response = client.post(url, {"body": "   "})
    assert response.status_code == 400
    assert not Synthesis.objects.exists()
    world.divided_thread.refresh_from_db()
    assert not world.divided_thread.closed
    assert client.post(url, {"body": "We learned **three** things"}).status_code == 302
    page = client_for(world, "learner_in").get(
        reverse("sse_community:thread", args=[world.divided_thread.pk]))
    html = page.content.decode()
    assert html.index("We learned <strong>three</strong> things") < html.index("Hello")
    assert "By Fatou" in html
    # closed: no more replies
    response = client_for(world, "learner_in").post(reply_url(world.divided_thread),
                                                    {"body": "late", "language": "en"})
    assert response.status_code == 409
    # the syntheses are gathered on the course's What we learned page, by cohort
    learned = client_for(world, "learner_in").get(reverse("sse_community:learned", args=[world.course_key]))
    assert "Cohort: Dakar 2026" in learned.content.decode() and "three" in learned.content.decode()
    # …but not for a learner of another cohort
    other = client_for(world, "learner_out").get(reverse("sse_community:learned", args=[world.course_key]))
    assert "three" not in other.content.decode()


def test_locked_thread_takes_replies_from_moderators_only(world):
    Thread.objects.filter(pk=world.course_thread.pk).update(locked=True)
    learner = client_for(world, "learner_in").post(reply_url(world.course_thread),
                                                   {"body": "x", "language": "en"})
    assert learner.status_code == 409
    moderator = client_for(world, "facilitator_out").post(reply_url(world.course_thread),
                                                          {"body": "y", "language": "en"})
    assert moderator.status_code == 302
    page = client_for(world, "learner_in").get(reverse("sse_community:thread", args=[world.course_thread.pk]))
    assert "locked by a moderator" in page.content.decode()


def test_hooks_refuse_a_post_or_hold_it_for_approval(world, django_capture_on_commit_callbacks):
    def suspended(user, space):
        return "You are suspended until Monday." if user == world.learner_out else None

    def new_accounts_wait(user, space):
        return Post.PENDING if user == world.learner_in else None

    hooks.posting_checks.append(suspended)
    hooks.initial_status_checks.append(new_accounts_wait)
    try:
        response = client_for(world, "learner_out").post(reply_url(world.course_thread),
                                                         {"body": "x", "language": "en"})
        assert response.status_code == 403 and "suspended until Monday" in response.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            post = posting.reply(world.learner_in, world.academy_thread, body="@ben wait for me",
                                 language="en")
        assert post.status == Post.PENDING
        assert not Notification.objects.filter(recipient=world.learner_out).exists()
    finally:
        hooks.posting_checks.remove(suspended)
        hooks.initial_status_checks.remove(new_accounts_wait)


def test_mentions_notify_only_people_who_can_see_the_thread(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(world.learner_in, world.cohort_thread, body="Thanks @fatou and @ben!",
                      language="en")
        posting.reply(world.learner_in, world.course_thread, body="And you @ben", language="en")
    fatou = Notification.objects.filter(recipient=world.facilitator_in).get()
    assert fatou.target_key == world.cohort_thread.target_key()
    ben = Notification.objects.filter(recipient=world.learner_out)
    assert [n.target_key for n in ben] == [world.course_thread.target_key()]


def test_replies_notify_followers_who_see_the_thread(world, django_capture_on_commit_callbacks):
    from sse_notifications.services import subscribe

    subscribe(world.learner_out, world.divided_thread.target_key())  # followed, then lost access
    client_for(world, "facilitator_in").post(
        reverse("sse_community:follow_thread", args=[world.divided_thread.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(world.learner_in, world.divided_thread, body="news", language="en")
    assert Notification.objects.filter(recipient=world.facilitator_in).count() == 1
    assert not Notification.objects.filter(recipient=world.learner_out).exists()
    # the author follows their thread: a reply to it reaches them
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(world.facilitator_in, world.divided_thread, body="answer", language="en")
    assert Notification.objects.filter(recipient=world.learner_in).count() == 1


def test_new_thread_notifies_space_followers(world, django_capture_on_commit_callbacks):
    client_for(world, "learner_out").post(reverse("sse_community:follow_space", args=[world.course_space.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world, "learner_in").post(
            reverse("sse_community:new_thread", args=[world.course_space.pk, world.course_topic.pk]),
            {"kind": "discussion", "title": "Fresh", "body": "b", "language": "en", "tags": "coop"})
    note = Notification.objects.get(recipient=world.learner_out)
    assert note.params["thread"] == "Fresh"


def test_forged_parents_are_refused(world):
    client = client_for(world, "learner_in")
    other_thread_post = make_post(world.academy_thread, world.learner_in)
    response = client.post(reply_url(world.course_thread),
                           {"body": "x", "language": "en", "parent": other_thread_post.pk})
    assert response.status_code == 400
    response_post = make_post(world.course_thread, world.learner_out)
    comment = make_post(world.course_thread, world.learner_out, depth=Post.COMMENT, parent=response_post)
    response = client.post(reply_url(world.course_thread),
                           {"body": "x", "language": "en", "parent": comment.pk})
    assert response.status_code == 400
    hidden_cohort_post = world.cohort_thread.posts.get()
    response = client_for(world, "learner_out").post(
        reply_url(world.course_thread), {"body": "x", "language": "en", "parent": hidden_cohort_post.pk})
    assert response.status_code == 404
    assert world.course_thread.posts.filter(body_markdown="x").count() == 0


@pytest.mark.parametrize("data", [
    {"body": "", "language": "en"},
    {"body": "x", "language": "de"},
    {"body": "x" * 20_001, "language": "en"},
])
def test_bad_forms_are_refused_with_a_message(world, data):
    response = client_for(world, "learner_in").post(reply_url(world.course_thread), data)
    assert response.status_code == 400
    assert "Please correct the form" in response.content.decode()
    assert world.course_thread.posts.count() == 1


def test_language_defaults_to_the_interface_and_filters_threads(world):
    client = client_for(world, "learner_in")
    form_page = client.get(f"/fr/community/spaces/{world.course_space.pk}/")
    assert 'value="fr" selected' in form_page.content.decode()
    from .community_builders import make_thread

    make_thread(world.course_topic, world.learner_out, "Hilo en español", language="es")
    mine = client.get(f"/fr/community/spaces/{world.course_space.pk}/?lang=mine").content.decode()
    everything = client.get(f"/fr/community/spaces/{world.course_space.pk}/").content.decode()
    assert "Hilo en español" in everything and "Hilo en español" not in mine


def test_notifications_about_a_cohort_vanish_when_leaving_it(world, django_capture_on_commit_callbacks):
    from community.viewers import forget
    from sse_notifications.services import visible_notifications

    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(world.facilitator_in, world.cohort_thread, body="Well done @ana", language="en")
    assert visible_notifications(world.learner_in).count() == 1
    world.cohort_in.memberships.filter(user=world.learner_in).delete()
    forget(world.learner_in)
    assert visible_notifications(world.learner_in).count() == 0


def form_key(html):
    import re

    return re.search(r'name="submission" value="([0-9a-f-]{36})"', html).group(1)


def test_a_double_submitted_form_makes_one_thread_and_one_reply(world):
    client = client_for(world, "learner_in")
    space_url = reverse("sse_community:space", args=[world.course_space.pk])
    key = form_key(client.get(space_url).content.decode())
    data = {"kind": "discussion", "title": "Twice", "body": "clicked twice", "language": "en",
            "submission": key}
    new_thread = reverse("sse_community:new_thread", args=[world.course_space.pk, world.course_topic.pk])
    first, second = client.post(new_thread, data), client.post(new_thread, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    thread = Thread.objects.get(title="Twice")
    key = form_key(client.get(reverse("sse_community:thread", args=[thread.pk])).content.decode())
    for _ in range(2):
        client.post(reply_url(thread), {"body": "me too", "language": "en", "submission": key})
    assert Post.objects.filter(thread=thread, body_markdown="me too").count() == 1
    # Back to the same form, something else written: that is a new post.
    client.post(reply_url(thread), {"body": "and more", "language": "en", "submission": key})
    assert thread.posts.count() == 3


def test_followers_hear_of_a_post_once_even_if_its_task_runs_twice(world):
    from community.tasks import notify_post
    from sse_notifications.services import subscribe

    subscribe(world.learner_out, world.course_thread.target_key())
    post = make_post(world.course_thread, world.learner_in, "news")
    assert notify_post(post.pk) is True
    assert notify_post(post.pk) is False  # sent twice by the outbox, or retried
    assert Notification.objects.filter(recipient=world.learner_out).count() == 1
