"""One search box over partners, agreements and missions, in the page's language, ranked.

Each record type says which fields it is found by (`search_fields`, title first); the matching
itself is the publication core's (partners/publishing/search.py).
PostgreSQL ranks by the stored documents (title weighted above the rest); SQLite puts a title
match first.

What a search finds is kept in the cache by the versions the search page holds (the site's, the
agreements', missions', partners' and sectors' topics: partners/publishing/results.py) in two
results: the ranking of a query's words (which records, in order: small) and, for each page of
it, the hits shown, written (their kind, link, title and excerpt: search/includes/hits.html). A
page missed for another reason than an edit (expired, evicted, another visitor's stray
parameter) is built from them without a query, no record read back nor link written; an edit of
a record moves a topic's version, and the next search ranks again.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page
from django.db import connection
from django.db.models import Case, CharField, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Lower
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner
from partners.publishing import fragments
from partners.publishing.language import active_language
from partners.publishing.results import cached_results
from partners.publishing.search import (
    CONFIGS,
    MAX_QUERY,
    START,
    STOP,
    Document,
    Unaccent,
    body_text,
    clean_words,
    haystack,
    highlight,
    plain_excerpt,
    unaccent_text,
)
from partners.publishing.views import ForgivingPaginator

PER_KIND = 100
PER_PAGE = 20

# (model, kind): every record type the search box finds; its fields come from the model.
SEARCHED = [
    (model, kind, model.search_fields[0], list(model.search_fields))
    for model, kind in ((Partner, "partner"), (Agreement, "agreement"), (Mission, "mission"))
]


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
        _shown_records(model, title)
        .alias(search_document=Document(language))
        .filter(search_document=query)
        .annotate(rank=SearchRank(Document(language), query))
        .order_by("-rank", "pk")[:PER_KIND]
    )
    return [_hit(r, kind, float(r.rank), fields, language) for r in queryset]


def _shown_records(model, title: str):
    """The published records of a kind, with what a hit shows of them: on PostgreSQL their link
    and title; on SQLite every field (the plain excerpt is cut from their text)."""
    records = model.objects.published()
    if connection.vendor != "postgresql":
        return records
    return records.only("slug", *(f"{title}_{code}" for code in CONFIGS))


def _hit(record, kind: str, rank: float, fields: list[str], language: str) -> Hit:
    body = "" if connection.vendor == "postgresql" else _body(record, fields, language)
    return Hit(record, kind, rank, body)


def _body(record, fields: list[str], language: str) -> str:
    """The record's text after its title (the plain excerpt is cut from it)."""
    parts = [getattr(record, f"{name}_{language}", None) or "" for name in fields[1:] or fields]
    return "\n".join(part for part in parts if part)


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


def _sqlite(model, kind, title, fields, words, language):
    terms = [unaccent_text(word) for word in words.split()][:10]
    title_text = Lower(
        Unaccent(Coalesce(F(f"{title}_{language}"), Value(""), output_field=TextField()))
    )
    queryset = _shown_records(model, title).annotate(
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
    return [_hit(r, kind, float(r.rank), fields, language) for r in queryset]


def search(words: str, language: str) -> list[Hit]:
    words = clean_words(words)
    if not words:
        return []
    engine = _postgres if connection.vendor == "postgresql" else _sqlite
    hits = []
    for model, kind, title, fields in SEARCHED:
        hits += engine(model, kind, title, fields, words, language)
    return sorted(hits, key=lambda hit: -hit.rank)


def shown_hits(ranked: list[tuple[str, int, float]], language: str) -> list[Hit]:
    """The hits of these (kind, pk, rank), in their order, their records read as search() reads
    them (a query a kind among them), without their excerpts."""
    records = {}
    for model, kind, title, _fields in SEARCHED:
        ids = [pk for hit_kind, pk, _rank in ranked if hit_kind == kind]
        if ids:
            records.update(
                ((kind, r.pk), r) for r in _shown_records(model, title).filter(pk__in=ids)
            )
    fields = {kind: fields for _model, kind, _title, fields in SEARCHED}
    return [
        _hit(records[(kind, pk)], kind, rank, fields[kind], language)
        for kind, pk, rank in ranked
        if (kind, pk) in records
    ]


# The hits of a page, written from their own template (kept: SearchView.written_hits()).
HITS = "search/includes/hits.html"

# The record each kind of hit is, as the page cache names records.
LABELS = {kind: model._meta.label_lower for model, kind, _title, _fields in SEARCHED}


class SearchView(TemplateView):
    template_name = "search/results.html"

    @classmethod
    def cache_parameters(cls) -> set[str]:
        return {"q", "page"}  # what the page reads; the page cache keys on these (config/cache.py)

    def results(self) -> tuple[list[tuple[str, int, float]], Page]:
        """The ranking, as (kind, pk, rank) of every hit in order, and the page of it shown.
        Ranked once a request (the page cache reads it first, content_fingerprint(), and a page
        it must build uses it) and kept by the search page's versions, per language and words."""
        found = getattr(self.request, "_search_results", None)
        if found is None:
            words = clean_words(self.request.GET.get("q", ""))
            computed = {}  # the hits ranked by this request, records read: for its page

            def rank():
                hits = search(words, active_language())
                computed.update(((hit.kind, hit.record.pk), hit) for hit in hits)
                return [(hit.kind, hit.record.pk, hit.rank) for hit in hits]

            ranked = cached_results("search", (words,), rank, page="search") if words else []
            paginator = ForgivingPaginator(ranked, PER_PAGE)
            page = paginator.page(paginator.validate_number(self.request.GET.get("page") or 1))
            found = self.request._search_results = (ranked, page, computed)
        return found[:2]

    def written_hits(self) -> str:
        """The HTML of the hits on the page shown (their kind, link, title and excerpt), kept by
        the search page's versions, per language, words, the records on it (those of the
        ranking it was read from), the template's source and the URL configuration: a page
        read back unpickles no record and writes no link."""
        self.results()
        _ranked, page, computed = self.request._search_results
        words = clean_words(self.request.GET.get("q", ""))
        if not words:  # no search: the page shows no hits, and keeps none
            return ""
        shown = tuple(page.object_list)
        language = active_language()

        def write():
            if all((kind, pk) in computed for kind, pk, _rank in shown):
                hits = [computed[(kind, pk)] for kind, pk, _rank in shown]
            else:  # the ranking was read back: only this page's records are read
                hits = shown_hits(list(shown), language)
            return fragments.render(HITS, {"hits": add_excerpts(hits, words, language)})

        parts = (
            words,
            shown,
            fragments.sources_digest((HITS,)),
            *fragments.written_at(),
        )
        return mark_safe(cached_results("search-hits", parts, write, page="search"))

    def content_fingerprint(self) -> tuple[str, list[tuple[str, int]]]:
        """What the page shows of the records, for the page cache (config/cache.py): how many
        match, the page, and, as (label, pk), the hits on it in their order. The excerpts and
        titles are the hits' own: an edit to any other record that leaves the ranking as it was
        leaves the page as it was."""
        hits, page = self.results()
        shown = [(LABELS[kind], pk) for kind, pk, _rank in page.object_list]
        return f"{len(hits)}|{page.number}|{shown}", shown

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        hits, page = self.results()
        context.update(
            q=clean_words(raw),
            too_long=len(" ".join(raw.split())) > MAX_QUERY,
            page_obj=page,
            hits=self.written_hits(),
            result_count=len(hits),
        )
        return context
