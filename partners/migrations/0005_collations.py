"""The collations that lists sort by in each language (partners.publishing.language.COLLATIONS):
ICU's French as written in Québec and English. PostgreSQL only; SQLite's connections register
Python collations of the same names (partners/apps.py). No model changes."""

from django.contrib.postgres import operations
from django.db import migrations


class CreateCollation(operations.CreateCollation):
    """Django's, whose reverse also leaves databases other than PostgreSQL alone (it would send
    DROP COLLATION to SQLite)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_trade_figures_created_by_import"),
    ]

    operations = [
        CreateCollation("ministry_fr", "fr-CA", provider="icu"),
        CreateCollation("ministry_en", "en-CA", provider="icu"),
    ]
