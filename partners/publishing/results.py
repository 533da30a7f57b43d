"""Results of the public pages' selectors kept in the cache, by the versions of what they show.

A page that went cold (its entry expired or was evicted, an edit of something it shows, a new
address) is built again from its selectors' queries, and on the composite pages compiling those
queries costs more than running them (the dossier's windows and subqueries; the search page
keeps its ranking and hits the same way, a feed its entries: config/search.py, feeds.py). What
the queries give (plain data, and model instances as the queries loaded them: their fields,
annotations and prefetched rows, which pickle whole) is kept in the cache under a key made of:

- a name for the result and what it was computed from (`parts`: a partner's id, the explorer's
  chosen partners and years), digested;
- the page's language (the lists sort by names in that language);
- the versions of what the page that shows it shows: the versions the page cache holds for that
  page (config/cache.py: the site's, the page's topics', for a page about one partner that
  partner's share of the agreements and missions, for a detail page its record's, given by its
  key: views.PublicDetailMixin keeps the key by the slug by the versions of its list page,
  which any save of a record of its kind moves, then keeps the record as its page shows it,
  prefetched rows and all). An edit moves those versions once it
  commits, so the result is computed again at once, under another key: nothing to invalidate,
  nothing left to an expiry. An edit elsewhere (another partner's agreement) leaves the result
  found.

The versions are the site's business: the site registers where they come from
(`register_version_source`, from config's `ready()`) and the core never imports it
(docs/architecture.md). They are read before the result is computed: a change committed
meanwhile moves them on, and what was stored under the old ones is never read again.

Inside a preview (a pending version applied in a savepoint that is rolled back:
versions.rolled_back()) results are computed, never read from the cache nor stored: they may
show what the public does not see yet.

`RESULT_CACHE_SECONDS` (0 turns it off: tests see the rows they write, as their transactions
never commit and the versions never move) bounds how long a result outlives a deployment that
changed what it holds. With no source, or a source that cannot say (a page it does not know, the
cache unreachable: config/redis_cache.py answers every call as a miss), the result is computed
each time, as if there were no cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from partners.publishing.language import active_language
from partners.publishing.versions import in_rolled_back

# Where the versions of what a page shows come from: `source(page, kwargs, record)` (a URL name,
# its arguments and, for a detail page, its record's key) gives a value that changes whenever
# something the page shows changes, or None if it cannot say.
_version_source = None


def register_version_source(source) -> None:
    global _version_source
    _version_source = source


def result_key(name: str, parts: tuple, version: str) -> str:
    shown = repr((active_language(), parts, version))
    return f"results:{name}:" + hashlib.blake2b(shown.encode(), digest_size=16).hexdigest()


def cached_results(
    name: str, parts: tuple, compute, *, page: str, kwargs: dict | None = None, record=None
):
    """`compute()`, kept per language, per `parts` (what it was computed from; their repr() is
    in the key) and per version of what `page` (a URL name, with its `kwargs`; for a detail page
    the key of its `record`, without which its versions are not known) shows; computed each time
    when those versions are not known or the cache is off."""
    seconds = getattr(settings, "RESULT_CACHE_SECONDS", 0)
    if not seconds or _version_source is None or in_rolled_back():
        return compute()
    version = _version_source(page, kwargs or {}, record)
    if version is None:
        return compute()
    key = result_key(name, parts, version)
    found = cache.get(key)
    if found is not None:
        return found[0]
    result = compute()
    cache.set(key, (result,), seconds)  # in a tuple: a result of None is found too
    return result
