"""What other apps call: notify, subscriptions, preferences (the contract in README)."""

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from courses.outbox import enqueue_after_commit

from . import conf, visibility
from .models import Notification, NotificationPreference, Subscription


def _clean_url(url):
    # Notification links come from code, but they end up in emails and hrefs:
    # only site paths and http(s) addresses are accepted.
    url = url or ""
    if url and not (url.startswith("/") and not url.startswith("//")
                    or url.startswith(("https://", "http://"))):
        raise ValueError(f"A notification url must be a site path or http(s) address: {url!r}")
    return url


def notify(recipients, message, *, params=None, url="", target_key="", actor=None):
    """Notify each recipient (already filtered by the caller for visibility) except the
    actor. `message` is an English msgid with %(name)s placeholders, rendered later
    in each recipient's language with `params`. One INSERT for all recipients; those
    who want emails immediately get them by a task recorded in the same transaction
    (the outbox) and sent after the commit."""
    params = {str(k): str(v) for k, v in (params or {}).items()}
    url = _clean_url(url)
    actor_id = getattr(actor, "pk", None)
    seen, rows, users = set(), [], []
    now = timezone.now()
    for user in recipients:
        if user.pk is None or user.pk == actor_id or user.pk in seen:
            continue
        seen.add(user.pk)
        users.append(user)
        rows.append(Notification(recipient_id=user.pk, actor_id=actor_id, message=message,
                                 params=params, url=url, target_key=target_key, created_at=now))
    if not rows:
        return []
    immediate = set(NotificationPreference.objects.filter(
        user_id__in=seen, email_mode=NotificationPreference.IMMEDIATELY,
    ).values_list("user_id", flat=True))
    with transaction.atomic(savepoint=False):  # the notifications and their emails' task, together
        created = Notification.objects.bulk_create(rows)
        ids = [n.pk for n in created if n.recipient_id in immediate]
        if ids:
            from .tasks import send_immediate_emails

            enqueue_after_commit(send_immediate_emails, ids)
    forget_unread_counts(users)
    return created


# Subscriptions -------------------------------------------------------------------

def subscribe(user, target_key):
    """Follow a target; subscribing twice is harmless (the database keeps one row)."""
    try:
        with transaction.atomic():
            Subscription.objects.get_or_create(user=user, target_key=target_key)
    except IntegrityError:  # a concurrent request subscribed first
        pass


def unsubscribe(user, target_key):
    Subscription.objects.filter(user=user, target_key=target_key).delete()


def is_subscribed(user, target_key):
    if not getattr(user, "is_authenticated", False):
        return False
    return Subscription.objects.filter(user=user, target_key=target_key).exists()


def subscribers(target_key):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        notification_subscriptions__target_key=target_key, is_active=True)


# Preferences ----------------------------------------------------------------------

def preference_for(user):
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    return preference


def set_language(user, language):
    """Emails follow the interface language the user last chose."""
    if language not in dict(settings.LANGUAGES) or not getattr(user, "is_authenticated", False):
        return
    updated = NotificationPreference.objects.filter(user=user).exclude(
        language=language).update(language=language)
    if not updated:
        try:
            with transaction.atomic():
                NotificationPreference.objects.get_or_create(user=user,
                                                             defaults={"language": language})
        except IntegrityError:
            pass


def stop_emails(user_id):
    """What an unsubscribe link does: no more notification emails for this user."""
    preference, _ = NotificationPreference.objects.get_or_create(user_id=user_id)
    if preference.email_mode != NotificationPreference.NEVER:
        preference.email_mode = NotificationPreference.NEVER
        preference.save(update_fields=["email_mode"])
    return preference


# Reading ---------------------------------------------------------------------------

def visible_notifications(user):
    """The user's notifications, without those about targets they can no longer see."""
    mine = Notification.objects.filter(recipient=user)
    keys = mine.exclude(target_key="").values_list("target_key", flat=True).distinct()
    hidden = visibility.hidden_keys(user, keys)
    return mine.exclude(target_key__in=hidden) if hidden else mine


def _unread_key(user):
    # The join date tells apart accounts that reuse an id (a test database, a restore).
    joined = getattr(user, "date_joined", None)
    return f"sse_notifications:unread:{user.pk}:{joined.timestamp() if joined else ''}"


def forget_unread_counts(users):
    """Drop cached header counts after something changed them."""
    cache.delete_many([_unread_key(user) for user in users])


def unread_count(user):
    """Unread and visible, for the header of every page: cached briefly per user
    (dropped when a notification arrives or is read), else one query for the
    counts per target and then the filters of the apps owning those targets."""
    key = _unread_key(user)
    count = cache.get(key)
    if count is None:
        count = _count_unread(user)
        cache.set(key, count, conf.unread_cache_seconds())
    return count


def _count_unread(user):
    counts = Notification.objects.filter(recipient=user, read_at__isnull=True).values(
        "target_key").annotate(n=Count("id")).order_by()
    counts = {row["target_key"]: row["n"] for row in counts}
    hidden = visibility.hidden_keys(user, [key for key in counts if key]) if counts else set()
    return sum(n for key, n in counts.items() if key not in hidden)


def mark_read(user, notification_id):
    """Mark one of the user's visible notifications read; None if there is no such one."""
    notification = visible_notifications(user).filter(pk=notification_id).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        forget_unread_counts([user])
    return notification


def mark_all_read(user):
    count = visible_notifications(user).filter(read_at__isnull=True).update(read_at=timezone.now())
    forget_unread_counts([user])
    return count
