"""The partner table's stored search documents (PostgreSQL only; nothing on SQLite).

`search_fr` / `search_en`: the name weighted A, the overview B (Partner.search_fields), with a
GIN index each. agreements/migrations/0005 used to add them; a
database it migrated keeps them (the columns are added only where missing).
"""

from django.db import migrations

from partners.publishing.search import add_search_documents, remove_search_documents

TABLE = "partners_partner"


def forwards(apps, schema_editor):
    add_search_documents(schema_editor, TABLE, "name", ["overview"])


def backwards(apps, schema_editor):
    remove_search_documents(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [("partners", "0005_collations")]

    operations = [migrations.RunPython(forwards, backwards)]
