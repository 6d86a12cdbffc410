"""Redis as the cache in production: a Redis outage may slow pages down a little, never take
them down.

django-redis with its errors ignored already turns a failed call into a cache miss. But each
call to a Redis that does not answer (a frozen server, or packets dropped on the way) first
waits for its timeout, and one page makes several calls, so pages would take seconds each.
So after a call fails, this process stops asking Redis for PAUSE_SECONDS, answering every call
at once as a miss (or as a write that did nothing); then the next call asks again.
"""

import logging
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 5


def cache_settings(url):
    """The CACHES entry for the Redis at `url` (production.py, and the tests that stop it)."""
    return {
        "BACKEND": "boardhub.core.redis_cache.FailFastRedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


class FailFastRedisCache(RedisCache):
    """django-redis that does not ask again, for PAUSE_SECONDS, a Redis that has just failed."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.paused_until = 0.0

    @property
    def client(self):
        return PausingClient(super().client, self)

    def ask_again_now(self):
        """End the pause at once (when Redis is known to be back)."""
        self.paused_until = 0.0


class PausingClient:
    """Stands in for django-redis's client: each call either fails at once, during a pause,
    or goes to Redis and, if it fails, starts one. RedisCache turns the failure into a miss."""

    def __init__(self, client, cache):
        self._client = client
        self._cache = cache

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            if time.monotonic() < self._cache.paused_until:
                cause = RedisConnectionError("Redis failed moments ago: not asked again yet")
                raise ConnectionInterrupted(connection=None) from cause
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                self._cache.paused_until = time.monotonic() + PAUSE_SECONDS
                logger.warning(
                    "Redis failed (%s); not asking it again for %d seconds",
                    error.__cause__,
                    PAUSE_SECONDS,
                )
                raise

        return call
