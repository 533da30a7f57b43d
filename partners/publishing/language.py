"""The page's language, resolved in one place.

Every piece of code that needs the active language asks `active_language()`; every translated
value is read through `translated_value()` (the page's language, else the other one, with the
language it came in). Templates use the `{% translated %}` tag built on it and never branch on
the language themselves.
"""

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Collate
from django.utils.translation import get_language
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


def text_in(obj, field: str) -> str:
    """The plain text of a translated field (for attributes, titles, feeds), with fallback."""
    return translated_value(obj, field)[0]


def has_text(obj, field: str) -> bool:
    """Whether a translated field has text in either language."""
    return any((getattr(obj, f"{field}_{code}", None) or "").strip() for code in OTHER)


def availability_notice(source_language: str) -> str:
    """What a page says of a text shown in the other language."""
    if source_language == "en":
        return _("Content available in English only")
    return _("Content available in French only")


# The collation each language sorts by: ICU's on PostgreSQL (created by
# partners/migrations/0005_collations.py), a Python collation registered on SQLite's connection
# (register_sqlite_collations()). "État" sorts with "E", English names in English order.
COLLATIONS = {"fr": "fr-x-icu", "en": "en-x-icu"}


def localized(field: str, language: str | None = None):
    """The translated column `field` in the page's language, with that language's collation:
    what every list, select and sub-list orders by (`order_by(localized("name"), "pk")`)."""
    language = language or active_language()
    return Collate(F(f"{field}_{language}"), COLLATIONS[language])
