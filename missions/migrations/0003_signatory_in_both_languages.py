"""Who filed a mission report, with their title, in French and in English.

The title of the signatory ("sous-ministre adjoint à la planification…") is text like any other:
the English page showed it in French. The existing value goes to the report's original language,
in the records and in their history.
"""

from django.db import migrations, models

HELP = "Who filed the report, with their title: “Name, title”."


def translated_field():
    return models.CharField(
        blank=True, help_text=HELP, max_length=200, null=True, verbose_name="filed by"
    )


def to_original_language(apps, schema_editor):
    for name in ("Mission", "HistoricalMission"):
        model = apps.get_model("missions", name)
        for language in ("fr", "en"):
            model.objects.filter(original_language=language).exclude(filed_by="").update(
                **{f"filed_by_{language}": models.F("filed_by")}
            )


def from_original_language(apps, schema_editor):
    for name in ("Mission", "HistoricalMission"):
        model = apps.get_model("missions", name)
        for language in ("fr", "en"):
            model.objects.filter(original_language=language).update(
                filed_by=models.functions.Coalesce(f"filed_by_{language}", models.Value(""))
            )


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0002_ministry_index"),
    ]

    operations = [
        migrations.AddField("historicalmission", "filed_by_fr", translated_field()),
        migrations.AddField("historicalmission", "filed_by_en", translated_field()),
        migrations.AddField("mission", "filed_by_fr", translated_field()),
        migrations.AddField("mission", "filed_by_en", translated_field()),
        migrations.AlterField(
            model_name="mission",
            name="filed_by",
            field=models.CharField(
                blank=True, help_text=HELP, max_length=200, verbose_name="filed by"
            ),
        ),
        migrations.RunPython(to_original_language, from_original_language),
        migrations.RemoveField(model_name="historicalmission", name="filed_by"),
    ]
