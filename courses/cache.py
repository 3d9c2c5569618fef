"""A Redis cache that fails open: while Redis is unreachable it behaves as an empty
cache that keeps nothing, instead of raising into every page.

Everything the pack and Wagtail cache (site root paths, cached_db sessions, rate-limit
counters, unread counts) already copes with an empty cache, so pages keep serving
from the database. `CACHES = {"default": {"BACKEND": "courses.cache.FailOpenRedisCache",
"LOCATION": "redis://…"}}` (README, "Production"). Rate limits are not enforced while
the cache is down; sessions stay in the database (cached_db).
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# After a failure, the cache is skipped for this long (no connection attempt per call).
DOWN_SECONDS = 5
# What an empty cache answers.
EMPTY = {"add": True, "touch": False, "delete": False, "get_many": {}, "has_key": False,
         "clear": False}


def _missing(name, *args):
    if name == "get":
        return args[1]  # the caller's default
    if name == "incr":
        raise ValueError(f"Key '{args[0]}' not found.")  # as Redis without the key
    value = EMPTY.get(name)
    return dict(value) if isinstance(value, dict) else value


class FailOpenRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        super().__init__(servers, **options)
        self._down_until = 0.0

    def _fail_open(self, name, method, *args):
        if time.monotonic() < self._down_until:
            return _missing(name, *args)
        try:
            return method(*args)
        except (self._lib.ConnectionError, self._lib.TimeoutError) as error:
            logger.warning("Cache unreachable, serving without it for %ss: %s", DOWN_SECONDS, error)
            self._down_until = time.monotonic() + DOWN_SECONDS
            return _missing(name, *args)


def _wrap(name):
    method = getattr(RedisCacheClient, name)

    @functools.wraps(method)
    def wrapper(self, *args):
        return self._fail_open(name, functools.partial(method, self), *args)

    return wrapper


for _name in ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many",
              "delete_many", "clear"):
    setattr(FailOpenRedisCacheClient, _name, _wrap(_name))


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailOpenRedisCacheClient
