"""The page's language, resolved in one place.

Every piece of code that needs the active language asks `active_language()`; every translated
value is read through `translated_value()` (the page's language, else the other one, with the
language it came in). Templates use the `{% translated %}` tag and the `has_text` filter built on
it and never branch on the language themselves. Every list, select and sub-list orders by
`localized(field)`, in the page's language with its collation; what Python sorts itself (a list
of labels) sorts by `sort_key()`, the same order.
"""

import functools

import pyuca
from django.conf import settings
from django.core.signals import setting_changed
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Coalesce, Collate, NullIf
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
OTHER = {"fr": "en", "en": "fr"}


def active_language() -> str:
    """The language of the page being built ("fr" or "en"); French outside a request."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in OTHER else settings.LANGUAGE_CODE[:2]


def other_language(language: str | None = None) -> str:
    return OTHER[language or active_language()]


def translated_value(obj, field: str, current: str | None = None) -> tuple[str, str]:
    """(text, language of the text): the page's language (`current`), else the other one."""
    current = current or active_language()
    text = getattr(obj, f"{field}_{current}", None) or ""
    if text.strip():
        return text, current
    other = other_language(current)
    return (getattr(obj, f"{field}_{other}", None) or ""), other


class InLanguage(str):
    """A text and the language it is written in, for a label shown where no element of a
    template can carry its `lang` (a select's option: widgets.Select writes it)."""

    def __new__(cls, text: str, lang: str):
        text = super().__new__(cls, text)
        text.lang = lang
        return text

    def __getnewargs__(self):  # copied with the form's fields
        return (str(self), self.lang)


def name_language(record) -> str | None:
    """The language a record's name is shown in, where it is not the page's (no translation)."""
    if not hasattr(record, "name_fr"):
        return None
    language = translated_value(record, "name")[1]
    return language if language != active_language() else None


def label_language(label, value=None) -> str | None:
    """The language of an option's label, where it is not the page's: an `InLanguage` label's,
    or that of the name of the record a model choice stands for (its value's `instance`)."""
    language = getattr(label, "lang", None)
    if language is None and getattr(value, "instance", None) is not None:
        return name_language(value.instance)
    return language if language and language != active_language() else None


class MarkedText(str):
    """A text whose HTML marks a part of it with its language: a template writes `__html__()`
    ("Partner: <span lang="fr">Chine</span>"); as a string (a title, a feed) it is the text."""

    def __new__(cls, text: str, html: str):
        marked = super().__new__(cls, text)
        marked.html = html
        return marked

    def __html__(self):
        return self.html

    def __getnewargs__(self):
        return (str(self), self.html)


def is_translated(model, field: str) -> bool:
    """Whether `field` of `model` has a column per language (its translation options list it)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return field in translator.get_options_for_model(model).fields
    except NotRegistered:
        return False


def find_by_slug(queryset, slug: str):
    """The record whose address in the page's language is `slug`, else the one whose address in
    the other language is (a link written in that language, or before the record had a slug per
    language): `(record, its slug in the page's language)`. The page's language is read first,
    so a slug that names one record in French and another in English finds the page's record.
    Raises the queryset's DoesNotExist if neither does."""
    record = _first_by_slug(queryset, slug)
    return record, translated_value(record, "slug", active_language())[0]


def key_by_slug(queryset, slug: str):
    """The key (pk) of the record `find_by_slug(queryset, slug)` finds, read alone: one small
    query (two for a slug in the other language), with none of the queryset's prefetches.
    Raises the queryset's DoesNotExist if there is none."""
    return _first_by_slug(queryset.prefetch_related(None).values_list("pk", flat=True), slug)


def _first_by_slug(queryset, slug: str):
    """The first row whose slug in the page's language, else in the other one, is `slug`."""
    current = active_language()
    for code in (current, other_language(current)):
        found = queryset.filter(**{f"slug_{code}": slug}).first()
        if found is not None:
            return found
    raise queryset.model.DoesNotExist


def slugs_of(record) -> dict[str, str]:
    """{language: the record's slug in it} (the other language's where it has none): what the
    language switcher and the hreflang alternates put in the record's address."""
    return {code: translated_value(record, "slug", code)[0] for code in LANGUAGES}


def text_in(obj, field: str) -> str:
    """The plain text of a translated field (for attributes, titles, feeds), with fallback."""
    return translated_value(obj, field)[0]


def has_text(obj, field: str) -> bool:
    """Whether a translated field has text in either language."""
    return any((getattr(obj, f"{field}_{code}", None) or "").strip() for code in OTHER)


def labelled(label, value) -> str:
    """A label and its value as the page's language writes them: "Partenaire : Chine" with the
    no-break space French puts before a colon, "Partner: China" in English."""
    return pgettext("label and value", "%(label)s: %(value)s") % {"label": label, "value": value}


def availability_notice(source_language: str) -> str:
    """What a page says of a text shown in the other language."""
    if source_language == "en":
        return _("Content available in English only")
    return _("Content available in French only")


# The collation each language sorts by, the same on both databases: on PostgreSQL the ICU
# collations that partners/migrations/0005_collations.py creates (French as Québec writes it,
# fr-CA: accents compared from the end of the word, "côte" before "coté"; English, en-CA); on
# SQLite Python collations of the same names (register_sqlite_collations()), from the Unicode
# Collation Algorithm. "État" sorts with "E", English names in English order.
COLLATIONS = {"fr": "ministry_fr", "en": "ministry_en"}
ICU_LOCALES = {"fr": "fr-CA", "en": "en-CA"}


def localized(field: str, language: str | None = None):
    """The translated column `field` in the page's language (the other language's where it has
    no translation, as the page shows it), with that language's collation: what every list,
    select and sub-list orders by (`order_by(localized("name"), "pk")`)."""
    language = language or active_language()
    shown = Coalesce(
        NullIf(F(f"{field}_{language}"), Value("")),
        F(f"{field}_{other_language(language)}"),
        output_field=CharField(),
    )
    return Collate(shown, COLLATIONS[language])


def localized_choice(field: str, choices, language: str | None = None):
    """A choice field ordered by its labels (`choices`: [(value, label)]) as the page's
    language names them, with that language's collation, not by the stored codes."""
    language = language or active_language()
    with translation.override(language):
        labels = [When(**{field: value}, then=Value(str(label))) for value, label in choices]
    return Collate(Case(*labels, default=Value(""), output_field=CharField()), COLLATIONS[language])


_collator = pyuca.Collator()


def sort_key(text: str, language: str | None = None) -> tuple:
    """How `text` sorts in `language` (the page's by default), as its collation sorts it: the
    Unicode Collation Algorithm's key (letters first, then accents, then case), the accents read
    from the end of the word in French (ICU's fr-CA), and the text itself last so that no two
    texts tie. For sorting in Python what the database does not (`sorted(names, key=sort_key)`).
    """
    return _sort_key(text, language or active_language())


@functools.lru_cache(maxsize=16384)
def _sort_key(text: str, language: str) -> tuple:
    key = _collator.sort_key(text)
    if language == "fr":
        # The key is primary weights, 0, secondary (accent) weights, 0, tertiary weights.
        first = key.index(0)
        second = key.index(0, first + 1)
        key = (*key[: first + 1], *reversed(key[first + 1 : second]), *key[second:])
    return (key, text)


def _comparison(language: str):
    def compare(left: str, right: str) -> int:
        left_key, right_key = sort_key(left, language), sort_key(right, language)
        return (left_key > right_key) - (left_key < right_key)

    return compare


def register_sqlite_collations(sender, connection, **kwargs):
    """connection_created receiver: the COLLATIONS on each new SQLite connection."""
    if connection.vendor != "sqlite":
        return
    for language, name in COLLATIONS.items():
        connection.connection.create_collation(name, _comparison(language))


# The request's language, as Django's LocaleMiddleware finds it (config/middleware.py), its
# answers kept: they hang only on the path's prefix, the language cookie and Accept-Language
# (and on the settings, which change only in tests). Django's own functions give each answer the
# first time; a value no link makes (thousands of prefixes or headers) empties a store, never
# grows it past KEPT_ANSWERS.
KEPT_ANSWERS = 1000
_from_path: dict[str, str | None] = {}
_from_visitor: dict[tuple[str | None, str], str] = {}
_activated: dict[str, str] = {}


def language_from_path(path: str) -> str | None:
    """Django's `get_language_from_path(path)`: the language the path's prefix names, or None.
    It reads the path up to its second slash only, and is kept by that prefix."""
    end = path.find("/", 1) + 1
    prefix = path[:end] if end else path
    language = _from_path.get(prefix, "")
    if language == "":
        if len(_from_path) >= KEPT_ANSWERS:
            _from_path.clear()
        language = _from_path[prefix] = translation.get_language_from_path(prefix)
    return language


def visitor_language(request, cookie_name: str) -> str:
    """Django's `get_language_from_request(request)` without the path: the language cookie, then
    the browser's Accept-Language, then LANGUAGE_CODE; kept by the cookie and the header."""
    key = (request.COOKIES.get(cookie_name), request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    language = _from_visitor.get(key)
    if language is None:
        if len(_from_visitor) >= KEPT_ANSWERS:
            _from_visitor.clear()
        language = _from_visitor[key] = translation.get_language_from_request(request)
    return language


def activate(language: str) -> str:
    """Django's `translation.activate(language)`, then the code Django says is active (what
    LocaleMiddleware puts in `request.LANGUAGE_CODE`), kept by language."""
    translation.activate(language)
    code = _activated.get(language)
    if code is None:
        code = _activated[language] = get_language()
    return code


def response_language() -> str | None:
    """The code Django says is active as a response leaves (its Content-Language): the page's
    language, or any a view activated. Code that builds a page asks `active_language()`."""
    return get_language()


@receiver(setting_changed)
def _forget_request_languages(*, setting, **kwargs):
    if setting in {
        "LANGUAGES",
        "LANGUAGE_CODE",
        "LANGUAGE_COOKIE_NAME",
        "LOCALE_PATHS",
        "USE_I18N",
    }:
        _from_path.clear()
        _from_visitor.clear()
        _activated.clear()


# modeltranslation's managers give each queryset a subclass of its model's queryset class with
# MultilingualQuerySet (its `multilingual_queryset_factory`), made anew for every queryset, and
# for every one unpickled (a record read back from the results cache with its prefetched rows:
# twenty on a list's page), each a class to build and, once dropped, to collect. The subclass
# has no body of its own: one per queryset class gives the same querysets.
_multilingual_classes: dict[type, type] = {}
_made_by_modeltranslation = None


def multilingual_queryset_factory(old_cls, instantiate=True):
    """modeltranslation's factory, each class made once (share_multilingual_queryset_classes());
    module-level, so that a queryset pickled names it."""
    made = _multilingual_classes.get(old_cls)
    if made is None:
        made = _multilingual_classes[old_cls] = _made_by_modeltranslation(
            old_cls, instantiate=False
        )
    return made() if instantiate else made


def share_multilingual_queryset_classes() -> None:
    """Make modeltranslation's managers (and its querysets' __reduce__) use the factory above."""
    global _made_by_modeltranslation
    from modeltranslation import manager

    if manager.multilingual_queryset_factory is not multilingual_queryset_factory:
        _made_by_modeltranslation = manager.multilingual_queryset_factory
        manager.multilingual_queryset_factory = multilingual_queryset_factory
