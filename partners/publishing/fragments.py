"""Fragments of the public pages written once and cached: a list's cards, by exactly what they
show; a filter's choices, by the versions of what they show; the parts of every page that show
no record, once per process.

Cards.
A list's card (an agreement's title, status, latest step and parties) is written from its
record as the list's query loaded it: the record's fields and annotations, the records loaded
with it (`select_related`) and its prefetched relations. `card_key()` digests all of these, with
the page's language, the card's template and the URL configuration, so an edit of anything a
card can show (the record, one of its parties' names, a translation added) gives another key:
the card is written again, at once, with nothing to invalidate. A record in the other language
has another key. `cards()` reads a page's cards in one `get_many` and writes only those not
found, storing them in one `set_many`; a cache that does not answer (config/redis_cache.py
answers every call as a miss) leaves every card written as if there were no cache.

A card's template sees only its record (and the values passed with it, part of the key): never
the page's context, the request or a query of its own (a field the list did not load would be
read by a query on every page, and tests/guards counts them).

Sections. A part of a page that shows records of a few topics only (the dossier's trade: the
partner and its figures; the trade explorer's charts, rows and products) is written from its
own templates and kept like the choices, per language, what it is computed from and version of
those topics (`written()`, `section()`): an edit of anything else the page shows (one of the
partner's agreements) leaves it found, and what it is built from (its queries, its charts) is
read only when it is written. Never inside a preview (a pending version applied in a savepoint
that is rolled back): it may show what the public does not see yet.

Fixed parts. A part of every page that shows no record (the footer, the main menu for each
section, the stylesheet's links) is written once per process, language and state (`fixed()`).

Choices. A filter's options (every published partner, the sectors, the ministries) are read
from records that change rarely: `versioned()` keeps them per language and per version of the
records of the models they show. The versions are the site's business (config/cache.py keeps
them for the page cache, by topic): the site registers where they come from
(`register_version_source`) and the core never imports it (docs/architecture.md). With no source,
or a source that cannot say (the versions switched off, the cache unreachable), the choices are
read and written each time.
"""

import hashlib
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.template import Context
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe

from partners.publishing.language import active_language
from partners.publishing.versions import in_rolled_back

# A card outlives few deployments: what changes it without changing its key (a translation in
# the catalog, the code of a label) is caught up within a day.
FRAGMENT_SECONDS = 24 * 3600


# Values taken as they are (most of a record's): no record or list of records inside.
PLAIN = frozenset({str, int, float, bool, type(None), date, datetime, Decimal})


def _value(value, within: tuple = ()):
    if isinstance(value, Model):
        return fingerprint(value, within)
    if isinstance(value, (list, tuple)) and any(isinstance(item, Model) for item in value):
        return tuple(_value(item, within) for item in value)
    return value  # its repr() is in the key: a value whose repr() is not stable is never found


# What a record's __dict__ holds that no template shows: its state, its prefetched rows (taken
# below, one by one), and the Django version an unpickled record carries (a record read back
# from the results cache has the same key as the one its query loaded).
NOT_SHOWN = frozenset({"_state", "_prefetched_objects_cache", "_django_version"})


def fingerprint(record: Model, within: tuple = ()) -> tuple:
    """What a template can read of `record` without a query: its model, its loaded fields and
    annotations (everything in its `__dict__`, in the order its query loaded them), the records
    loaded with it and its prefetched relations, each of those the same way. A record met again
    on the way down (a place's mission, set by the prefetch of the mission's places) is named by
    its model and key only."""
    if any(record is outer for outer in within):
        return (record._meta.label_lower, record.pk)
    within = (*within, record)
    parts = [record._meta.label_lower]
    for name, value in record.__dict__.items():
        if name in NOT_SHOWN:
            continue
        if type(value) not in PLAIN:
            value = _value(value, within)
        parts.append((name, value))
    for name, related in record._state.fields_cache.items():
        parts.append((name, _value(related, within)))
    for name, related in getattr(record, "_prefetched_objects_cache", {}).items():
        parts.append((name, tuple(fingerprint(item, within) for item in related)))
    return tuple(parts)


_templates: dict[str, tuple] = {}


def _template(name: str):
    """The card's template and a digest of its source, read once (a changed template gives
    other keys)."""
    found = _templates.get(name)
    if found is None or settings.DEBUG:
        template = get_template(name).template  # Django's own, rendered with a Context
        found = (template, hashlib.blake2b(template.source.encode(), digest_size=8).hexdigest())
        _templates[name] = found
    return found


# Where the versions of what a fragment shows come from: `source(models)` gives a value that
# changes whenever a record of one of these models changes, or None if it cannot say.
_version_source = None


def register_version_source(source) -> None:
    global _version_source
    _version_source = source


def versioned(name: str, models, build):
    """`build()`, cached per page language and per version of the records of `models` (what
    it shows), as `name` says what it is; built each time when the versions are not known. The
    versions are read before it is built: a change committed meanwhile moves them on, and the
    value stored under the old ones is never read."""
    version = _version_source(tuple(models)) if _version_source is not None else None
    if version is None:
        return build()
    key = f"fragment:{name}:{active_language()}:{version}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, FRAGMENT_SECONDS)
    return found


def sources_digest(names) -> str:
    """A digest of the sources of these templates (each read once): a change to one of them
    gives the fragments written with them other keys."""
    return ":".join(_template(name)[1] for name in names)


def written(name: str, parts, models, build, *, templates=(), kept: bool = True):
    """`build()` (written HTML, or values holding it), kept by `versioned()` under `name`, a
    digest of `parts` (what it is computed from, their repr() in the key) and of the sources
    of the `templates` it writes with (a changed template gives another key); built each time
    when not `kept` (a record the public does not see) or inside a preview."""
    if not kept or in_rolled_back():
        return build()
    sources = sources_digest(templates)
    shown = hashlib.blake2b(repr((parts, sources)).encode(), digest_size=16).hexdigest()
    return versioned(f"{name}:{shown}", models, build)


def render(template_name: str, context: dict) -> str:
    """The HTML of `template_name` (read once) rendered with `context` alone: no request, no
    context processor."""
    return _template(template_name)[0].render(Context(context))


def written_at() -> tuple[str, str]:
    """Where the links a fragment writes lead: the URL configuration and the script prefix
    (part of the key of anything kept that writes a link)."""
    return get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()


# fixed(): what each (template, language, URL configuration, context) wrote, in this process.
_fixed: dict[tuple, str] = {}


def fixed(template_name: str, context: dict | None = None) -> str:
    """The HTML of `template_name` rendered with `context` alone (`render()`), written once per
    process for each language, URL configuration and context: a part of every page that shows
    no record (the footer, the menu), so with nothing to invalidate; what changes it (its
    template, the catalog) comes with a new process. The context's values are part of the key:
    a few, never a record or a visitor's text."""
    context = context or {}
    key = (
        template_name,
        active_language(),
        *written_at(),
        tuple(sorted(context.items())),
    )
    found = _fixed.get(key)
    if found is None or settings.DEBUG:
        found = _fixed[key] = mark_safe(render(template_name, context))
    return found


def section(name: str, parts, models, template_name: str, context, *, kept: bool = True):
    """The HTML of `template_name` rendered with `context()` (called only when it is written: it
    may query), kept by `written()`. The template sees only that context: no request, no
    context processor."""

    def build():
        return render(template_name, context())

    return mark_safe(written(name, parts, models, build, templates=(template_name,), kept=kept))


def card_key(template_name: str, digest: str, record: Model, extra: dict) -> str:
    shown = (
        active_language(),
        *written_at(),
        fingerprint(record),
        tuple(sorted((name, _value(value, ())) for name, value in extra.items())),
    )
    content = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"card:{template_name}:{digest}:{content}"


def cards(records, template_name: str, name: str, **extra) -> list:
    """The HTML of each record's card (`template_name`, seeing the record as `name` and the
    `extra` values), in order: cached ones in one read, the others written and stored."""
    template, digest = _template(template_name)
    records = list(records)
    keys = [card_key(template_name, digest, record, extra) for record in records]
    found = cache.get_many(keys) if keys else {}
    written = {}
    html = []
    context = Context(extra)  # one context for the cards written, each with its record
    for key, record in zip(keys, records, strict=True):
        card = found.get(key)
        if card is None:
            with context.push({name: record}):
                card = written[key] = template.render(context)
        html.append(mark_safe(card))
    if written:
        cache.set_many(written, FRAGMENT_SECONDS)
    return html
