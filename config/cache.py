"""Whole-page cache for anonymous visitors, emptied by any change to the records.

Every cached page is stored under the current *content version*. Any save or delete of a record
(partners, agreements, missions, trade) moves the version on, so the next visitor gets a freshly
built page: an edit or a publication shows on the public site at once. Bulk writes that bypass
model signals (the trade import, `generate_data`) call `bump_content_version()` themselves.

Staff (any authenticated user) and requests with a query string beyond the page's filters are
served as usual; only GET and HEAD responses with status 200 and no cookie are stored.
"""

import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_vary_headers

VERSION_KEY = "content-version"
CACHED_APPS = ("partners", "agreements", "missions")


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A new cache (or an evicted key): start from the clock, never from an old number.
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**kwargs) -> None:
    """Invalidate every cached page, once the current transaction has committed."""

    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, time.time_ns(), timeout=None)

    transaction.on_commit(bump)


def connect_invalidation() -> None:
    for app_label in CACHED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            uid = f"page-cache-{model._meta.label_lower}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-del")
    m2m_changed.connect(bump_content_version, dispatch_uid="page-cache-m2m")


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous visitors from the cache (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        key = "page:{}:{}:{}".format(
            content_version(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_full_path(),
        )
        cached = cache.get(key)
        if cached is not None:
            response = cached
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, seconds))
            else:
                cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        if request.method not in {"GET", "HEAD"}:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        return not request.path.startswith(("/" + settings.ADMIN_URL, settings.STATIC_URL))

    @staticmethod
    def _cacheable_response(response) -> bool:
        return (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
        )
