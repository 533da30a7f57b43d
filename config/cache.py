"""Whole-page cache for anonymous visitors, emptied by any change to the records.

Keys. A page is stored under `page:{content version}:{language}:{path}?{parameters}`, where the
parameters are only those the page's view understands, sorted by name (each name's values kept in
their order) and re-encoded. The view says which through `cache_parameters()` (the public lists:
their filterset's fields, `page`, `sort`, `format`); a feed understands its list's filters; a view
that declares nothing (a detail page, the home page) is keyed on its path alone, so `?preview=1`
never reaches a key (staff, who may preview, are never cached anyway). Any other parameter is
dropped, so `/fr/ententes/?utm=1&x=2` and `/fr/ententes/` are one entry and random query strings
cannot fill the cache. The view then sees only the parameters of its key (`request.GET` and the
query string are rewritten), so a cached page is exactly the page its key describes: no visitor's
stray parameter ends up in the links of a page served to everyone.

Invalidation. Every key holds the current *content version*. A save or delete of any model of
the project's own apps, or a change to any many-to-many relation, moves the version on once the
transaction commits, so the next visitor gets a freshly built page: an edit or a publication shows
on the public site at once. Bulk writes that send no per-record signal (the trade import and its
rollback, `generate_data`) send `partners.publishing.signals.content_changed`, which moves it too.

Staff (any authenticated user), other methods than GET and HEAD, the admin and static files are
served as usual; only responses with status 200, no cookie and no `private` are stored.
"""

import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.urls import resolve, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from partners.publishing.feeds import ListFeed
from partners.publishing.signals import content_changed

VERSION_KEY = "content-version"

# Views of Django's own that read the query string: the sitemap's page number.
FRAMEWORK_PARAMETERS = {sitemap_views.sitemap: {"p"}}


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A new cache (or an evicted key): start from the clock, never from an old number.
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**kwargs) -> None:
    """Invalidate every cached page, once the current transaction has committed (at once
    outside a transaction; never if it rolls back)."""

    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, time.time_ns(), timeout=None)

    transaction.on_commit(bump)


def project_models():
    """Every model of the project's own apps: the apps whose package sits directly in the
    project's base directory (`partners`, `agreements`, `missions`, `config`, and any app added
    there later), with their historical models. Installed packages live elsewhere (site-packages,
    even when the virtualenv is inside the base directory), so Django's and third-party models
    (sessions, axes' login attempts) never move the version."""
    base = Path(settings.BASE_DIR).resolve()
    for app_config in apps.get_app_configs():
        if Path(app_config.path).resolve().parent == base:
            yield from app_config.get_models()


def connect_invalidation() -> None:
    for model in project_models():
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-del")
    m2m_changed.connect(bump_content_version, dispatch_uid="page-cache-m2m")
    content_changed.connect(bump_content_version, dispatch_uid="page-cache-bulk")


def understood_parameters(view_func) -> set[str]:
    """The query parameters that change the page `view_func` writes (see the module's
    docstring); every other parameter is left out of the key and of the request."""
    view = getattr(view_func, "view_class", view_func)
    if isinstance(view, ListFeed):
        # A feed takes its list's filters, not the list's page, sorting or export format.
        listed = resolve(reverse(view.list_url_name)).func
        return understood_parameters(listed) - {"page", "sort", "format"}
    declared = getattr(view, "cache_parameters", None)
    if declared is not None:
        return set(declared())
    return set(FRAMEWORK_PARAMETERS.get(view_func, ()))


def kept_query(query: QueryDict, understood: set[str]) -> str:
    """The understood parameters of `query`, sorted by name, each name's values in order."""
    return urlencode(
        [(name, query.getlist(name)) for name in sorted(understood & query.keys())], doseq=True
    )


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous visitors from the cache (see the module's docstring).

    The key needs the resolved view, so the lookup is in `process_view`; a hit is returned from
    there (the view does not run), a miss is stored by `__call__` on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        if key is None or response.get("X-Page-Cache") == "hit":
            return response
        if self._cacheable_response(response):
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
            seconds = settings.PAGE_CACHE_SECONDS
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(lambda r: cache.set(key, r, seconds))
            else:
                cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "PAGE_CACHE_SECONDS", 0) or not self._cacheable_request(request):
            return None
        query = kept_query(request.GET, understood_parameters(view_func))
        request.GET = QueryDict(query)
        request.META["QUERY_STRING"] = query
        request.page_cache_key = "page:{}:{}:{}".format(
            content_version(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_full_path(),
        )
        cached = cache.get(request.page_cache_key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
        return cached

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
