"""Rolling a batch back restores exactly what it replaced, or refuses and says why."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from partners.models import ImportBatch, ImportBatchChange, Partner, Product, TradeFigure
from partners.trade.importing import (
    RollbackRefused,
    import_trade_file,
    rollback_batch,
    rollback_plan,
)
from tests import factories

from .conftest import FILES

pytestmark = [pytest.mark.django_db, pytest.mark.english]
D = Decimal
HEADER = "Année;Partenaire;Flux;Code SH;Produit;Valeur ($ CA)\n"


def write(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def values():
    return sorted(
        TradeFigure.objects.values_list(
            "partner__iso_code", "flow", "product__hs_code", "value_cad"
        ),
        key=lambda row: (row[0], row[1], row[2] or ""),
    )


@pytest.fixture
def first(countries, writer):
    """Two figures of China and the product 88, imported by one batch."""
    return import_trade_file(path=FILES / "design_fr.csv", writer=writer()).batch


def test_rollback_restores_replaced_values_and_deletes_created_figures(
    first, writer, publisher, tmp_path
):
    second = import_trade_file(
        path=write(
            tmp_path,
            "revised.csv",
            [
                "2016;Chine;Exportations;;Total;3 100 000 000",
                "2016;Chine;Importations;;Total;10 800 000 000",
                "2016;Chine;Exportations;8703;Voitures;5",
            ],
        ),
        writer=writer(),
    ).batch
    assert values() == [
        ("CN", "export", None, D("3100000000.00")),
        ("CN", "export", "8703", D("5.00")),
        ("CN", "export", "88", D("429000000.00")),
        ("CN", "import", None, D("10800000000.00")),
    ]

    outcome = rollback_batch(batch=second, user=publisher)

    assert (outcome.deleted, outcome.restored, outcome.products_deleted) == (2, 1, 1)
    assert values() == [
        ("CN", "export", None, D("3000000000.00")),
        ("CN", "export", "88", D("429000000.00")),
    ]
    assert not Product.objects.filter(hs_code="8703").exists()
    second.refresh_from_db()
    assert second.rolled_back_by == publisher
    assert second.rolled_back_at is not None
    assert second.is_rolled_back


def test_rolling_back_the_only_batch_empties_what_it_brought(first):
    rollback_batch(batch=first)

    assert values() == []
    assert not Product.objects.filter(hs_code="88").exists()
    assert ImportBatch.objects.get().is_rolled_back


def test_an_earlier_batch_waits_for_the_later_ones_that_touched_its_figures(
    first, writer, tmp_path
):
    second = import_trade_file(
        path=write(tmp_path, "b.csv", ["2016;Chine;Exportations;;Total;1"]), writer=writer()
    ).batch

    with pytest.raises(RollbackRefused) as refusal:
        rollback_batch(batch=first)

    assert refusal.value.message == (
        "Later imports changed the same figures; roll them back first, newest first: "
        f"#{second.pk} (b.csv)."
    )
    assert values()[0] == ("CN", "export", None, D("1.00"))
    assert not ImportBatch.objects.filter(rolled_back_at__isnull=False).exists()

    rollback_batch(batch=second)
    rollback_batch(batch=first)

    assert values() == []


def test_a_later_batch_on_other_figures_does_not_block(first, writer, tmp_path):
    import_trade_file(
        path=write(tmp_path, "other.csv", ["2016;Allemagne;Exportations;;Total;1"]),
        writer=writer(),
    )

    rollback_batch(batch=first)

    assert values() == [("DE", "export", None, D("1.00"))]


def test_a_figure_edited_since_the_import_blocks_the_rollback(first):
    figure = TradeFigure.objects.get(product__isnull=True)
    figure.value_cad = D("7.00")
    figure.save()

    with pytest.raises(RollbackRefused) as refusal:
        rollback_batch(batch=first)

    assert refusal.value.message == (
        "1 figure of this import was changed or deleted since; rolling back would overwrite "
        "that work."
    )
    assert TradeFigure.objects.count() == 2


def test_a_batch_rolls_back_once(first):
    rollback_batch(batch=first)
    first.refresh_from_db()

    with pytest.raises(RollbackRefused) as refusal:
        rollback_batch(batch=first)

    assert refusal.value.message == (
        "This import was already rolled back on "
        f"{timezone.localtime(first.rolled_back_at):%Y-%m-%d %H:%M}."
    )


def test_a_product_still_used_elsewhere_is_kept(first):
    assert [p.hs_code for p in rollback_plan(first).products] == ["88"]
    factories.TradeFigureFactory(
        partner=factories.PartnerFactory(), product=Product.objects.get(hs_code="88")
    )
    # The page that asks to confirm says what will really go.
    assert rollback_plan(first).products == []

    outcome = rollback_batch(batch=first)

    assert outcome.products_deleted == 0
    assert Product.objects.filter(hs_code="88").exists()


def test_a_figure_saved_unchanged_stays_the_imports(first):
    figure = TradeFigure.objects.get(product__isnull=True)
    figure.save()

    outcome = rollback_batch(batch=first)

    assert outcome.deleted == 2
    assert values() == []


def test_a_figure_edited_in_the_admin_leaves_the_import(first, client, superuser):
    figure = TradeFigure.objects.get(product__isnull=True)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:partners_tradefigure_change", args=[figure.pk]),
        {
            "partner": figure.partner_id,
            "year": 2016,
            "flow": "export",
            "product": "",
            "value_cad": "3000000001",
            "basis": "reported",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.value_cad, figure.import_batch) == (D("3000000001.00"), None)
    with pytest.raises(RollbackRefused) as refusal:
        rollback_batch(batch=first)
    assert refusal.value.message == (
        "1 figure of this import was changed or deleted since; rolling back would overwrite "
        "that work."
    )


def test_a_figure_deleted_since_the_import_blocks_the_rollback(first):
    TradeFigure.objects.filter(product__isnull=False).delete()

    with pytest.raises(RollbackRefused) as refusal:
        rollback_batch(batch=first)

    assert refusal.value.message == (
        "1 figure of this import was changed or deleted since; rolling back would overwrite "
        "that work."
    )
    assert values() == [("CN", "export", None, D("3000000000.00"))]


def test_migration_0004_moves_created_changes_to_the_figures(countries):
    """Records of created figures become the figures' batch, unless the figure changed since."""
    migration = importlib.import_module("partners.migrations.0004_trade_figures_created_by_import")
    batch = ImportBatch.objects.create(
        file_name="old.csv", source="command", imported_at=timezone.now(), created_count=2
    )
    china, germany = (Partner.objects.get(iso_code=code) for code in ("CN", "DE"))
    intact = TradeFigure.objects.create(partner=china, year=2016, flow="export", value_cad=5)
    edited = TradeFigure.objects.create(partner=germany, year=2016, flow="export", value_cad=7)
    updated = TradeFigure.objects.create(partner=germany, year=2015, flow="export", value_cad=9)
    ImportBatchChange.objects.bulk_create(
        [
            ImportBatchChange(batch=batch, figure_id=intact.pk, new_value=5),
            ImportBatchChange(batch=batch, figure_id=edited.pk, new_value=6),
            ImportBatchChange(batch=batch, figure_id=updated.pk, previous_value=8, new_value=9),
        ]
    )

    migration.created_changes_to_column(apps, None)

    assert sorted(TradeFigure.objects.values_list("pk", "import_batch")) == [
        (intact.pk, batch.pk),
        (edited.pk, None),
        (updated.pk, None),
    ]
    assert list(ImportBatchChange.objects.values_list("figure_id", "previous_value")) == [
        (updated.pk, D("8.00"))
    ]

    migration.column_to_created_changes(apps, None)

    assert sorted(
        ImportBatchChange.objects.values_list("figure_id", "previous_value", "new_value")
    ) == [(intact.pk, None, D("5.00")), (updated.pk, D("8.00"), D("9.00"))]
