"""Presentation helpers for the public pages (`{% load public %}`).

- `{% translated obj "field" %}`: the field in the page's language; where it has no translation,
  the other language's text inside an element with the right `lang`, and a notice.
- `|money`, `|money_full`, `|number`, `|percent`, `|signed_percent`: figures as each language
  writes them (13,8 G$ / $13.8 billion; 3,1 % / 3.1%).
- `{% query_string key=value %}`: the current query string with one parameter changed.
- `|lines`, `|paragraphs`: multi-line text as lists or paragraphs.
- `|long_date`: a date as `|date:"DATE_FORMAT"` writes it, faster.
"""

import functools
from decimal import Decimal

from babel import Locale
from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext_lazy

from partners.publishing.language import (
    active_language,
    availability_notice,
    translated_value,
)
from partners.publishing.language import text_in as plain_text_in
from partners.publishing.models import date_format

register = template.Library()

BABEL_LOCALES = {"fr": "fr_CA", "en": "en_CA"}


def babel_locale() -> str:
    return BABEL_LOCALES[active_language()]


@register.simple_tag
def translated(obj, field, paragraphs=False):
    current = active_language()
    text, source = translated_value(obj, field, current)
    body = _paragraphs(text) if paragraphs else conditional_escape(text)
    if source == current or not text.strip():
        return body
    tag = "div" if paragraphs else "span"
    return format_html(
        '<{tag} lang="{lang}">{body}</{tag}> <span class="notice-language">({notice})</span>',
        tag=tag,
        lang=source,
        body=body,
        notice=availability_notice(source),
    )


@register.simple_tag
def text_in(obj, field):
    """The plain text of a translated field (for attributes and titles), with fallback."""
    return plain_text_in(obj, field)


def _paragraphs(text: str):
    parts = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return format_html_join("\n", "<p>{}</p>", ((part,) for part in parts))


@register.filter(expects_localtime=True)
def long_date(value):
    """`|date:"DATE_FORMAT"` for a date, formatted the same way without reparsing the format and
    translating the month name each time (a list shows two dates a row)."""
    if value in (None, ""):
        return ""
    return date_format(value, "DATE_FORMAT")


@register.filter
def paragraphs(text):
    return _paragraphs(text)


@register.filter
def lines(text):
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


@functools.cache
def _symbols(locale: str) -> dict[int, str]:
    """Python's grouping and decimal marks, mapped to the locale's (from CLDR, through Babel)."""
    symbols = Locale.parse(locale).number_symbols
    symbols = symbols.get("latn", symbols)
    return {
        ord(","): symbols["group"],
        ord("."): symbols["decimal"],
        ord("-"): symbols["minusSign"],
    }


def _format(amount: Decimal, digits: int = 0, *, optional_digits: bool = False) -> str:
    """`amount` grouped and rounded (half to even) as the page's language writes numbers.

    Babel's own formatter parses its pattern on every call, several times slower than this for
    the hundreds of figures of a trade table; the symbols are Babel's all the same.
    """
    text = f"{amount:,.{digits}f}"
    if optional_digits and digits:
        text = text.rstrip("0").rstrip(".")
    return text.translate(_symbols(babel_locale()))


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(value)
    except (ArithmeticError, ValueError, TypeError):
        return None


@register.filter
def number(value, digits=0):
    amount = _decimal(value)
    if amount is None:
        return "—"
    return _format(amount, int(digits))


# Scales of compact amounts: (scale, French unit, English word, translated when shown).
MONEY_SCALES = [
    (Decimal(10) ** 9, "G$", gettext_lazy("billion")),
    (Decimal(10) ** 6, "M$", gettext_lazy("million")),
]


@register.filter
def money(value):
    """Compact dollars: 13,8 G$ / $13.8 billion; 429 M$ / $429 million."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    for scale, french_unit, english_word in MONEY_SCALES:
        if amount >= scale:
            scaled = amount / scale
            shown = _format(scaled, 1 if scaled < 100 else 0, optional_digits=True)
            if active_language() == "fr":
                return f"{sign}{shown}\u00a0{french_unit}"
            return f"{sign}${shown} {english_word}"
    return money_full(value)


@register.filter
def money_full(value):
    """Whole dollars: 3 000 000 000 $ / $3,000,000,000."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    shown = _format(abs(amount))
    sign = "-" if amount < 0 else ""
    if active_language() == "fr":
        return f"{sign}{shown}\u00a0$"
    return f"{sign}${shown}"


@register.filter
def percent(value, digits=1):
    """A fraction as a percentage: 0.031 -> 3,1 % / 3.1%."""
    fraction = _decimal(value)
    if fraction is None:
        return "—"
    shown = _format(fraction * 100, int(digits))
    return f"{shown}\u00a0%" if active_language() == "fr" else f"{shown}%"


@register.filter
def signed_percent(value, digits=1):
    fraction = _decimal(value)
    if fraction is None:
        return "—"
    text = percent(fraction, digits)
    return f"+{text}" if fraction > 0 else text


@register.simple_tag(takes_context=True)
def query_string(context, **changes):
    """?… with the current parameters, some changed or removed (value None or ""); page reset."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode() if params else ""
    return "?" + encoded if encoded else "?"


@register.simple_tag(takes_context=True)
def without(context, key, value=None):
    """The current query string without one filter value (for removable filter tags)."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [v for v in params.getlist(key) if v != str(value)])
    encoded = params.urlencode()
    return "?" + encoded if encoded else "?"
