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
parent record's), once the transaction commits. An agreement or a mission also *reaches* further
(`reach`): the pages of its linked records (an agreement's page lists the missions of its
signature, a mission's the agreements signed during it) and its partners' versions of its topic
(`partner_key`), for each of its partners and every partner above them, as they were before the
change and after. The pages about one partner (its dossier, the lists filtered by it) hold those
partner versions instead of their topics'. So an edit to an agreement with Shanghai makes cold
the agreement lists, the home page, feeds, search, the sitemap, the partner list, the dossiers
and filtered lists of Shanghai and China, its own page and its mission's; every other agreement
and mission page, the other partners' dossiers and lists, the mission lists and the trade
explorer stay cached. A model the mapping does not know moves the site's version: every page
goes cold, never a stale one. Bulk writes that send no per-record signal send
`partners.publishing.signals.content_changed`: the trade import and its rollback move the trade
topic, anything else the site's version. A `?partner=` value that is no published partner's
slug is ignored by the lists' filter and keeps its topic's version: it adds no key.

Lists checked by what they show. Any edit to an agreement moves the agreements' version, so every
page of the agreement list goes cold, though an edit changes one of its pages at most (unless it
changes how many records match or the day the latest changed, which every page gives). A page
of the agreement, mission or partner list (`CHECKED_PAGES`; not a page about one partner, not an
export) is therefore kept under a second key as well: what it shows of its own topic, from its
view's `content_fingerprint()` (the number of matching records, the day the latest changed, the
page, the filter choices drawn from the records, and which records are on it, in order), with
the versions of those records and the page's other versions. The partner list is kept so
against the agreements, which it shows as each row's count of agreements in force: its
fingerprint reads those counts. The home page is kept so against the agreements and the
missions: its fingerprint is their counts and which few of them it shows, in order; the search
page against the records it finds, by their ranking (the costly half of a search page is the
excerpts and the page, not the ranking). When the first entry is stale, that fingerprint is
read (a few small queries, or the search's ranking; no rendering) and, if the entry under it
holds only current versions, served with `X-Page-Cache: checked` and kept again under the
topics' versions.

Versions live in the cache like the pages. If one is evicted or lost (Redis restarted), it starts
again from the clock, which never repeats an old value, so the entries that held it go cold.
If the cache is unreachable (config/redis_cache.py answers every call as a miss), pages are built
as if there were no cache and a version that could not be moved is moved again at the next
request that finds the cache back.

Fragments. What pages are built from is kept too (partners/publishing/fragments.py): the
filters' choices and a page's sections (the dossier's trade) by the site's version and their
topics' (`fragment_versions`, registered with the core at start, as the core never imports this
module), so that a page gone cold after an edit reads every partner only if a partner changed
and a dossier whose agreement changed keeps its trade section; a list's cards need no version,
their keys are what they show. The selectors' results of the composite pages (the dossier's lists and
counts, the home page's, the trade explorer's series, the search's ranking and hits shown, the
feeds' entries, a list's page of records and its count: partners/publishing/results.py) are kept by the versions their page holds
(`page_versions`, registered the same way): a page that expired or went cold by an edit of
something else it shows reads them back instead of querying. So is the record of an agreement's
or a mission's page, with its prefetched rows, by the versions its entry holds with its record's
(`record_versions`, once its key was found by its slug: itself kept by the versions of the
records' list, partners/publishing/views.py `published_key`).

Staff (any authenticated user), other methods than GET and HEAD, the admin and static files are
served as usual; only responses with status 200, no cookie and no `private` are stored.
"""

import hashlib
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import QueryDict
from django.urls import resolve, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from config.middleware import ReadsSettingsOnce
from partners.publishing.feeds import ListFeed
from partners.publishing.signals import content_changed

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
    # An agreement's page shows the missions of its signature, a mission's page the agreements
    # signed during it: a change to one of those moves the page's own record (`reach`).
    "agreements:detail": {PARTNERS, SECTORS},
    "missions:list": {MISSIONS, PARTNERS, SECTORS},
    "missions:feed": {MISSIONS, PARTNERS, SECTORS},
    "missions:detail": {PARTNERS, SECTORS},
    "partners:list": {PARTNERS, AGREEMENTS, SECTORS},
    # The dossier shows its partner's parent and members, agreements, missions and trade.
    "partners:detail": set(TOPICS),
    "trade:explorer": {TRADE, PARTNERS},
    "search": {AGREEMENTS, MISSIONS, PARTNERS, SECTORS},
    # The index gives each section's last change; each section shows its own records.
    "sitemap": {AGREEMENTS, MISSIONS, PARTNERS, SECTORS},
    "sitemap-section": set(),
}
SITEMAP_SECTIONS = {
    "pages": set(),
    "partners": {PARTNERS},
    "agreements": {AGREEMENTS},
    "missions": {MISSIONS},
    "sectors": {SECTORS},
}
DETAIL_PAGES = {"agreements:detail": "agreements.agreement", "missions:detail": "missions.mission"}
# Lists whose pages are also kept under what they show of a topic (the view's
# `content_fingerprint()`): when an edit moves the topic, a page whose records did not change is
# found there, after two small queries, instead of being built again. The partner list shows
# the agreements as each row's count of those in force, which its fingerprint reads.
CHECKED_PAGES = {
    "agreements:list": (AGREEMENTS,),
    "missions:list": (MISSIONS,),
    "partners:list": (AGREEMENTS,),
    # The home page shows the counts of both and their latest few records.
    "home": (AGREEMENTS, MISSIONS),
    # The search page shows the records found, ranked: its fingerprint ranks them.
    "search": (AGREEMENTS, MISSIONS, PARTNERS),
}
# Pages about one partner hold that partner's version of a topic instead of the topic's: the
# lists filtered by a partner (once the filter has accepted it) and the partner's dossier. A
# change to an agreement or a mission moves the versions of its partners and of every partner
# above them (a country's lists and dossier take in its provinces'), before and after the change.
PARTNER_PAGES = {
    "agreements:list": (AGREEMENTS,),
    "missions:list": (MISSIONS,),
    "partners:detail": (AGREEMENTS, MISSIONS),
}
# What a record's change reaches beyond its own page, by record: the topic whose partners'
# versions it moves, and the linked records whose pages show it.
REACH = {"agreements.agreement": AGREEMENTS, "missions.mission": MISSIONS}

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


def partner_key(slug: str, topic: str) -> str:
    """The version of what pages about one partner (by its slug) show of a topic."""
    return f"v:partner:{slug}:{topic}"


def partners_key(topic: str) -> str:
    """The version of every partner's share of a topic at once (a change whose partners are
    unknown)."""
    return f"v:partners:{topic}"


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


def _owner(model, instance) -> tuple[str, object] | None:
    """The record (label, pk) whose reach a change to `instance` touches: the record itself, or
    the agreement or mission a child row belongs to (an event, a place visited)."""
    if _historical(model):
        return None
    label = _label(model)
    if label in REACH:
        return label, instance.pk
    for field in model._meta.concrete_fields:
        if field.many_to_one and _label(field.related_model) in REACH:
            return _label(field.related_model), getattr(instance, field.attname)
    return None


def with_ancestors(partner_ids) -> set[str]:
    """The slugs of these partners and of every partner above them."""
    from partners.models import Partner

    slugs, seen, ids = set(), set(), {pk for pk in partner_ids if pk is not None}
    while ids:
        seen |= ids
        rows = Partner.objects.filter(pk__in=ids).values_list("slug", "parent_id")
        slugs.update(slug for slug, _parent in rows)
        ids = {parent for _slug, parent in rows if parent is not None} - seen
    return slugs


def reach(label: str, pks) -> list[str]:
    """What pages beyond its own show a change to these records: their partners' (and those
    partners' ancestors') share of the record's topic, and the pages of the records linked to
    them (an agreement's page lists the missions of its signature, a mission's the agreements
    signed during it)."""
    from agreements.models import Agreement
    from missions.models import Mission, MissionPlace

    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return []
    signed = Mission.agreements_signed.through.objects
    if label == "agreements.agreement":
        parties = Agreement.parties.through.objects.filter(agreement__in=pks)
        partner_ids = parties.values_list("partner_id", flat=True)
        linked = ("missions.mission", signed.filter(agreement__in=pks).values_list("mission_id"))
    else:
        places = MissionPlace.objects.filter(mission__in=pks)
        partner_ids = places.values_list("partner_id", flat=True)
        linked = (
            "agreements.agreement",
            signed.filter(mission__in=pks).values_list("agreement_id"),
        )
    topic = REACH[label]
    keys = [partner_key(slug, topic) for slug in sorted(with_ancestors(set(partner_ids)))]
    return keys + [record_key(linked[0], pk) for (pk,) in linked[1]]


def _reach_of(model, instance) -> list[str]:
    owner = _owner(model, instance)
    if owner is None:
        return []
    label, pk = owner
    return reach(label, [pk])


def record_changing(sender, instance, signal=None, **kwargs) -> None:
    """Before a save or delete: what the record reaches now (a place's partner before it
    changes, an agreement's parties before it is deleted), moved with what it reaches after.
    A record's own save changes none of its parties or places: only its child rows' do."""
    if signal is pre_save and _label(sender) in REACH:
        return
    if instance.pk is not None and _owner(sender, instance) is not None:
        instance._page_cache_reach = _reach_of(sender, instance)


def record_saved(sender, instance, signal=None, **kwargs) -> None:
    keys = changed_keys(sender, instance)
    if keys and keys != [SITE_KEY]:
        keys += instance.__dict__.pop("_page_cache_reach", [])
        if signal is post_save:
            keys += _reach_of(sender, instance)
    if keys:
        move_versions(keys)


def relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    owner = sender._meta.auto_created or sender
    label = _label(owner)
    # The records of `owner` the change is about (None: unknown, every one of them).
    records = pk_set if reverse else [instance.pk]
    if action.startswith("pre_"):
        if label in REACH and records is not None:
            stash = instance.__dict__.setdefault("_page_cache_m2m", {})
            stash[sender] = reach(label, records)
        return
    topic = _topic_keys(owner)
    if topic is None:
        move_versions([SITE_KEY])
        return
    keys = list(topic)
    if label in RECORD_MODELS:
        if records is None:
            keys.append(records_key(label))
        else:
            keys += [record_key(label, pk) for pk in records]
    if label in REACH:
        if records is None:
            keys += [partners_key(REACH[label]), records_key(_linked_label(label))]
        else:
            keys += instance.__dict__.get("_page_cache_m2m", {}).pop(sender, [])
            keys += reach(label, records)
    move_versions(keys)


def _linked_label(label: str) -> str:
    return next(other for other in REACH if other != label)


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
        pre_save.connect(record_changing, sender=model, dispatch_uid=uid + "-presave")
        pre_delete.connect(record_changing, sender=model, dispatch_uid=uid + "-predel")
        post_save.connect(record_saved, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(record_saved, sender=model, dispatch_uid=uid + "-del")
    m2m_changed.connect(relation_changed, dispatch_uid="page-cache-m2m")
    content_changed.connect(bulk_changed, dispatch_uid="page-cache-bulk")


def page_dependencies(view_name: str, kwargs: dict | None = None) -> tuple[list[str], list[str]]:
    """The version keys a page's entry holds before its record is known, and the keys that
    must not move while it is built (the same, plus a detail page's own topic and the topic of
    the records linked to it). A page about one partner watches its partner's versions too."""
    shown = PAGE_TOPICS.get(view_name, TOPICS)
    if view_name == "sitemap-section":
        shown = SITEMAP_SECTIONS.get((kwargs or {}).get("section"), TOPICS)
    held = [SITE_KEY] + [topic_key(topic) for topic in sorted(shown)]
    watched = list(held)
    label = DETAIL_PAGES.get(view_name)
    if label is not None:
        held.append(records_key(label))
        watched += [
            records_key(label),
            *_topic_keys_of(label),
            *_topic_keys_of(_linked_label(label)),
        ]
    return held, watched


# The published partners' slugs, for the partners topic's version they were read at.
_partner_slugs: tuple[object, frozenset] = (None, frozenset())


def published_partner_slugs(version) -> frozenset:
    """The slugs of the published partners, read once per version of the partners topic."""
    global _partner_slugs
    if _partner_slugs[0] != version:
        from partners.models import Partner

        slugs = frozenset(Partner.objects.published().values_list("slug", flat=True))
        _partner_slugs = (version, slugs)
    return _partner_slugs[1]


def fragment_versions(models) -> str | None:
    """The versions of what a fragment showing records of these models shows (the site's and
    their topics'), for partners.publishing.fragments.versioned(); None when they are switched
    off (`FRAGMENT_VERSIONS`) or the cache is unreachable: the fragment is written each time."""
    if not settings.FRAGMENT_VERSIONS:
        return None
    keys = {SITE_KEY}
    for model in models:
        keys.update(_topic_keys(model) or ())  # a model with no topic moves the site's version
    found = versions(sorted(keys))
    if None in found.values():
        return None
    return ".".join(str(found[key]) for key in sorted(found))


def page_versions(view_name: str, kwargs: dict, record=None) -> str | None:
    """The versions an entry of the page `view_name` (with its URL's `kwargs`) holds, as one
    value: for partners.publishing.results.cached_results(), so that a selector's results are
    kept exactly as long as the page they are shown on. A page about one partner (the dossier)
    holds its partner's versions of the agreements and missions instead of those topics'. A
    detail page holds its `record`'s version (the record's key, found first) with its other
    keys, as its entry does (`record_versions`). None for a detail page whose record is not
    given, for a slug that is no published partner's and when the cache is unreachable: the
    results are computed each time."""
    if view_name in DETAIL_PAGES:
        return None if record is None else record_versions(view_name, kwargs, record)
    if record is not None:
        return None  # a record of a page that is not a detail page: not known
    held, _watched = page_dependencies(view_name, kwargs)
    partner = page_partner(view_name, kwargs, QueryDict())
    own = _partner_keys(view_name, partner) if partner is not None else []
    stored = cache.get_many([*held, *own])  # one round trip
    found = versions(held, stored)
    if None in found.values():
        return None
    if partner is not None:
        # Only a published partner has versions of its own (no key for any other slug).
        if partner not in published_partner_slugs(found[topic_key(PARTNERS)]):
            return None
        found.update(versions(own, stored))
        if None in found.values():
            return None
        topics = {topic_key(topic) for topic in PARTNER_PAGES[view_name]}
        held = [key for key in held if key not in topics] + own
    return ".".join(str(found[key]) for key in held)


def record_versions(view_name: str, kwargs: dict, pk) -> str | None:
    """The versions the entry of a detail page about the record `pk` holds (the site's, its
    topics', every record's of its kind and its record's: what `_store` keeps), as one value,
    read in one round trip; None when the cache is unreachable."""
    held, _watched = page_dependencies(view_name, kwargs)
    held.append(record_key(DETAIL_PAGES[view_name], pk))
    found = versions(held)
    if None in found.values():
        return None
    return ".".join(str(found[key]) for key in held)


def _partner_keys(view_name: str, partner: str) -> list[str]:
    topics = PARTNER_PAGES[view_name]
    return [key for topic in topics for key in (partner_key(partner, topic), partners_key(topic))]


def page_partner(view_name: str, kwargs: dict, query: QueryDict) -> str | None:
    """The partner (slug) a page is about, if it is a page about one partner."""
    if view_name not in PARTNER_PAGES:
        return None
    if view_name == "partners:detail":
        return kwargs.get("slug")
    values = query.getlist("partner")
    return values[0] if len(values) == 1 and values[0] else None


def narrowed(view_name: str, partner: str, held: list[str], response) -> list[str]:
    """The keys a page about one partner holds: the partner's versions of its topics instead of
    the topics', once its filter accepted the partner (a value it ignored lists every record)."""
    if view_name != "partners:detail":
        filterset = (getattr(response, "context_data", None) or {}).get("filter")
        if filterset is None or not filterset.is_valid():
            return held
        if getattr(filterset.form.cleaned_data.get("partner"), "slug", None) != partner:
            return held
    topics = {topic_key(topic) for topic in PARTNER_PAGES[view_name]}
    return [key for key in held if key not in topics] + _partner_keys(view_name, partner)


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
    return set()


def kept_query(query: QueryDict, understood: set[str]) -> str:
    """The understood parameters of `query`, sorted by name, each name's values in order."""
    return urlencode(
        [(name, query.getlist(name)) for name in sorted(understood & query.keys())], doseq=True
    )


class AnonymousPageCacheMiddleware(ReadsSettingsOnce):
    """Serve public pages to anonymous visitors from the cache (see the module's docstring).

    The key needs the resolved view, so the lookup is in `process_view`; a hit is returned from
    there (the view does not run), a miss is stored by `__call__` on the way out. A hit costs one
    round trip to the cache (the entry and the versions of its topics at once), a detail page's
    two (then its record's version).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.watch_settings()

    def read_settings(self) -> None:
        self.seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        self.uncached_prefixes = ("/" + settings.ADMIN_URL, settings.STATIC_URL)

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "page_cache", None)
        if state is None or response.get("X-Page-Cache") in ("hit", "checked"):
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
        if not self.seconds or not self._cacheable_request(request):
            return None
        query = kept_query(request.GET, understood_parameters(view_func))
        request.GET = QueryDict(query)
        request.META["QUERY_STRING"] = query
        key = "page:{}:{}".format(getattr(request, "LANGUAGE_CODE", ""), request.get_full_path())
        if len(key) > MAX_KEY_LENGTH:
            return None  # a value no link makes (thousands of characters): built, never stored
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        held, watched = page_dependencies(view_name, view_kwargs)
        found = cache.get_many([key, *watched])
        before = versions(watched, found)
        if None in before.values():
            return None  # the cache is unreachable: build the page, store nothing
        partner = page_partner(view_name, view_kwargs, request.GET)
        if partner is not None:
            # Only a published partner's slug has versions: any other value of `?partner=` is
            # ignored by the filter, and adds no key to the cache.
            if partner in published_partner_slugs(before[topic_key(PARTNERS)]):
                before.update(versions(_partner_keys(view_name, partner)))
                if None in before.values():
                    return None
            else:
                partner = None
        request.page_cache = (key, view_name, partner, held, before, None)
        entry = found.get(key)
        if entry is not None and self._current(entry[0], before):
            response = entry[1]
            response["X-Page-Cache"] = "hit"
            return response
        checked = self._checked_key(request, view_func, view_args, view_kwargs, held, before)
        if checked is None:
            return None
        request.page_cache = (key, view_name, partner, held, before, checked)
        entry = cache.get(checked[0])
        if entry is None or entry[0] != checked[1]:
            return None
        response = entry[1]
        # Found by what it shows: kept again under the topic's version, for the next visitor.
        cache.set(key, ({name: before[name] for name in held}, response), self.seconds)
        response["X-Page-Cache"] = "checked"
        return response

    @staticmethod
    def _current(stored: dict, before: dict) -> bool:
        """Whether every version an entry holds is still current."""
        current = dict(before)
        unknown = [name for name in stored if name not in current]
        if unknown:
            current.update(cache.get_many(unknown))
        return all(current.get(name) == version for name, version in stored.items())

    @staticmethod
    def _checked_key(request, view_func, view_args, view_kwargs, held, before):
        """A checked page's key by what it shows of its topics (`CHECKED_PAGES`), and the
        versions that entry holds: the page's other keys and the versions of the records on it.
        None for a page that is not checked (or holds its partner's versions rather than its
        topic's)."""
        view_name = request.resolver_match.view_name
        topics = {topic_key(topic) for topic in CHECKED_PAGES.get(view_name, ())}
        view_class = getattr(view_func, "view_class", None)
        if not topics or view_class is None or not topics <= set(held):
            return None
        if page_partner(view_name, view_kwargs, request.GET) is not None:
            return None
        view = view_class(**view_func.view_initkwargs)
        view.setup(request, *view_args, **view_kwargs)
        shown = view.content_fingerprint()
        if shown is None:
            return None
        text, records = shown
        current = versions([record_key(label, pk) for label, pk in records])
        if None in current.values():
            return None
        page = f"{request.LANGUAGE_CODE}:{request.get_full_path()}\n{text}"
        stored = {name: before[name] for name in held if name not in topics}
        stored.update(current)
        return "checked:" + hashlib.sha256(page.encode()).hexdigest(), stored

    def _store(self, request, state, response) -> None:
        key, view_name, partner, held, before, checked = state
        if partner is not None:
            held = narrowed(view_name, partner, held, response)
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
        cache.set(key, (stored, response), self.seconds)
        if checked is not None:
            cache.set(checked[0], (checked[1], response), self.seconds)

    def _cacheable_request(self, request) -> bool:
        if request.method not in {"GET", "HEAD"}:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        return not request.path.startswith(self.uncached_prefixes)

    @staticmethod
    def _cacheable_response(response) -> bool:
        return (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
        )
