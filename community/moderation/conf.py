"""Moderation settings an integrator may change, with their defaults (see README)."""

from django.conf import settings


def reports_to_hide():
    """Distinct open reports that hide a post until a moderator reviews it."""
    return max(1, int(getattr(settings, "ACADEMY_COMMUNITY_REPORTS_TO_HIDE", 3)))


def approve_first_posts():
    """0: off. N: an account's posts wait for approval until N of them have been approved."""
    return max(0, int(getattr(settings, "ACADEMY_COMMUNITY_APPROVE_FIRST_POSTS", 0)))


def queue_page_size():
    return int(getattr(settings, "ACADEMY_COMMUNITY_MODERATION_PAGE_SIZE", 20))
