"""Caches a test gives itself (override_settings(CACHES=...)): this process's memory, and the
production backend pointed at an address where nothing listens (every call a miss, logged)."""

LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
UNREACHABLE = {
    "default": {
        "BACKEND": "config.redis_cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
    }
}
