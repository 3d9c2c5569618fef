"""Settings an integrator may change, with their defaults (see README)."""

from django.conf import settings


def per_page():
    """Notifications per page of the in-site list."""
    return int(getattr(settings, "ACADEMY_NOTIFICATIONS_PER_PAGE", 20))


def digest_min_interval_hours():
    """A user gets at most one digest in this many hours, however often the task runs."""
    return float(getattr(settings, "ACADEMY_NOTIFICATIONS_DIGEST_MIN_INTERVAL_HOURS", 20))


def digest_max_age_days():
    """Older unsent notifications are left out of a digest (someone back from "never")."""
    return int(getattr(settings, "ACADEMY_NOTIFICATIONS_DIGEST_MAX_AGE_DAYS", 7))


def digest_max_items():
    """Items listed in one digest; the rest are counted with a link to the site."""
    return int(getattr(settings, "ACADEMY_NOTIFICATIONS_DIGEST_MAX_ITEMS", 30))


def site_url():
    """Absolute links in emails start with this (no trailing slash)."""
    url = getattr(settings, "ACADEMY_NOTIFICATIONS_SITE_URL", "") or getattr(
        settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
    return url.rstrip("/")


def unread_cache_seconds():
    """How long the header's unread count is cached when nothing invalidates it (a
    notification hidden because its target became invisible drops out after this)."""
    return int(getattr(settings, "ACADEMY_NOTIFICATIONS_UNREAD_CACHE_SECONDS", 60))


def keep_days():
    """Notifications older than this are deleted by the purge task (read or not)."""
    return int(getattr(settings, "ACADEMY_NOTIFICATIONS_KEEP_DAYS", 365))
