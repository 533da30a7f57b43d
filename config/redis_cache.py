"""Django's Redis cache, made an accelerator only: when Redis cannot be reached, every cache call
answers as a miss (reads give the default, writes store nothing), the error is logged, and the
page is built and the save answered as if there were no cache. Redis is tried again after
`RETRY_SECONDS` (a parameter of the cache, default 5): while it is down a process spends one
failed connection attempt per retry period, not one per call, and the site heals on its own
when Redis is back.

Only connection-level errors (the server refused, went away, timed out, is out of memory or
read-only) are swallowed; a programming error (a value that cannot be pickled) still raises.
The connection and socket timeouts come from the cache's OPTIONS (see config/settings/base.py),
so a Redis that hangs costs a fraction of a second, not a request timeout.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError, TimeoutError

logger = logging.getLogger("config.cache")

# What an unreachable or unusable Redis raises: refused or lost connections, timeouts, and the
# errors a full (`maxmemory` without eviction) or read-only replica answers with.
UNAVAILABLE = (RedisConnectionError, TimeoutError, ResponseError, OSError)


# When each Redis server (by its location) may be tried again, shared by the threads of a
# process (Django makes one cache object per thread).
_down_until: dict[str, float] = {}


def _degraded(default=None):
    """Run the cache call; if Redis is unavailable, log it and answer `default` (a callable
    gets the call's arguments)."""

    def answer(args, kwargs):
        return default(*args, **kwargs) if callable(default) else default

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < _down_until.get(self._location, 0.0):
                return answer(args, kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                _down_until[self._location] = time.monotonic() + self._retry_seconds
                logger.warning(
                    "cache unavailable, serving without it: %s: %s",
                    type(error).__name__,
                    error,
                )
                return answer(args, kwargs)

        return wrapper

    return decorate


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        self._retry_seconds = float(params.pop("RETRY_SECONDS", 5))
        self._location = server if isinstance(server, str) else ",".join(server)
        super().__init__(server, params)

    @property
    def available(self) -> bool:
        """False while a recent call found Redis unreachable (until the next retry)."""
        return time.monotonic() >= _down_until.get(self._location, 0.0)

    get = _degraded(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _degraded(lambda *args, **kwargs: {})(RedisCache.get_many)
    set = _degraded()(RedisCache.set)
    set_many = _degraded(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    add = _degraded(False)(RedisCache.add)
    touch = _degraded(False)(RedisCache.touch)
    delete = _degraded(False)(RedisCache.delete)
    delete_many = _degraded()(RedisCache.delete_many)
    has_key = _degraded(False)(RedisCache.has_key)
    clear = _degraded(False)(RedisCache.clear)

    # None, not a number: the caller knows the counter did not move (config/cache.py retries).
    incr = _degraded()(RedisCache.incr)
