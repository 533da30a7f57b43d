"""One slug a record per language (after the previous migration filled them)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [('missions', '0005_h1_translated_slugs')]

    operations = [
        migrations.AddConstraint(
            model_name="mission",
            constraint=models.UniqueConstraint(
                fields=("slug_fr",),
                name="mission_slug_fr_unique",
                violation_error_code="unique",
                violation_error_message="Another mission already has this slug in French.",
            ),
        ),
        migrations.AddConstraint(
            model_name="mission",
            constraint=models.UniqueConstraint(
                fields=("slug_en",),
                name="mission_slug_en_unique",
                violation_error_code="unique",
                violation_error_message="Another mission already has this slug in English.",
            ),
        ),
    ]
