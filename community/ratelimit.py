"""Per-person rate limits on actions, kept in the cache (Redis in production).

Generic on purpose: any action name works (moderation uses "report"). Limits are
settings ACADEMY_COMMUNITY_RATE_<ACTION> = (count, seconds); see conf.rate_limit.
A fixed window per person and action: simple, and enough to stop floods.
"""

import time

from django.core.cache import cache
from django.utils.translation import ngettext

from courses.permissions import Refused

from . import conf


def _key(action, user_id, window_start):
    return f"sse_academy:community:rate:{action}:{user_id}:{window_start}"


def hit(user, action, now=None):
    """Count one `action` by `user`; raise Refused(429) with a clear message past the limit."""
    count, seconds = conf.rate_limit(action)
    now = time.time() if now is None else now
    window_start = int(now // seconds) * seconds
    key = _key(action, user.pk, window_start)
    cache.add(key, 0, timeout=seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        used = 1
    if used > count:
        wait = max(1, int(window_start + seconds - now))
        raise Refused(429, ngettext(
            "You are doing this too often. Please wait %(seconds)d second and try again.",
            "You are doing this too often. Please wait %(seconds)d seconds and try again.",
            wait) % {"seconds": wait})
