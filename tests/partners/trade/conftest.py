from pathlib import Path

import pytest
from django.db import connection

from partners.models import ImportBatch, ImportBatchChange, Product, TradeFigure
from partners.trade.importing import import_trade_file
from partners.trade.importing.writers import GenericWriter, PostgresWriter

FILES = Path(__file__).parent / "files"


class StagingOnly(PostgresWriter):
    """The COPY writer before its direct path: every import through the staging table."""

    def open(self, *, direct=False, sample=0):
        super().open(sample=sample)


@pytest.fixture(params=["generic", "postgres"])
def writer(request, db):
    """Both writers go through the same tests; PostgreSQL's only where the database is one."""
    if request.param == "postgres":
        if connection.vendor != "postgresql":
            pytest.skip("the COPY writer needs PostgreSQL")
        return PostgresWriter
    return GenericWriter


@pytest.fixture
def countries(reference_countries):
    """The ISO 3166-1 reference partners (China, Germany, South Korea...)."""


def run(name, writer, **options):
    path = name if not isinstance(name, str) else FILES / name
    return import_trade_file(path=path, writer=writer(), **options)


def figures():
    return sorted(
        TradeFigure.objects.values_list(
            "partner__iso_code", "year", "flow", "product__hs_code", "value_cad"
        ),
        key=lambda row: (row[0], row[1], row[2], row[3] or ""),
    )


def state():
    """Everything an import may touch, to compare before and after a failed one."""
    return (
        figures(),
        sorted(Product.objects.values_list("hs_code", "label_fr", "label_en")),
        list(ImportBatch.objects.values_list("pk", "rolled_back_at")),
        ImportBatchChange.objects.count(),
        sorted(TradeFigure.objects.values_list("pk", "import_batch")),
    )
