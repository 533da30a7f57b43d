"""Whole-page cache for anonymous visitors; an edit makes cold only the pages that can show it.

Keys. A page is stored under `page:{language}:{path}?{parameters}`, where the parameters are
only those the page's view understands, sorted by name (each name's values kept in their order)
and re-encoded. The view says which through `cache_parameters()` (the public lists: their
filterset's fields, `page`, `sort`, `format`); a feed understands its list's filters; a view that
declares nothing (a detail page, the home page) is keyed on its path alone, so `?preview=1` never
reaches a key (staff, who may preview, are never cached anyway). Any other parameter is dropped,
so `/fr/ententes/?utm=1&x=2` and `/fr/ententes/` are one entry and random query strings cannot
fill the cache. The view then sees only the parameters of its key (`request.GET` and the query
string are rewritten), so a cached page is exactly the page its key describes: no visitor's stray
parameter ends up in the links of a page served to everyone.

Invalidation by what a page shows. The records are grouped in *topics* (agreements, missions,
partners, sectors, trade: `TOPICS`), each with a version counter in the cache; the agreement,
mission and partner records also have one counter each (`record_key`). An entry is stored with
the versions of what its page shows, read before the page was built: the site's version, the
topics its view shows (`PAGE_TOPICS`, by URL name; a page not listed there shows every topic),
and for a detail page its own record instead of its own topic. A visit serves the entry only if
all those versions are still current. A save or delete of a record moves its topic's version on
and its record's (a child row, such as an agreement's event or a mission's place, moves its
parent record's), once the transaction commits: so an edit to one agreement makes cold the
agreement lists, the home page, feeds, search, the sitemap, the dossiers and the mission pages
(they show agreements), and that agreement's own page, while every other agreement's page and
the pages that show no agreement (the trade explorer, the mission lists) stay cached. A model
the mapping does not know moves the site's version: every page goes cold, never a stale one.
Bulk writes that send no per-record signal send `partners.publishing.signals.content_changed`:
the trade import and its rollback move the trade topic, anything else the site's version.

Versions live in the cache like the pages. If one is evicted or lost (Redis restarted), it starts
again from the clock, which never repeats an old value, so the entries that held it go cold.
If the cache is unreachable (config/redis_cache.py answers every call as a miss), pages are built
as if there were no cache and a version that could not be moved is moved again at the next
request that finds the cache back.

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

# Views of Django's own that read the query string: the sitemap's page number.
FRAMEWORK_PARAMETERS = {sitemap_views.sitemap: {"p"}}

AGREEMENTS, MISSIONS, PARTNERS, SECTORS, TRADE = TOPICS = (
    "agreements",
    "missions",
    "partners",
    "sectors",
    "trade",
)

# The topic of each model of the project's apps (historical models take their record's). A
# model of these apps that is not here moves the site's version (every page goes cold).
MODEL_TOPICS = {
    "agreements": AGREEMENTS,
    "missions": MISSIONS,
    "partners.partner": PARTNERS,
    "partners.office": PARTNERS,
    "partners.sector": SECTORS,
    "partners.product": TRADE,
    "partners.tradefigure": TRADE,
    "partners.importbatch": TRADE,
    "partners.importbatchchange": TRADE,
    # The workflow's journal of moves: no public page shows it (the move saves the record too).
    "partners.transition": None,
    # An edit waiting for a publisher: no public page shows it until it is published.
    "partners.pendingversion": None,
}
# The records with a version of their own; their child rows (a foreign key to one of them in the
# same topic) move it.
RECORD_MODELS = {"agreements.agreement", "missions.mission", "partners.partner"}

# What each public page shows, by URL name. A detail page shows its own record (instead of its
# whole topic) and the topics listed.
PAGE_TOPICS = {
    "home": {AGREEMENTS, MISSIONS, PARTNERS},
    "agreements:list": {AGREEMENTS, PARTNERS, SECTORS},
    "agreements:feed": {AGREEMENTS, PARTNERS, SECTORS},
    "agreements:detail": {PARTNERS, SECTORS, MISSIONS},
    "missions:list": {MISSIONS, PARTNERS, SECTORS},
    "missions:feed": {MISSIONS, PARTNERS, SECTORS},
    "missions:detail": {AGREEMENTS, PARTNERS, SECTORS},
    "partners:list": {PARTNERS, AGREEMENTS, SECTORS},
    # The dossier shows its partner's parent and members, agreements, missions and trade.
    "partners:detail": set(TOPICS),
    "trade:explorer": {TRADE, PARTNERS},
    "search": {AGREEMENTS, MISSIONS, PARTNERS, SECTORS},
    "sitemap": {AGREEMENTS, MISSIONS, PARTNERS},
}
DETAIL_PAGES = {"agreements:detail": "agreements.agreement", "missions:detail": "missions.mission"}

SITE_KEY = "v:site"
# Past this, a key holds a parameter value no page links to; memcached's own limit too.
MAX_KEY_LENGTH = 250
# Versions outlive the pages that hold them; an expired one starts again from the clock.
VERSION_SECONDS = 7 * 24 * 3600

# Keys whose version could not be moved (the cache was unreachable): moved at the next request.
_pending: set[str] = set()


def topic_key(topic: str) -> str:
    return f"v:topic:{topic}"


def record_key(label: str, pk) -> str:
    return f"v:record:{label}:{pk}"


def records_key(label: str) -> str:
    """The version of every record of a model at once (a change whose records are unknown)."""
    return f"v:records:{label}"


def content_version() -> int | None:
    """The site's version (moved by a change the topics do not describe)."""
    return versions([SITE_KEY]).get(SITE_KEY)


def versions(keys: list[str], found: dict | None = None) -> dict:
    """The current value of each version key (None for every key if the cache is unreachable).
    A key not in the cache starts from the clock, never from an old number."""
    found = dict(cache.get_many(keys) if found is None else found)
    for key in keys:
        if found.get(key) is None:
            start = time.time_ns()
            found[key] = start if cache.add(key, start, VERSION_SECONDS) else cache.get(key)
    return {key: found[key] for key in keys}


def _move(keys) -> None:
    for key in keys:
        try:
            moved = cache.incr(key)
        except ValueError:  # not in the cache: any new start differs from every old value
            moved = cache.add(key, time.time_ns(), VERSION_SECONDS)
        if moved is None or not getattr(cache, "available", True):
            _pending.add(key)  # the cache is unreachable (config/redis_cache.py)
        else:
            _pending.discard(key)


def move_versions(keys) -> None:
    """Make cold the pages that hold these versions, once the current transaction has committed
    (at once outside a transaction; never if it rolls back)."""
    keys = sorted(set(keys))
    transaction.on_commit(lambda: _move(keys))


def bump_content_version(**kwargs) -> None:
    """Make every cached page cold (once the current transaction has committed)."""
    move_versions([SITE_KEY])


def _label(model) -> str:
    return model._meta.label_lower


def _historical(model) -> bool:
    return hasattr(model, "instance_type")  # django-simple-history's historical models


def _topic_keys(model) -> list[str] | None:
    """The topic's version key of `model` ([] for none, None for the site's)."""
    if _historical(model):
        model = model.instance_type
    label = _label(model)
    if label in MODEL_TOPICS:
        topic = MODEL_TOPICS[label]
    elif model._meta.app_label in MODEL_TOPICS:
        topic = MODEL_TOPICS[model._meta.app_label]
    else:
        return None
    return [topic_key(topic)] if topic else []


def _record_keys(model, instance) -> list[str]:
    """The record versions a save or delete of `instance` moves."""
    if _historical(model):
        return []  # saved with its record, whose own save moves the version
    label = _label(model)
    if label in RECORD_MODELS:
        return [record_key(label, instance.pk)]
    topic = _topic_keys(model)
    keys = []
    for field in model._meta.concrete_fields:
        related = field.related_model if field.many_to_one else None
        if (
            related is not None
            and _label(related) in RECORD_MODELS
            and _topic_keys(related) == topic
        ):
            keys.append(record_key(_label(related), getattr(instance, field.attname)))
    if not keys and topic:
        # A row further down (a recommendation's follow-up): every record of the topic's kind.
        keys = [records_key(label) for label in RECORD_MODELS if _topic_keys_of(label) == topic]
    return keys


def _topic_keys_of(label: str) -> list[str] | None:
    return _topic_keys(apps.get_model(label))


def changed_keys(model, instance) -> list[str]:
    topic = _topic_keys(model)
    if topic is None:
        return [SITE_KEY]
    if not topic:
        return []
    return topic + _record_keys(model, instance)


def record_saved(sender, instance, **kwargs) -> None:
    keys = changed_keys(sender, instance)
    if keys:
        move_versions(keys)


def relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    owner = sender._meta.auto_created or sender
    topic = _topic_keys(owner)
    if topic is None:
        move_versions([SITE_KEY])
        return
    keys = list(topic)
    label = _label(owner)
    if label in RECORD_MODELS:
        if not reverse:
            keys.append(record_key(label, instance.pk))
        elif pk_set is None:
            keys.append(records_key(label))
        else:
            keys += [record_key(label, pk) for pk in pk_set]
    move_versions(keys)


def bulk_changed(sender, **kwargs) -> None:
    """A bulk write: the trade import and its rollback change the trade figures only."""
    if getattr(sender, "__module__", "").startswith("partners.trade."):
        move_versions([topic_key(TRADE)])
    else:
        move_versions([SITE_KEY])


def project_models():
    """Every model of the project's own apps: the apps whose package sits directly in the
    project's base directory (`partners`, `agreements`, `missions`, `config`, and any app added
    there later), with their historical models. Installed packages live elsewhere (site-packages,
    even when the virtualenv is inside the base directory), so Django's and third-party models
    (sessions, axes' login attempts) never move a version."""
    base = Path(settings.BASE_DIR).resolve()
    for app_config in apps.get_app_configs():
        if Path(app_config.path).resolve().parent == base:
            yield from app_config.get_models()


def connect_invalidation() -> None:
    for model in project_models():
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(record_saved, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(record_saved, sender=model, dispatch_uid=uid + "-del")
    m2m_changed.connect(relation_changed, dispatch_uid="page-cache-m2m")
    content_changed.connect(bulk_changed, dispatch_uid="page-cache-bulk")


def page_dependencies(view_name: str) -> tuple[list[str], list[str]]:
    """The version keys a page's entry holds before its record is known, and the keys that
    must not move while it is built (the same, plus a detail page's own topic)."""
    shown = PAGE_TOPICS.get(view_name, TOPICS)
    held = [SITE_KEY] + [topic_key(topic) for topic in sorted(shown)]
    watched = list(held)
    label = DETAIL_PAGES.get(view_name)
    if label is not None:
        held.append(records_key(label))
        watched += [records_key(label), *_topic_keys_of(label)]
    return held, watched


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
    there (the view does not run), a miss is stored by `__call__` on the way out. A hit costs one
    round trip to the cache (the entry and the versions of its topics at once), a detail page's
    two (then its record's version).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "page_cache", None)
        if state is None or response.get("X-Page-Cache") == "hit":
            return response
        if self._cacheable_response(response):
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(lambda r: self._store(request, state, r))
            else:
                self._store(request, state, response)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _pending:
            _move(list(_pending))
        if not getattr(settings, "PAGE_CACHE_SECONDS", 0) or not self._cacheable_request(request):
            return None
        query = kept_query(request.GET, understood_parameters(view_func))
        request.GET = QueryDict(query)
        request.META["QUERY_STRING"] = query
        key = "page:{}:{}".format(getattr(request, "LANGUAGE_CODE", ""), request.get_full_path())
        if len(key) > MAX_KEY_LENGTH:
            return None  # a value no link makes (thousands of characters): built, never stored
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        held, watched = page_dependencies(view_name)
        found = cache.get_many([key, *watched])
        before = versions(watched, found)
        if None in before.values():
            return None  # the cache is unreachable: build the page, store nothing
        request.page_cache = (key, view_name, held, before)
        entry = found.get(key)
        if entry is None:
            return None
        stored, response = entry
        current = dict(before)
        unknown = [name for name in stored if name not in current]
        if unknown:
            current.update(cache.get_many(unknown))
        if any(current.get(name) != version for name, version in stored.items()):
            return None
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _store(request, state, response) -> None:
        key, view_name, held, before = state
        records = []
        label = DETAIL_PAGES.get(view_name)
        shown = (getattr(response, "context_data", None) or {}).get("object")
        if label is not None:
            if shown is None or _label(type(shown)) != label:
                return  # a detail page whose record is not known: not stored
            records = [record_key(label, shown.pk)]
        after = versions([*before, *records])
        if any(after[name] != version for name, version in before.items()):
            return  # a change committed while the page was built: it may show the old content
        stored = {name: before[name] for name in held}
        stored.update((name, after[name]) for name in records)
        cache.set(key, (stored, response), settings.PAGE_CACHE_SECONDS)

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
