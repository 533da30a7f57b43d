"""One slug a record per language (after the previous migration filled them)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [('partners', '0010_h1_translated_slugs')]

    operations = [
        migrations.AddConstraint(
            model_name="sector",
            constraint=models.UniqueConstraint(
                fields=("slug_fr",),
                name="sector_slug_fr_unique",
                violation_error_code="unique",
                violation_error_message="Another sector already has this slug in French.",
            ),
        ),
        migrations.AddConstraint(
            model_name="sector",
            constraint=models.UniqueConstraint(
                fields=("slug_en",),
                name="sector_slug_en_unique",
                violation_error_code="unique",
                violation_error_message="Another sector already has this slug in English.",
            ),
        ),
    ]
