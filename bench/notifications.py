"""The notifications benchmark: a learner with N notifications (a third unread, on
N/3 different targets) reads the list and marks one read."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

NEWEST = "Bench %(n)s replied in thread %(thread)s"


def notification_scenario(size):
    from sse_notifications.models import Notification

    user = get_user_model().objects.create_user(
        username=f"reader-{size}@example.org", email=f"reader-{size}@example.org", password="x")
    now = timezone.now()
    Notification.objects.bulk_create([
        Notification(recipient=user, message=NEWEST, params={"n": str(n), "thread": str(n % 300)},
                     url="/en/notifications/", target_key=f"bench.thread:{n % max(1, size // 3)}",
                     created_at=now - timedelta(minutes=size - n),
                     read_at=None if n % 3 == 0 else now)
        for n in range(size)
    ])
    return {"user": user, "newest": f"Bench {size - 1} replied"}


def notification_list(scenario):
    return lambda: ("get", reverse("sse_notifications:list"), None, scenario["newest"])


def mark_one_read(scenario):
    """Each request marks a fresh unread notification (made unread again, untimed)."""
    from sse_notifications.models import Notification

    newest = Notification.objects.filter(recipient=scenario["user"]).first()

    def prepare():
        Notification.objects.filter(pk=newest.pk).update(read_at=None)
        return ("post", reverse("sse_notifications:mark_read", args=[newest.pk]), {}, "")

    return prepare


GROUP = ("notifications", notification_scenario, [
    ("notifications page", notification_list), ("mark one read", mark_one_read)])
