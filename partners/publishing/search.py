"""One search box over partners, agreements and missions, in the page's language, ranked.

PostgreSQL: full-text search with the `fr_unaccent` and `en_unaccent` configurations (French and
English stemming, accents ignored: `sante` finds `santé`, `Quebec` finds `Québec`) over a stored
document per record and language, title weighted above the rest, with a GIN index
(agreements/migrations/0005_search_documents.py).
SQLite: every word must appear, accents and case ignored; a title match ranks first.
"""

import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, CharField, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.expressions import Col, Expression
from django.db.models.functions import Coalesce, Concat, Lower
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import TemplateView

from agreements.models import Agreement
from missions.models import Mission
from partners.listing import ForgivingPaginator
from partners.models import Partner

MAX_QUERY = 200
PER_KIND = 100
CONFIGS = {"fr": "fr_unaccent", "en": "en_unaccent"}

# (model, kind label key, title field, body fields): the stored documents hold the same text.
SEARCHED = [
    (Partner, "partner", "name", ["name", "overview"]),
    (Agreement, "agreement", "title", ["title", "summary"]),
    (Mission, "mission", "title", ["title", "summary", "context", "objectives", "results"]),
]


class Document(Expression):
    """The record's stored search document in a language: the generated column `search_fr` or
    `search_en` that agreements/migrations/0005_search_documents.py adds on PostgreSQL (title
    weighted A, the rest B), under whatever alias the query gives the record's table."""

    def __init__(self, language: str):
        super().__init__(output_field=SearchVectorField())
        self.language = language

    def resolve_expression(self, query=None, *args, **kwargs):
        column = SearchVectorField()
        column.set_attributes_from_name(f"search_{self.language}")
        column.model = query.model
        return Col(query.get_initial_alias(), column, self.output_field)


def unaccent_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass
class Hit:
    record: object
    kind: str
    rank: float
    excerpt: str


def _postgres(model, kind, title, fields, words, language):
    query = SearchQuery(words, search_type="websearch", config=CONFIGS[language])
    # Only what a result shows of its record (its link and title): every match is ranked and
    # sorted, thousands for a common word, and the excerpts come afterwards, for the page shown
    # (add_excerpts()).
    queryset = (
        model.objects.published()
        .only("slug", *(f"{title}_{code}" for code in CONFIGS))
        .alias(search_document=Document(language))
        .filter(search_document=query)
        .annotate(rank=SearchRank(Document(language), query))
        .order_by("-rank", "pk")[:PER_KIND]
    )
    return [Hit(r, kind, float(r.rank), "") for r in queryset]


def _body(record, fields: list[str], language: str) -> str:
    """The record's text after its title (the plain excerpt is cut from it)."""
    parts = [getattr(record, f"{name}_{language}", None) or "" for name in fields[1:] or fields]
    return "\n".join(part for part in parts if part)


# ts_headline marks the words with these (private-use) characters; the text is escaped, then
# they become <mark>, so that nothing else in a record's text can turn into markup.
START, STOP = "\ue000", "\ue001"


def highlight(text: str) -> str:
    """Escaped text with the marked words in <mark>."""
    escaped = str(escape(text))
    if escaped.count(START) != escaped.count(STOP):
        return mark_safe(escaped.replace(START, "").replace(STOP, ""))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))


def plain_excerpt(text: str, words: str, size: int = 240) -> str:
    """Some {size} characters of the text around the first word searched for, escaped."""
    text = " ".join((text or "").split())
    folded = unaccent_text(text)
    positions = [folded.find(unaccent_text(word)) for word in words.split()]
    found = [position for position in positions if position >= 0]
    start = 0
    if found and len(folded) == len(text):
        start = max(0, min(found) - size // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    excerpt = text[start : start + size]
    if start + size < len(text):
        excerpt = excerpt[: excerpt.rfind(" ")] if " " in excerpt else excerpt
    prefix = "… " if start else ""
    suffix = " …" if start + size < len(text) else ""
    return escape(prefix + excerpt + suffix)


def body_text(fields: list[str], language: str):
    """The record's text fields after its title, one after the other."""
    columns = [
        Coalesce(F(f"{name}_{language}"), Value(""), output_field=TextField())
        for name in fields[1:] or fields
    ]
    if len(columns) == 1:
        return columns[0]
    spaced = [part for column in columns for part in (column, Value(" \n"))][:-1]
    return Concat(*spaced, output_field=TextField())


def add_excerpts(hits: list[Hit], words: str, language: str) -> list[Hit]:
    """An excerpt of each hit shown: on PostgreSQL, the passage with the words highlighted
    (ts_headline is costly: only for the hits shown); on SQLite, a plain passage."""
    if connection.vendor != "postgresql" or not hits:
        for hit in hits:
            hit.excerpt = plain_excerpt(hit.excerpt, words)
        return hits
    config = CONFIGS[language]
    query = SearchQuery(words, search_type="websearch", config=config)
    # One query whatever the kinds on the page: a UNION ALL of one part a record type, each
    # unordered (the hits keep their order).
    parts = [
        model.objects.filter(pk__in=[hit.record.pk for hit in hits if hit.kind == kind])
        .order_by()
        .annotate(
            record_type=Value(kind, output_field=CharField()),
            excerpt=SearchHeadline(
                body_text(fields, language),
                query,
                config=config,
                max_words=25,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                start_sel=START,
                stop_sel=STOP,
            ),
        )
        .values_list("record_type", "pk", "excerpt")
        for model, kind, _title, fields in SEARCHED
    ]
    by_record = {(hit.kind, hit.record.pk): hit for hit in hits}
    for kind, pk, excerpt in parts[0].union(*parts[1:], all=True):
        by_record[(kind, pk)].excerpt = highlight(excerpt)
    return hits


def matching(queryset, words: str, language: str):
    """The records of the queryset whose text holds the words, as the search box finds them
    (a list's text filter): full text on PostgreSQL, every word on SQLite, accents ignored."""
    words = clean_words(words)
    if not words:
        return queryset
    fields = next(fields for model, _k, _t, fields in SEARCHED if model is queryset.model)
    if connection.vendor == "postgresql":
        query = SearchQuery(words, search_type="websearch", config=CONFIGS[language])
        return queryset.alias(search_document=Document(language)).filter(search_document=query)
    queryset = queryset.alias(haystack=haystack(fields, language))
    for term in [unaccent_text(word) for word in words.split()][:10]:
        queryset = queryset.filter(haystack__contains=term)
    return queryset


def haystack(fields: list[str], language: str):
    """SQLite: the fields' text, lower case and without accents."""
    columns = [
        Coalesce(F(f"{name}_{language}"), Value(""), output_field=TextField()) for name in fields
    ]
    spaced = [part for column in columns for part in (column, Value(" "))]
    return Lower(Unaccent(Concat(*spaced, output_field=TextField())))


def _sqlite(model, kind, title, fields, words, language):
    terms = [unaccent_text(word) for word in words.split()][:10]
    title_text = Lower(
        Unaccent(Coalesce(F(f"{title}_{language}"), Value(""), output_field=TextField()))
    )
    queryset = model.objects.published().annotate(
        haystack=haystack(fields, language), title_text=title_text
    )
    for term in terms:
        queryset = queryset.filter(haystack__contains=term)
    title_all = Q()
    for term in terms:
        title_all &= Q(title_text__contains=term)
    queryset = queryset.annotate(
        rank=Case(When(title_all, then=Value(2.0)), default=Value(1.0), output_field=FloatField())
    ).order_by("-rank", "pk")[:PER_KIND]
    return [Hit(r, kind, float(r.rank), _body(r, fields, language)) for r in queryset]


class Unaccent(Func):
    """unaccent(): PostgreSQL's extension, or the Python function registered on SQLite."""

    function = "unaccent"
    arity = 1


def clean_words(words: str) -> str:
    """The words searched for: control characters (NUL…) dropped, spaces collapsed, at most
    MAX_QUERY characters."""
    printable = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in words or "")
    return " ".join(printable.split())[:MAX_QUERY]


def search(words: str, language: str) -> list[Hit]:
    words = clean_words(words)
    if not words:
        return []
    engine = _postgres if connection.vendor == "postgresql" else _sqlite
    hits = []
    for model, kind, title, fields in SEARCHED:
        hits += engine(model, kind, title, fields, words, language)
    return sorted(hits, key=lambda hit: -hit.rank)


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        language = (get_language() or "fr")[:2]
        hits = search(raw, language)
        paginator = ForgivingPaginator(hits, 20)
        page = paginator.page(paginator.validate_number(self.request.GET.get("page") or 1))
        add_excerpts(list(page.object_list), clean_words(raw), language)
        context.update(
            q=clean_words(raw),
            too_long=len(" ".join(raw.split())) > MAX_QUERY,
            page_obj=page,
            result_count=len(hits),
        )
        return context


def register_sqlite_unaccent(sender, connection, **kwargs):
    """Give SQLite the unaccent() that PostgreSQL has, for the simpler search."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, unaccent_text, deterministic=True)
