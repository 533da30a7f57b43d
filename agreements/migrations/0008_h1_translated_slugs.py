"""Agreements get a slug per language: the existing (French) one stays the French slug, the
English one is derived from the English title."""

import re

from django.db import migrations, models
from django.db.models.functions import Coalesce
from django.utils.text import slugify

# What parts words but slugify() would drop, gluing them: dashes, and the apostrophe of a
# French elision (l', d', qu'); "Québec's" stays one word.
SEPARATORS = re.compile(r"[–—]|(?<=\b\w)['’]|(?<=\bqu)['’]", re.IGNORECASE)

# Derived slugs are cut at a word boundary to this length (the column holds 200).
DERIVED_LENGTH = 120

def derived_slug(text: str, taken: set, max_length: int) -> str:
    """`text` slugified (accents dropped, "Québec" -> "quebec"; an elision and a dash part
    words, "l'entente" -> "l-entente", "Québec–Chine" -> "quebec-chine"), cut at a word boundary
    to `max_length`, made unique among `taken` by a suffix (-2, -3...), then added to it. The
    same records in the same order give the same slugs."""
    base = slugify(SEPARATORS.sub(" ", text)) or "record"
    if len(base) > max_length:
        cut = base[: max_length + 1]
        base = cut.rsplit("-", 1)[0] if "-" in cut else base[:max_length]
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        number += 1
    taken.add(candidate)
    return candidate


def fill_slugs(apps, schema_editor):
    """The existing slug is the French one (its history rows keep it in French too); the English
    one is derived from the record's English title (else its French one), record
    by record in id order."""
    model = apps.get_model("agreements", "Agreement")
    history = apps.get_model("agreements", "HistoricalAgreement")
    taken = set()
    for record in model.objects.order_by("pk"):
        text = record.title_en or record.title_fr or record.slug
        record.slug_fr = record.slug
        record.slug_en = derived_slug(text, taken, DERIVED_LENGTH)
        record.save(update_fields=["slug_fr", "slug_en"])
    history.objects.update(slug_fr=models.F("slug"))


def restore_slugs(apps, schema_editor):
    """Back to one slug, the French one (an edit saved in English may have left the original
    column holding the English slug)."""
    model = apps.get_model("agreements", "Agreement")
    history = apps.get_model("agreements", "HistoricalAgreement")
    model.objects.update(slug=models.F("slug_fr"))
    history.objects.update(slug=Coalesce("slug_fr", models.Value("")))


class Migration(migrations.Migration):
    dependencies = [("agreements", "0007_h5_document_text")]

    operations = [
        *[
            migrations.AddField(
                model_name=name,
                name=f"slug_{code}",
                field=models.SlugField(
                    db_index=False, max_length=200, null=True, verbose_name="slug"
                ),
            )
            for name in ("agreement", "historicalagreement")
            for code in ("en", "fr")
        ],
        migrations.AlterField(
            model_name="agreement",
            name="slug",
            field=models.SlugField(db_index=False, max_length=200, verbose_name="slug"),
        ),
        migrations.RunPython(fill_slugs, restore_slugs),
        migrations.RemoveField(model_name="historicalagreement", name="slug"),
    ]
