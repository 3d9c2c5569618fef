"""Rate limits for any app, kept in the Django cache (Redis in production), so every
process that shares the cache shares the counts.

A fixed window per action and identity (a person, an address, a client): simple,
and enough to stop floods and password guessing. Limits are settings
ACADEMY_RATE_<ACTION> = (count, seconds); DEFAULTS below, or the caller's default.
Past the limit, RateLimited is a Refused(429) whose `retry_after` the HTTP helpers
(courses.http) send as the Retry-After header.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .permissions import Refused

# (count, seconds) per action; see README, "Security".
DEFAULTS = {
    "login_account": (10, 900),  # wrong passwords for one account, from anywhere
    "login_client": (50, 900),  # wrong passwords from one client, across accounts
    "signup": (50, 3600),  # sign-ups from one client (a class may share one address)
    "signup_email": (3, 3600),  # confirmation emails to one address
    "password_reset": (10, 3600),  # reset requests from one client
    "password_reset_email": (3, 3600),  # reset requests for one address
    "join_code": (10, 3600),  # wrong cohort join codes from one person
    "join_code_client": (30, 3600),  # wrong cohort join codes from one client
    "verify": (60, 600),  # unknown certificate codes looked up by one client
    "xapi": (600, 60),  # H5P statements from one person
}


class RateLimited(Refused):
    """A 429 that says why (`reason`, optional) and how long to wait."""

    def __init__(self, retry_after, reason=None):
        if retry_after >= 120:
            minutes = -(-retry_after // 60)
            wait = ngettext("Please wait %(minutes)d minute and try again.",
                            "Please wait %(minutes)d minutes and try again.",
                            minutes) % {"minutes": minutes}
        else:
            wait = ngettext("Please wait %(seconds)d second and try again.",
                            "Please wait %(seconds)d seconds and try again.",
                            retry_after) % {"seconds": retry_after}
        super().__init__(429, f"{reason or _('You are doing this too often.')} {wait}")
        self.retry_after = retry_after


def limit(action, default=None):
    """(count, seconds) for an action: its setting, else DEFAULTS, else `default`."""
    value = getattr(settings, f"ACADEMY_RATE_{action.upper()}", None)
    if value is None:
        value = DEFAULTS.get(action, default or (30, 60))
    count, seconds = value
    return int(count), int(seconds)


def _window(action, identity, rule, now):
    count, seconds = limit(action, rule)
    now = time.time() if now is None else now
    start = int(now // seconds) * seconds
    digest = hashlib.sha256(str(identity).encode()).hexdigest()[:32]  # no address in clear
    key = f"sse_academy:rate:{action}:{digest}:{start}"
    return key, count, seconds, max(1, int(start + seconds - now))


def _incr(key, seconds):
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        return 1


def hit(action, identity, *, rule=None, now=None, reason=None):
    """Count one `action` by `identity`; past the limit raise RateLimited."""
    key, count, seconds, wait = _window(action, identity, rule, now)
    if _incr(key, seconds) > count:
        raise RateLimited(wait, reason)


def failed(action, identity, *, rule=None, now=None):
    """Count one failure (a wrong password, an unknown code) without refusing it:
    the next check() refuses once the window's failures reach the limit."""
    key, _count, seconds, _wait = _window(action, identity, rule, now)
    _incr(key, seconds)


def check(action, identity, *, rule=None, now=None, reason=None):
    """Raise RateLimited if `identity` has used up this window, without counting.
    For limits on failures: check before trying, failed() after a failure."""
    key, count, _seconds, wait = _window(action, identity, rule, now)
    if (cache.get(key) or 0) >= count:
        raise RateLimited(wait, reason)


def client_address(request):
    """Who is asking, for per-client limits. Behind N reverse proxies that append to
    X-Forwarded-For, set ACADEMY_RATE_TRUSTED_PROXIES = N; the addresses before those
    are the client's to forge, so they are never read. An IPv6 client counts by its
    /64 network (one subscriber gets a whole /64)."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "ACADEMY_RATE_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
