"""The mission table's stored search documents (PostgreSQL only; nothing on SQLite).

`search_fr` / `search_en`: the title weighted A, the summary, context, objectives and results B
(Mission.search_fields), with a GIN index each. agreements/migrations/0005 used to add them; a
database it migrated keeps them (the columns are added only where missing).
"""

from django.db import migrations

from partners.publishing.search import add_search_documents, remove_search_documents

TABLE = "missions_mission"


def forwards(apps, schema_editor):
    add_search_documents(
        schema_editor, TABLE, "title", ["summary", "context", "objectives", "results"]
    )


def backwards(apps, schema_editor):
    remove_search_documents(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [("missions", "0003_signatory_in_both_languages")]

    operations = [migrations.RunPython(forwards, backwards)]
