"""The words of each agreement's full text (read from its PDF) join its search documents, in the
document's language: `search_fr` / `search_en` become the title weighted A, the summary and the
text's words B (Agreement.search_fields). PostgreSQL only for the documents; SQLite matches the
same columns in Python (partners/publishing/search.py)."""

import django.core.validators
from django.db import migrations, models

import agreements.validators
from partners.publishing.search import add_search_documents, remove_search_documents

TABLE = "agreements_agreement"


def forwards(apps, schema_editor):
    remove_search_documents(schema_editor, TABLE)
    add_search_documents(schema_editor, TABLE, "title", ["summary", "document_text"])


def backwards(apps, schema_editor):
    remove_search_documents(schema_editor, TABLE)
    add_search_documents(schema_editor, TABLE, "title", ["summary"])


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0006_list_and_feed_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="document_language",
            field=models.CharField(
                blank=True,
                choices=[("fr", "French"), ("en", "English")],
                default="fr",
                help_text="The search finds the agreement by the words of its text in this language (French if not given).",
                max_length=2,
                verbose_name="language of the full text",
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="document_text_en",
            field=models.TextField(
                blank=True, editable=False, verbose_name="words of the English full text"
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="document_text_fr",
            field=models.TextField(
                blank=True, editable=False, verbose_name="words of the French full text"
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="document_language",
            field=models.CharField(
                blank=True,
                choices=[("fr", "French"), ("en", "English")],
                default="fr",
                help_text="The search finds the agreement by the words of its text in this language (French if not given).",
                max_length=2,
                verbose_name="language of the full text",
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="document_text_en",
            field=models.TextField(
                blank=True, editable=False, verbose_name="words of the English full text"
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="document_text_fr",
            field=models.TextField(
                blank=True, editable=False, verbose_name="words of the French full text"
            ),
        ),
        migrations.AlterField(
            model_name="agreement",
            name="document",
            field=models.FileField(
                blank=True,
                help_text="The signed text, as a PDF of at most 20 MB.",
                upload_to="agreements/%Y/",
                validators=[
                    django.core.validators.FileExtensionValidator(["pdf"]),
                    agreements.validators.PdfDocumentValidator(),
                ],
                verbose_name="full text",
            ),
        ),
        migrations.AlterField(
            model_name="historicalagreement",
            name="document",
            field=models.TextField(
                blank=True,
                help_text="The signed text, as a PDF of at most 20 MB.",
                max_length=100,
                validators=[
                    django.core.validators.FileExtensionValidator(["pdf"]),
                    agreements.validators.PdfDocumentValidator(),
                ],
                verbose_name="full text",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
