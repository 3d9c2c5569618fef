"""Per-person rate limits on community actions, through the kernel's limiter
(courses.ratelimit): posts, supports, likes, reports, translations.

Any action name works (moderation uses "report"). Limits are ACADEMY_RATE_<ACTION>
(the older ACADEMY_COMMUNITY_RATE_<ACTION> is still read); see conf.rate_limit.
"""

from courses import ratelimit

from . import conf


def hit(user, action, now=None):
    """Count one `action` by `user`; raise RateLimited (a Refused 429) past the limit."""
    ratelimit.hit(action, f"user:{user.pk}", rule=conf.rate_limit(action), now=now)
