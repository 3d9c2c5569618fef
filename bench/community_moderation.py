"""Moderation flows for the benchmark: the queue and the log with N reported posts (three
open reports each), and reporting a post. The reader is a facilitator of a cohort of the
course, so the queue is filtered the way a facilitator's is."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from .community import build_thread, community_member


def moderation_scenario(size):
    from community.models import Post
    from community.moderation.models import ModerationAction, Report
    from courses.models import Cohort

    learner, course = community_member(f"moderation-{size}")
    facilitator = get_user_model().objects.create_user(
        username=f"facilitator-{size}@example.org", password="x", first_name="Fatou")
    Cohort.objects.get(members=learner).facilitators.add(facilitator)
    # build_thread makes two responses in five posts: ask for enough to report `size` of them
    thread = build_thread(learner, course, size * 5 // 2 + 2, f"Bench moderation {size}")
    reporters = [get_user_model().objects.create_user(username=f"reporter-{size}-{n}@example.org",
                                                      password="x") for n in range(3)]
    posts = list(Post.objects.filter(thread=thread, depth=Post.RESPONSE))[:size]
    Report.objects.bulk_create([Report(post=post, reporter=person, reason=Report.SPAM)
                                for post in posts for person in reporters])
    for post in posts:
        ModerationAction.objects.create(action=ModerationAction.AUTO_HIDDEN, post=post, thread=thread,
                                        space=thread.topic.space, details={"reports": 3})
    return {"user": facilitator, "thread": thread, "learner": learner, "reported": len(posts)}


def queue_page(scenario):
    return lambda: ("get", reverse("sse_moderation:queue"), None, "3 open reports")


def log_page(scenario):
    return lambda: ("get", reverse("sse_moderation:log"), None, "Hidden automatically")


def report_post(scenario):
    """Each request reports a fresh post (made untimed, before the request)."""
    from community.models import Post

    def prepare():
        cache.clear()  # the report rate limit would stop the run after ten
        post = Post.objects.create(thread=scenario["thread"], depth=Post.RESPONSE,
                                   author=scenario["learner"], language="en",
                                   body_markdown="Buy now", body_html="<p>Buy now</p>")
        return ("post", reverse("sse_moderation:report", args=[post.pk]),
                {"reason": "spam"}, "")

    return prepare


GROUP = ("reported", moderation_scenario, [
    ("moderation queue", queue_page), ("moderation log", log_page), ("report a post", report_post)])
