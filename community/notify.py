"""Community → notifications: who hears about what. Recipients are always filtered by
visibility.py first (a cohort's discussion never reaches someone outside it).

The fan-out runs in a Celery task (community/tasks.py), queued through the outbox with
the post, and filters all the followers in one query (visibility.readers_of_*)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_noop

from sse_notifications import services as notifications
from sse_notifications import visibility as notification_visibility

from .people import display_name, users_mentioned
from .visibility import readers_of_post, readers_of_thread, visible_target_keys

REPLIED = gettext_noop("%(actor)s replied in “%(thread)s”")
MENTIONED = gettext_noop("%(actor)s mentioned you in “%(thread)s”")
NEW_THREAD = gettext_noop("%(actor)s started “%(thread)s” in a space you follow")
SYNTHESIS = gettext_noop("%(actor)s closed “%(thread)s” with a synthesis")


def register_visibility():
    notification_visibility.register("community.", visible_target_keys)


def space_key(space):
    return f"community.space:{space.pk}"


def thread_url(thread, post=None):
    url = reverse("sse_community:thread", args=[thread.pk])
    return f"{url}#post-{post.pk}" if post else url


def _params(actor, thread):
    return {"actor": display_name(actor), "thread": thread.title}


def post_published(post):
    """Notify who was mentioned and who follows, once the post is visible to others (at
    once, or when a moderator approves it). Run by community.tasks.notify_post."""
    thread, actor = post.thread, post.author
    named = [user.pk for user in users_mentioned(post.body_markdown)]
    mentioned = list(readers_of_post(post, get_user_model().objects.filter(pk__in=named)))
    notifications.notify(mentioned, MENTIONED, params=_params(actor, thread),
                         url=thread_url(thread, post), target_key=thread.target_key(), actor=actor)
    already = {user.pk for user in mentioned}
    if post.depth == post.OPENING:
        followers = notifications.subscribers(space_key(thread.topic.space)).exclude(pk__in=already)
        recipients = readers_of_thread(thread, followers)
        message = NEW_THREAD
    else:
        followers = notifications.subscribers(thread.target_key()).exclude(pk__in=already)
        recipients = readers_of_post(post, followers)
        message = REPLIED
    notifications.notify(recipients, message, params=_params(actor, thread),
                         url=thread_url(thread, post), target_key=thread.target_key(), actor=actor)


def synthesis_written(synthesis):
    thread = synthesis.thread
    recipients = readers_of_thread(thread, notifications.subscribers(thread.target_key()))
    notifications.notify(recipients, SYNTHESIS, params=_params(synthesis.author, thread),
                         url=thread_url(thread), target_key=thread.target_key(),
                         actor=synthesis.author)


def follow(user, key):
    notifications.subscribe(user, key)


def unfollow(user, key):
    notifications.unsubscribe(user, key)


def is_following(user, key):
    return user.is_authenticated and notifications.is_subscribed(user, key)
