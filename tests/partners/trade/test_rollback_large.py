"""Rolling back a large import is set-based: a bounded number of statements, whatever the
number of figures (issue 16, item 6; its time is in bench/README.md, never asserted here)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from partners.models import ImportBatch, ImportBatchChange, Partner, Product, TradeFigure
from partners.trade.importing.rollback import rollback_batch
from tests import factories

PARTNERS = 10
YEARS = range(1950, 2025)  # 75 years
PRODUCTS = 100
CREATED = PARTNERS * len(YEARS) * 2 * PRODUCTS  # both flows: 150,000 figures
REPLACED = 1_000


def large_batch():
    """A batch that created 150,000 figures, replaced the value of 1,000 others and created
    three products of which two serve only its own figures."""
    partners = [factories.PartnerFactory(slug=f"p{n}", iso_code=f"Q{n}") for n in range(PARTNERS)]
    products = Product.objects.bulk_create(
        Product(hs_code=f"{9000 + n}", label=f"Product {n}") for n in range(PRODUCTS)
    )
    batch = ImportBatch.objects.create(
        file_name="large.csv",
        checksum="0" * 64,
        source="command",
        imported_at=timezone.now(),
        rows=CREATED + REPLACED,
        created_count=CREATED + 2,
        updated_count=REPLACED,
    )
    own = Product.objects.bulk_create(
        [Product(hs_code="7777", label="Own"), Product(hs_code="7778", label="Own too")]
    )
    batch.products_created.set([*own, products[0]])
    TradeFigure.objects.bulk_create(
        (
            TradeFigure(
                partner=partner,
                year=year,
                flow=flow,
                product=product,
                value_cad=Decimal("10.00"),
                import_batch=batch,
            )
            for partner in partners
            for year in YEARS
            for flow in ("export", "import")
            for product in products
        ),
        batch_size=5_000,
    )
    TradeFigure.objects.bulk_create(
        TradeFigure(
            partner=partners[0],
            year=2000,
            flow="export",
            product=product,
            value_cad=Decimal("10.00"),
            import_batch=batch,
        )
        for product in own
    )
    # Another import's figure keeps products[0] in use: the rollback must keep the product.
    TradeFigure.objects.create(
        partner=partners[1], year=2030, flow="export", product=products[0], value_cad=5
    )
    replaced = TradeFigure.objects.bulk_create(
        (
            TradeFigure(
                partner=partners[n % PARTNERS],
                year=1900 + n // (PARTNERS * 2) % 50,
                flow=("export", "import")[n // PARTNERS % 2],
                product=None,
                value_cad=Decimal("99.00"),
            )
            for n in range(REPLACED)
        ),
        batch_size=5_000,
    )
    ImportBatchChange.objects.bulk_create(
        (
            ImportBatchChange(
                batch=batch,
                figure_id=figure.pk,
                previous_value=Decimal("1.00"),
                new_value=Decimal("99.00"),
            )
            for figure in replaced
        ),
        batch_size=5_000,
    )
    return batch, partners


@pytest.mark.django_db
def test_a_150000_figure_rollback_takes_a_bounded_number_of_queries(django_assert_num_queries):
    batch, _partners = large_batch()
    assert TradeFigure.objects.filter(import_batch=batch).count() == CREATED + 2
    kept = Partner.objects.count()

    # Lock the batch, the later-batch and drift checks, the delete, the restore, the products,
    # the batch marked: the same count for 150,000 figures as for 2.
    # Two products go: a select of their figures (none: PROTECT), the batches' links, the
    # products, one history row each.
    with django_assert_num_queries(17):
        outcome = rollback_batch(batch=batch)

    assert (outcome.deleted, outcome.restored, outcome.products_deleted) == (
        CREATED + 2,
        REPLACED,
        2,
    )
    assert TradeFigure.objects.count() == REPLACED + 1
    assert set(TradeFigure.objects.filter(product=None).values_list("value_cad", flat=True)) == {
        Decimal("1.00")
    }
    assert not Product.objects.filter(hs_code__startswith="777").exists()
    assert Product.objects.count() == PRODUCTS  # the one still used elsewhere is kept
    assert Partner.objects.count() == kept
    batch.refresh_from_db()
    assert batch.is_rolled_back
