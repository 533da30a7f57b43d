"""One slug a record per language (after the previous migration filled them)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [('agreements', '0008_h1_translated_slugs')]

    operations = [
        migrations.AddConstraint(
            model_name="agreement",
            constraint=models.UniqueConstraint(
                fields=("slug_fr",),
                name="agreement_slug_fr_unique",
                violation_error_code="unique",
                violation_error_message="Another agreement already has this slug in French.",
            ),
        ),
        migrations.AddConstraint(
            model_name="agreement",
            constraint=models.UniqueConstraint(
                fields=("slug_en",),
                name="agreement_slug_en_unique",
                violation_error_code="unique",
                violation_error_message="Another agreement already has this slug in English.",
            ),
        ),
    ]
