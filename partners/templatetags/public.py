"""Presentation helpers for the public pages (`{% load public %}`).

- `{% translated obj "field" %}`: the field in the page's language; where it has no translation,
  the other language's text inside an element with the right `lang`, and a notice.
- `|money`, `|money_full`, `|number`, `|percent`, `|signed_percent`: figures as each language
  writes them (13,8 G$ / $13.8 billion; 3,1 % / 3.1%).
- `{% query_string key=value %}`: the current query string with one parameter changed.
- `|lines`, `|paragraphs`: multi-line text as lists or paragraphs.
- `|long_date`: a date as `|date:"DATE_FORMAT"` writes it, faster.
- `{% record_cards records "template" "name" as cards %}`: each record's card, cached by what it
  shows (partners/publishing/fragments.py).
"""

import copy
import functools
from decimal import Decimal

from babel import Locale
from babel.numbers import (
    NumberPattern,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
)
from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext, pgettext_lazy

from partners.publishing import fragments
from partners.publishing.language import (
    active_language,
    availability_notice,
    translated_value,
)
from partners.publishing.language import has_text as has_text_in
from partners.publishing.language import text_in as plain_text_in
from partners.publishing.models import date_format

register = template.Library()

BABEL_LOCALES = {"fr": "fr_CA", "en": "en_CA"}
MINUS = "\u2212"


def babel_locale() -> str:
    return BABEL_LOCALES[active_language()]


@register.simple_tag
def translated(obj, field, paragraphs=False, notice=True):
    """`notice=False` for a name inside a sentence or a heading: the other language's text is
    marked with its `lang`, without the notice."""
    current = active_language()
    text, source = translated_value(obj, field, current)
    body = _paragraphs(text) if paragraphs else conditional_escape(text)
    if source == current or not text.strip():
        return body
    tag = "div" if paragraphs else "span"
    if not notice:
        return format_html('<{tag} lang="{lang}">{body}</{tag}>', tag=tag, lang=source, body=body)
    return format_html(
        '<{tag} lang="{lang}">{body}</{tag}> <span class="notice-language">({notice})</span>',
        tag=tag,
        lang=source,
        body=body,
        notice=availability_notice(source),
    )


@register.simple_tag
def record_cards(records, template_name, name, **extra):
    """The HTML of each record's card, written by `template_name` with the record as `name`
    (and `extra`), each one cached by what it shows: `{% for card in cards %}{{ card }}`."""
    return fragments.cards(records, template_name, name, **extra)


@register.simple_tag
def fixed(template_name, **context):
    """A part of every page that shows no record (the footer), written once per process for
    each language and context: fragments.fixed()."""
    return fragments.fixed(template_name, context)


# The main menu's items, by URL name, as includes/site_nav.html names them.
MENU = {
    "home": "home",
    "partners": "partners:list",
    "agreements": "agreements:list",
    "missions": "missions:list",
    "trade": "trade:explorer",
}


@functools.lru_cache(maxsize=32)
def _menu_addresses(language: str, urlconf: str, prefix: str) -> dict[str, str]:
    with translation.override(language):
        return {item: reverse(name, urlconf=urlconf) for item, name in MENU.items()}


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The main menu and the search box: the item of the page's section marked current (the
    home page's at its address only, another's anywhere under its own), written once per
    process for each language and current item (fragments.fixed()), the box with the words
    searched for (the search page's) each time."""
    request = context.get("request")
    path = request.path if request is not None else ""
    addresses = _menu_addresses(active_language(), *fragments.written_at())
    current = tuple(
        item
        for item, address in addresses.items()
        if (path == address if item == "home" else address in path)
    )
    words = context.get("q")
    if words:
        return mark_safe(fragments.render(SITE_NAV, {"current": current, "q": words}))
    return fragments.fixed(SITE_NAV, {"current": current})


SITE_NAV = "includes/site_nav.html"


@register.filter
def in_sentence(partner):
    """The partner's name as a sentence of the page's language writes it ("avec la Chine"); a
    name with no translation, in the other language, marked with its `lang`."""
    text, source = translated_value(partner, "article_name")
    if text and source == active_language():
        return text
    return translated(partner, "name", notice=False)


@register.filter
def has_text(obj, field):
    """Whether a translated field has text in either language: `{% if mission|has_text:"context" %}`."""
    return has_text_in(obj, field)


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
def _locale(language: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[language])


@functools.cache
def _pattern(language: str, kind: str, digits: int, optional: bool = False) -> NumberPattern:
    """The language's CLDR pattern of a kind (decimal, percent, currency), parsed once by Babel,
    with `digits` fraction digits (at most that many, and no trailing zeros, if `optional`)."""
    locale = _locale(language)
    formats = {
        "decimal": locale.decimal_formats[None],
        "percent": locale.percent_formats[None],
        "currency": locale.currency_formats["standard"],
    }
    pattern = copy.copy(formats[kind])
    pattern.frac_prec = (0 if optional else digits, digits)
    return pattern


@functools.cache
def _writer(language: str, kind: str, digits: int, optional: bool = False):
    """A function writing a Decimal as `_pattern(...)` and Babel's `NumberPattern.apply` do
    (currency CAD, the pattern's own fraction digits, Latin digits), with what `apply` looks up
    in the locale's data on every call (the group and decimal symbols, the affixes with the
    currency's symbol, the rounding quantum) looked up once. Babel's `apply` itself where the
    pattern is not a plain one (scientific, significant digits, a currency's plural name, quoted
    text); tests/partners/test_number_formats.py holds the two to the same output."""
    locale = _locale(language)
    pattern = _pattern(language, kind, digits, optional)
    affixes = "".join((*pattern.prefix, *pattern.suffix))
    if pattern.exp_prec or "@" in pattern.pattern or "'" in affixes or "¤¤" in affixes:

        def babel(amount: Decimal) -> str:
            return pattern.apply(amount, locale, currency="CAD", currency_digits=False)

        return babel
    symbol = get_currency_symbol("CAD", locale)
    prefix = tuple(text.replace("¤", symbol) for text in pattern.prefix)
    suffix = tuple(text.replace("¤", symbol) for text in pattern.suffix)
    group = get_group_symbol(locale, numbering_system="latn")
    decimal_symbol = get_decimal_symbol(locale, numbering_system="latn")
    first, then = pattern.grouping
    minimum_int = pattern.int_prec[0]
    minimum_frac, maximum_frac = pattern.frac_prec
    quantum = Decimal(1).scaleb(-maximum_frac)
    scale = pattern.scale

    def write(amount: Decimal) -> str:
        value = amount.scaleb(scale)
        negative = int(value.is_signed())
        value = abs(value).normalize()
        if value.is_infinite():
            return pattern.apply(amount, locale, currency="CAD", currency_digits=False)
        whole, _dot, fraction = f"{value.quantize(quantum):f}".partition(".")
        if len(whole) < minimum_int:
            whole = "0" * (minimum_int - len(whole)) + whole
        grouped, size = "", first
        while len(whole) > size:
            grouped = group + whole[-size:] + grouped
            whole = whole[:-size]
            size = then
        fraction = fraction or "0"
        if len(fraction) < minimum_frac:
            fraction += "0" * (minimum_frac - len(fraction))
        if maximum_frac == 0 or (minimum_frac == 0 and int(fraction) == 0):
            fraction = ""
        else:
            while len(fraction) > minimum_frac and fraction[-1] == "0":
                fraction = fraction[:-1]
            fraction = decimal_symbol + fraction
        return prefix[negative] + whole + grouped + fraction + suffix[negative]

    return write


def _format(
    amount: Decimal, digits: int = 0, *, kind: str = "decimal", optional_digits: bool = False
) -> str:
    """`amount` grouped and rounded (half to even) as the page's language writes it, by the
    language's CLDR pattern of that kind."""
    text = _writer(active_language(), kind, digits, optional_digits)(amount)
    # A real minus sign (U+2212), not the hyphen CLDR gives both languages.
    return text.replace("-", MINUS)


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


# Scales of compact amounts: (scale, how an amount of that scale reads, from the catalogs).
MONEY_SCALES = [
    (Decimal(10) ** 9, pgettext_lazy("compact money", "$%(amount)s billion")),
    (Decimal(10) ** 6, pgettext_lazy("compact money", "$%(amount)s million")),
]


@register.filter
def money(value, digits=1):
    """Compact dollars, always to one decimal, so that a table or a chart reads at one
    precision: 13,8 G$ / $13.8 billion; 3,0 G$ / $3.0 billion; 429,0 M$ / $429.0 million."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    for scale, wording in MONEY_SCALES:
        if abs(amount) >= scale:
            shown = _format(abs(amount) / scale, int(digits))
            sign = MINUS if amount < 0 else ""
            return sign + wording % {"amount": shown}
    return money_full(value)


@register.filter
def estimated(text, derived):
    """A formatted figure marked as estimated where it is `derived` (computed from a share or a
    growth rate, not reported): `{{ row.exports|money|estimated:row.exports_derived }}`,
    "≈ 2,7 G$"."""
    if not derived or text == "—":
        return text
    return pgettext("estimated figure", "≈ %(figure)s") % {"figure": text}


@register.filter
def money_full(value):
    """Whole dollars: 3 000 000 000 $ / $3,000,000,000."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    return _format(amount, kind="currency")


@register.filter
def percent(value, digits=1):
    """A fraction as a percentage: 0.031 -> 3,1 % / 3.1%."""
    fraction = _decimal(value)
    if fraction is None:
        return "—"
    return _format(fraction, int(digits), kind="percent")


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


# The trade tables' rows, written here rather than by a template loop: a dossier's table has a
# row a year (27 for China) and seven figures a row, each through two filters, and a template
# resolves every variable and filter of every cell. The same markup and the same filters.
_FIGURE_CELL = '<td class="num">{}</td>'
_YEAR_ROW = '\n      <tr><th scope="row">{}</th>' + _FIGURE_CELL * 7 + "</tr>\n    "
_PARTNER_ROW = (
    '\n        <tr><th scope="row"><a href="{}">{}</a></th><td>{}</td>'
    + _FIGURE_CELL * 5
    + "</tr>\n      "
)


def _money_cell(row, key):
    return estimated(money(row[key]), row[f"{key}_derived"])


def _change_cell(row, key):
    return estimated(signed_percent(row[key]), row[f"{key}_derived"])


@register.simple_tag
def trade_year_rows(rows):
    """The rows of a dossier's trade table (partners/partner_detail.html): the year, exports,
    imports, total, balance, and the changes of exports, imports and total."""
    return format_html_join(
        "",
        _YEAR_ROW,
        (
            (
                row["year"],
                *(_money_cell(row, key) for key in ("exports", "imports", "total", "balance")),
                *(_change_cell(row, key) for key in ("exports_change", "imports_change", "change")),
            )
            for row in rows
        ),
    )


@register.simple_tag
def trade_partner_rows(rows):
    """The rows of the explorer's table (trade/explorer.html): the partner and its page, the
    year, exports, imports, total, balance and the change of the total."""
    return format_html_join(
        "",
        _PARTNER_ROW,
        (
            (
                row["partner"].get_absolute_url(),
                translated(row["partner"], "name"),
                row["year"],
                *(_money_cell(row, key) for key in ("exports", "imports", "total", "balance")),
                _change_cell(row, "change"),
            )
            for row in rows
        ),
    )
