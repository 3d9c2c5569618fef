"""Emails for notifications: one at a time for "immediately", a daily digest for "daily".

Both are idempotent: a notification's `emailed_at` is set in the same transaction
that sends it, with the row (or the user's preference row, for a digest) locked,
so a task that runs twice, concurrently or after a retry never sends it again.
If sending fails, the transaction rolls back and the retry sends it.
"""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import conf, visibility
from .emails import digest_email, immediate_email
from .models import Notification, NotificationPreference

MAIL_ERRORS = (OSError,)  # smtplib.SMTPException is an OSError


@shared_task(acks_late=True, autoretry_for=MAIL_ERRORS, max_retries=5, retry_backoff=True)
def send_immediate_emails(notification_ids):
    """Email each notification to its recipient if they still want immediate emails
    and may still see its target. Returns how many were sent."""
    return sum(_send_immediately(pk) for pk in notification_ids)


def _send_immediately(notification_id):
    with transaction.atomic():
        notification = (Notification.objects.select_for_update(of=("self",))
                        .select_related("recipient")
                        .filter(pk=notification_id, emailed_at__isnull=True).first())
        if notification is None:
            return 0  # sent already (a retry or a duplicate delivery)
        user = notification.recipient
        preference = NotificationPreference.objects.filter(user=user).first()
        if (preference is None or preference.email_mode != NotificationPreference.IMMEDIATELY
                or not (user.is_active and user.email)
                or not visibility.visible_only(user, [notification])):
            return 0
        immediate_email(user, preference.language, notification).send()
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        return 1


def _digest_cutoff(now):
    return now - timedelta(days=conf.digest_max_age_days())


def _recent_digest(now):
    return now - timedelta(hours=conf.digest_min_interval_hours())


@shared_task(bind=True, acks_late=True)
def send_daily_digests(self):
    """Run by Celery beat once a day: one digest task per user with something new,
    on the queue this task came from. Returns the number of users queued."""
    now = timezone.now()
    user_ids = (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True,
                                    created_at__gte=_digest_cutoff(now))
        .exclude(recipient__notification_preference__email_mode__in=[
            NotificationPreference.IMMEDIATELY, NotificationPreference.NEVER])
        .exclude(recipient__notification_preference__last_digest_at__gt=_recent_digest(now))
        .values_list("recipient_id", flat=True).distinct().order_by()
    )
    user_ids = list(user_ids)
    queue = (self.request.delivery_info or {}).get("routing_key")
    for user_id in user_ids:
        send_digest.apply_async((user_id,), queue=queue) if queue else send_digest.delay(user_id)
    return len(user_ids)


@shared_task(acks_late=True, autoretry_for=MAIL_ERRORS, max_retries=5, retry_backoff=True)
def send_digest(user_id):
    """One user's digest of unread, unsent, visible notifications. Returns how many
    notifications it covered (0 when there was nothing to send or it was sent already)."""
    now = timezone.now()
    NotificationPreference.objects.get_or_create(user_id=user_id)
    with transaction.atomic():
        preference = (NotificationPreference.objects.select_for_update(of=("self",))
                      .select_related("user").get(user_id=user_id))
        user = preference.user
        if (preference.email_mode != NotificationPreference.DAILY
                or not (user.is_active and user.email)
                or (preference.last_digest_at and preference.last_digest_at > _recent_digest(now))):
            return 0
        pending = list(Notification.objects.filter(
            recipient_id=user_id, emailed_at__isnull=True, read_at__isnull=True,
            created_at__gte=_digest_cutoff(now)).order_by("created_at", "id"))
        shown = visibility.visible_only(user, pending)
        if not shown:
            return 0
        limit = conf.digest_max_items()
        digest_email(user, preference.language, shown[:limit], more=max(0, len(shown) - limit)).send()
        Notification.objects.filter(pk__in=[n.pk for n in shown]).update(emailed_at=now)
        NotificationPreference.objects.filter(pk=preference.pk).update(last_digest_at=now)
        return len(shown)


@shared_task(acks_late=True)
def purge_old_notifications():
    """Run by Celery beat: delete notifications older than the retention period, so
    the table stays the size of what people may still look at. Returns how many."""
    cutoff = timezone.now() - timedelta(days=conf.keep_days())
    deleted, _ = Notification.objects.filter(created_at__lt=cutoff).delete()
    return deleted
