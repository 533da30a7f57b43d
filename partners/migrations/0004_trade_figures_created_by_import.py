"""Trade figures carry the import that created them; the trade table's indexes get lighter.

An import of a million new figures used to write a million change records beside them (one
per figure, each with its foreign-key check at commit). The figures an import creates now say so
in a column, `import_batch`; change records remain for the figures it updated, with the value
they replace. The column is indexed with BRIN on PostgreSQL (imports append: batch numbers follow
the table's order, and BRIN costs next to nothing to keep up), with a B-tree elsewhere.

The unique key on (partner, year, flow, product) is no longer partial, so that it also serves
every look-up by partner and the partner's own index can go; totals keep their own partial
unique index. The (year, flow) index now covers totals only, the rows the public pages read by
year.

Existing change records of created figures move to the column when the figure still has the
value the import wrote; a figure changed since keeps no batch, so rolling that batch back is
refused as before ("changed or deleted since").
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Subquery

BATCH_INDEX = "trade_import_batch_idx"


def index_batches(apps, schema_editor):
    method = "USING brin " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {BATCH_INDEX} ON partners_tradefigure {method}(import_batch_id)"
    )


def drop_batch_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {BATCH_INDEX}")


def created_changes_to_column(apps, schema_editor):
    TradeFigure = apps.get_model("partners", "TradeFigure")
    ImportBatchChange = apps.get_model("partners", "ImportBatchChange")
    created = ImportBatchChange.objects.filter(previous_value__isnull=True)
    intact = created.filter(figure_id=OuterRef("pk"), new_value=OuterRef("value_cad"))
    TradeFigure.objects.filter(Exists(intact)).update(
        import_batch_id=Subquery(intact.order_by("-batch_id").values("batch_id")[:1])
    )
    created.delete()


def column_to_created_changes(apps, schema_editor):
    TradeFigure = apps.get_model("partners", "TradeFigure")
    ImportBatchChange = apps.get_model("partners", "ImportBatchChange")
    figures = TradeFigure.objects.filter(import_batch__isnull=False).values_list(
        "pk", "import_batch_id", "value_cad"
    )
    ImportBatchChange.objects.bulk_create(
        (
            ImportBatchChange(batch_id=batch, figure_id=pk, previous_value=None, new_value=value)
            for pk, batch, value in figures.iterator(chunk_size=10_000)
        ),
        batch_size=10_000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_import_batches"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="tradefigure",
            name="trade_one_figure_per_partner_year_flow_product",
        ),
        migrations.AddConstraint(
            model_name="tradefigure",
            constraint=models.UniqueConstraint(
                fields=("partner", "year", "flow", "product"),
                name="trade_one_figure_per_partner_year_flow_product",
                violation_error_message=(
                    "This partner already has a figure for this product, year and flow."
                ),
            ),
        ),
        migrations.AlterField(
            model_name="tradefigure",
            name="partner",
            field=models.ForeignKey(
                db_index=False,
                on_delete=models.deletion.PROTECT,
                related_name="trade_figures",
                to="partners.partner",
                verbose_name="partner",
            ),
        ),
        migrations.RemoveIndex(model_name="tradefigure", name="trade_year_flow_idx"),
        migrations.AddIndex(
            model_name="tradefigure",
            index=models.Index(
                condition=models.Q(("product__isnull", True)),
                fields=["year", "flow"],
                name="trade_total_year_flow_idx",
            ),
        ),
        migrations.AddField(
            model_name="tradefigure",
            name="import_batch",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                editable=False,
                null=True,
                on_delete=models.deletion.DO_NOTHING,
                related_name="created_figures",
                to="partners.importbatch",
                verbose_name="created by the import",
            ),
        ),
        migrations.RunPython(index_batches, drop_batch_index),
        migrations.RunPython(created_changes_to_column, column_to_created_changes),
    ]
