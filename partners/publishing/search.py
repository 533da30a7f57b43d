"""Text search in the page's language, shared by every public record: the search box and the
text filter of each list.

PostgreSQL: full-text search with the `fr_unaccent` and `en_unaccent` configurations (French and
English stemming, accents ignored: `sante` finds `santé`, `Quebec` finds `Québec`) over a stored
document per record and language, title weighted above the rest, with a GIN index. Each app's
migrations add the documents of its own table (`search_document_sql()`), from the fields its
model declares in `search_fields` (title first).
SQLite: every word must appear, accents and case ignored.
"""

import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.expressions import Col, Expression
from django.db.models.functions import Coalesce, Concat, Lower
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY = 200
CONFIGS = {"fr": "fr_unaccent", "en": "en_unaccent"}


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


def matching(queryset, words: str, language: str):
    """The records of the queryset whose text holds the words, as the search box finds them
    (a list's text filter): full text on PostgreSQL, every word on SQLite, accents ignored."""
    words = clean_words(words)
    if not words:
        return queryset
    fields = list(searched_fields(queryset.model))
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


class Unaccent(Func):
    """unaccent(): PostgreSQL's extension, or the Python function registered on SQLite."""

    function = "unaccent"
    arity = 1


def clean_words(words: str) -> str:
    """The words searched for: control characters (NUL…) dropped, spaces collapsed, at most
    MAX_QUERY characters."""
    printable = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in words or "")
    return " ".join(printable.split())[:MAX_QUERY]


def searched_fields(model) -> tuple[str, ...]:
    """The translated fields a record is found by, its title first (`Model.search_fields`)."""
    return model.search_fields


def search_document_sql(title: str, body: list[str], language: str) -> str:
    """The stored document of a table in a language: the title weighted A, the rest B (the
    generated column `search_fr` / `search_en` each app's migration adds to its table)."""
    config = f"'{language}_unaccent'::regconfig"
    text = " || ' ' || ".join(f"coalesce({column}_{language}, '')" for column in body)
    return (
        f"setweight(to_tsvector({config}, coalesce({title}_{language}, '')), 'A')"
        f" || setweight(to_tsvector({config}, {text}), 'B')"
    )


def ensure_search_configurations(schema_editor) -> None:
    """The `unaccent` extension and the `fr_unaccent` / `en_unaccent` text search
    configurations (French and English stemming, accents ignored), where they are missing."""
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        existing = {name for (name,) in cursor.fetchall()}
    for language, base in (("fr", "french"), ("en", "english")):
        name = CONFIGS[language]
        if name in existing:
            continue
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem"
        )


def add_search_documents(schema_editor, table: str, title: str, body: list[str]) -> None:
    """Give a table its stored documents and their GIN indexes (PostgreSQL; nothing elsewhere).
    Idempotent: a database whose documents an older migration already added keeps them."""
    if schema_editor.connection.vendor != "postgresql":
        return
    ensure_search_configurations(schema_editor)
    for language in CONFIGS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_{language} tsvector"
            f" GENERATED ALWAYS AS ({search_document_sql(title, body, language)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_{language} ON {table}"
            f" USING gin (search_{language})"
        )


def remove_search_documents(schema_editor, table: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in CONFIGS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_{language}")


def register_sqlite_unaccent(sender, connection, **kwargs):
    """Give SQLite the unaccent() that PostgreSQL has, for the simpler search."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, unaccent_text, deterministic=True)
