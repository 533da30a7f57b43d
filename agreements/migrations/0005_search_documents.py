"""Full-text search from stored documents (PostgreSQL only; nothing on SQLite).

Until now each search computed to_tsvector() of every matching record twice (to rank it, and to
rank a title match higher): with thousands of matches over 100,000 records that took seconds.
Each searched table now keeps, per language, a generated column `search_fr` / `search_en`:
the title weighted A, the other text weighted B, so that ts_rank() ranks title matches first.
PostgreSQL keeps the column up to date on every write; a GIN index on it serves `@@`.

This migration first added the documents of the partners and missions tables too. Each app now
adds its own table's (partners/migrations/0006, missions/migrations/0004, idempotent): a
database migrated before keeps its columns, a new one gets the same columns from each app.
"""

from django.db import migrations

# (table, title column, body columns): the text Agreement.search_fields names.
DOCUMENTS = [("agreements_agreement", "title", ["summary"])]
LANGUAGES = ("fr", "en")
OLD_INDEXES = [
    f"search_{kind}{part}_{language}"
    for kind in ("partner", "agreement", "mission")
    for part in ("", "_title")
    for language in LANGUAGES
]


def document_sql(title: str, body: list[str], language: str) -> str:
    config = f"'{language}_unaccent'::regconfig"
    text = " || ' ' || ".join(f"coalesce({column}_{language}, '')" for column in body)
    return (
        f"setweight(to_tsvector({config}, coalesce({title}_{language}, '')), 'A')"
        f" || setweight(to_tsvector({config}, {text}), 'B')"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for table, title, body in DOCUMENTS:
        for language in LANGUAGES:
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN search_{language} tsvector"
                f" GENERATED ALWAYS AS ({document_sql(title, body, language)}) STORED"
            )
            schema_editor.execute(
                f"CREATE INDEX {table}_search_{language} ON {table} USING gin (search_{language})"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _title, _body in DOCUMENTS:
        for language in LANGUAGES:
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_{language}")
    module = __import__("agreements.migrations.0002_search", fromlist=["indexes"])
    for model, index in module.indexes(apps):
        schema_editor.add_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0004_document_checked_by_content"),
        ("missions", "0001_initial"),
        ("partners", "0003_import_batches"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
