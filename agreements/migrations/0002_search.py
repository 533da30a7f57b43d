"""Full-text search on PostgreSQL: accent-insensitive French and English configurations, and a
GIN index on each expression that the search queries (config/search.py). Nothing on SQLite."""

from django.db import migrations

CONFIGURATIONS = [("fr_unaccent", "french"), ("en_unaccent", "english")]


# (model, kind, title field, body fields) as config/search.py searched them then.
SEARCHED = [
    ("partners.Partner", "partner", "name", ["name", "overview"]),
    ("agreements.Agreement", "agreement", "title", ["title", "summary"]),
    (
        "missions.Mission",
        "mission",
        "title",
        ["title", "summary", "context", "objectives", "results"],
    ),
]


def search_vector(fields, language):
    from django.contrib.postgres.search import SearchVector
    from django.db.models import F, TextField
    from django.db.models.functions import Cast

    columns = [Cast(F(f"{name}_{language}"), TextField()) for name in fields]
    return SearchVector(*columns, config=f"{language}_unaccent")


def indexes(apps):
    from django.contrib.postgres.indexes import GinIndex

    for label, kind, title, fields in SEARCHED:
        historical = apps.get_model(label)
        for language in ("fr", "en"):
            yield (
                historical,
                GinIndex(search_vector(fields, language), name=f"search_{kind}_{language}"),
            )
            yield (
                historical,
                GinIndex(search_vector([title], language), name=f"search_{kind}_title_{language}"),
            )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, base in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem"
        )
    for model, index in indexes(apps):
        schema_editor.add_index(model, index)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.remove_index(model, index)
    for name, _base in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
        ("missions", "0001_initial"),
        ("partners", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
