"""Community's Celery tasks: telling followers about a post or a synthesis.

Queued through the outbox (courses.outbox) in the transaction that publishes the
post, so the post and its fan-out are committed together. Each task claims its
record (`notified_at`) in the transaction that writes the notifications, so a
task sent twice, or retried, notifies once.
"""

from celery import shared_task
from django.db import OperationalError, transaction
from django.utils import timezone

DATABASE_RETRY = {"acks_late": True, "autoretry_for": (OperationalError,), "max_retries": 5,
                  "retry_backoff": True}


@shared_task(**DATABASE_RETRY)
def notify_post(post_id):
    """Notify the people mentioned in a published post and its followers. Returns
    whether this run did it (False: done already, or the post is no longer published)."""
    from . import notify
    from .models import Post

    with transaction.atomic():
        if not Post.objects.filter(pk=post_id, status=Post.PUBLISHED,
                                   notified_at__isnull=True).update(notified_at=timezone.now()):
            return False
        post = Post.objects.select_related("thread__topic__space", "author", "parent").get(pk=post_id)
        notify.post_published(post)
    return True


@shared_task(**DATABASE_RETRY)
def notify_synthesis(synthesis_id):
    from . import notify
    from .models import Synthesis

    with transaction.atomic():
        if not Synthesis.objects.filter(pk=synthesis_id, notified_at__isnull=True).update(
                notified_at=timezone.now()):
            return False
        synthesis = Synthesis.objects.select_related("thread__topic__space", "author").get(
            pk=synthesis_id)
        notify.synthesis_written(synthesis)
    return True
