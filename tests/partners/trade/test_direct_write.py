"""The PostgreSQL writer's direct path: rows of a real import go by COPY straight into the trade
table while no figure exists for their partner and year; the staging path takes the rest of the
file, or the whole import again when the direct rows cannot stand. Either way the outcome is
the staging path's own, which `StagingOnly` (the writer as it was) gives for comparison."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from partners.models import ImportBatch, ImportBatchChange, Product, TradeFigure
from partners.trade.importing import import_trade_file, rollback_batch
from partners.trade.importing.writers import PostgresWriter

from .conftest import StagingOnly

pytestmark = [pytest.mark.django_db, pytest.mark.english]
D = Decimal
HEADER = "year,partner,flow,hs_code,product,value_cad\n"


@pytest.fixture(autouse=True)
def postgres(countries):
    if connection.vendor != "postgresql":
        pytest.skip("the direct path is PostgreSQL's COPY")


@pytest.fixture
def opened(monkeypatch):
    """Every PostgresWriter opened by an import, in order (their path is read after it)."""
    writers = []
    original = PostgresWriter.open

    def spy(self, *, direct=False, sample=0):
        original(self, direct=direct, sample=sample)
        writers.append(self)

    monkeypatch.setattr(PostgresWriter, "open", spy)
    return writers


def write(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def run(path, writer=PostgresWriter, **options):
    return import_trade_file(path=path, writer=writer(), **options)


def outcome(result):
    """What an import reports, without the ids and times that differ between two runs."""
    batch = result.batch
    return {
        "errors": [str(issue) for issue in result.errors],
        "error_count": result.error_count,
        "warnings": result.warnings,
        "counts": (result.rows, result.created, result.updated, result.unchanged),
        "changes": result.changes,
        "products_created": result.products_created,
        "summary": result.summary(),
        "batch": None
        if batch is None
        else (batch.rows, batch.created_count, batch.updated_count, batch.unchanged_count),
        "batch_products": None
        if batch is None
        else sorted(batch.products_created.values_list("hs_code", flat=True)),
    }


def database():
    """Every figure (its key, value, the import that created it), product and change."""
    return (
        sorted(
            TradeFigure.objects.values_list(
                "partner__iso_code",
                "year",
                "flow",
                "product__hs_code",
                "value_cad",
                "import_batch__file_name",
            ),
            key=lambda row: (row[0], row[1], row[2], row[3] or ""),
        ),
        sorted(Product.objects.values_list("hs_code", "label_fr", "label_en")),
        sorted(
            ImportBatchChange.objects.values_list("batch__file_name", "previous_value", "new_value")
        ),
        sorted(ImportBatch.objects.values_list("file_name", "rows", "rolled_back_at")),
    )


def both_ways(path):
    """The import of `path` by the staging path alone (then undone), and by the default writer:
    (outcome, database after) for each."""
    with transaction.atomic():
        staged = (outcome(run(path, StagingOnly)), database())
        transaction.set_rollback(True)
    direct = (outcome(run(path)), database())
    return staged, direct


NEW_ROWS = [
    "2016,CN,export,,Total,3000",
    "2016,CN,export,8802,Aéronefs,400",
    "2016,Chine,import,,Total,250.5",
    "2017,DE,export,,Total,1 200",
    "2017,DE,export,8802,,75",
    "2017,DE,export,0901,Café,12.5",
]


def test_all_new_rows_are_copied_into_the_trade_table_without_staging(tmp_path, opened):
    path = write(tmp_path, "new.csv", [*NEW_ROWS[:3], '2017,DE,export,,Total,"1 200"'])

    with CaptureQueriesContext(connection) as queries:
        result = run(path)

    assert [writer.path for writer in opened] == ["direct"]
    assert opened[0].direct_rows == 4
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    assert result.products_created == ["8802"]
    assert not any("trade_import_staging" in query["sql"] for query in queries)
    assert not any("trade_import_plan" in query["sql"] for query in queries)
    # Two ids reserved (the batch's, a block for the new HS code), and no more statements than
    # the import's own: two savepoints and their release, the partners and products read, the
    # lock, work_mem, the partners and years holding figures, the known products' ids, the
    # product and its history, the preview's partner names, the same-file check, the batch, its
    # products (three), its seconds. The COPY is not among Django's queries.
    assert sum("nextval" in query["sql"] for query in queries) == 2
    assert len(queries) == 21
    batch = result.batch
    assert batch.pk == opened[0].batch_id
    assert sorted(
        TradeFigure.objects.filter(import_batch=batch).values_list(
            "partner__iso_code", "year", "flow", "product__hs_code", "value_cad", "basis"
        ),
        key=lambda row: (row[0], row[1], row[2], row[3] or ""),
    ) == [
        ("CN", 2016, "export", None, D("3000.00"), "reported"),
        ("CN", 2016, "export", "8802", D("400.00"), "reported"),
        ("CN", 2016, "import", None, D("250.50"), "reported"),
        ("DE", 2017, "export", None, D("1200.00"), "reported"),
    ]
    product = Product.objects.get(hs_code="8802")
    assert (product.label, product.pk in opened[0].product_ids().values()) == ("Aéronefs", True)
    assert product.history.count() == 1
    assert result.changes[1] == {
        "line": 3,
        "partner": "China",
        "year": 2016,
        "flow": "export",
        "hs_code": "8802",
        "previous_value": None,
        "new_value": D("400.00"),
        "status": "new",
    }
    # The foreign keys the commit checks hold: the reserved product exists.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_the_direct_path_reports_exactly_what_the_staging_path_reports(tmp_path, opened):
    path = write(tmp_path, "new.csv", NEW_ROWS)

    staged, direct = both_ways(path)

    assert [writer.path for writer in opened] == ["staging", "direct"]
    assert direct == staged
    assert direct[0]["counts"] == (6, 6, 0, 0)
    assert direct[0]["products_created"] == ["8802", "0901"]
    assert direct[0]["warnings"] == []
    assert len(direct[0]["changes"]) == 6


def test_a_preview_is_never_written_directly(tmp_path, opened):
    path = write(tmp_path, "new.csv", NEW_ROWS)
    before = database()

    result = run(path, dry_run=True)

    assert [writer.path for writer in opened] == ["staging"]
    assert (result.created, result.batch) == (6, None)
    assert database() == before


@pytest.fixture
def held(tmp_path):
    """Figures for China in 2016 from an earlier import (one product, two flows' totals)."""
    run(write(tmp_path, "earlier.csv", NEW_ROWS[:3]))


UPDATES = [
    "2016,CN,export,,Total,3100",  # updated
    "2016,CN,export,8802,,400",  # unchanged
    "2016,CN,export,0901,Café,7",  # new, in a partner and year already held
]


def test_rows_after_the_first_held_partner_and_year_go_to_staging(tmp_path, held, opened):
    path = write(tmp_path, "mixed.csv", NEW_ROWS[3:] + UPDATES)

    staged, direct = both_ways(path)

    assert [writer.path for writer in opened] == ["staging", "direct, then staging"]
    assert opened[1].direct_rows == 3
    assert direct == staged
    assert direct[0]["counts"] == (6, 4, 1, 1)
    assert direct[0]["summary"] == "6 rows: 4 new, 1 updated, 1 unchanged."
    assert [(c["line"], c["status"]) for c in direct[0]["changes"]] == [
        (2, "new"),
        (3, "new"),
        (4, "new"),
        (5, "updated"),
        (7, "new"),
    ]
    assert direct[1][2] == [("mixed.csv", D("3000.00"), D("3100.00"))]


def test_a_file_of_held_partners_and_years_goes_to_staging_at_its_first_row(tmp_path, held, opened):
    path = write(tmp_path, "updates.csv", UPDATES + NEW_ROWS[3:])

    staged, direct = both_ways(path)

    assert [writer.path for writer in opened] == ["staging", "direct, then staging"]
    assert opened[1].direct_rows == 0
    assert direct == staged
    assert direct[0]["counts"] == (6, 4, 1, 1)


def test_a_key_repeated_in_the_file_starts_the_import_again_on_the_staging_path(tmp_path, opened):
    path = write(tmp_path, "repeated.csv", [*NEW_ROWS, "2016,Chine,Exports,,,3"])
    before = database()

    staged, direct = both_ways(path)

    assert [writer.path for writer in opened] == ["staging", "direct", "staging"]
    assert direct == staged
    assert direct[0]["errors"] == ["line 8: the same partner, year, flow and product as line 2"]
    assert (direct[0]["counts"], direct[0]["batch"]) == ((7, 0, 0, 0), None)
    assert direct[1] == before


def test_a_key_repeated_across_the_switch_starts_the_import_again(tmp_path, held, opened):
    # Line 2 is written directly; line 5 (China 2016 is held) is staged and repeats it.
    path = write(tmp_path, "repeated.csv", [*NEW_ROWS[3:5], UPDATES[0], NEW_ROWS[3]])
    before = database()

    staged, direct = both_ways(path)

    assert [w.path for w in opened] == ["staging", "direct, then staging", "staging"]
    assert direct == staged
    assert direct[0]["errors"] == ["line 5: the same partner, year, flow and product as line 2"]
    assert direct[1] == before


def test_other_errors_after_the_switch_are_listed_by_the_staging_path(tmp_path, held, opened):
    path = write(tmp_path, "bad.csv", [*NEW_ROWS[3:5], UPDATES[0], NEW_ROWS[3], "2018,CN,y,,,1"])
    before = database()

    staged, direct = both_ways(path)

    assert [w.path for w in opened] == ["staging", "direct, then staging", "staging"]
    assert direct == staged
    assert direct[0]["errors"] == [
        "line 5: the same partner, year, flow and product as line 2",
        'line 6, column "flow": "y" is not a flow: write export, exports, exportations or X, '
        "or import, imports, importations or M",
    ]
    assert direct[1] == before


def test_errors_of_a_direct_import_leave_nothing_written(tmp_path, opened):
    path = write(tmp_path, "bad.csv", [*NEW_ROWS, "2018,CN,export,,Total,-4"])
    before = database()

    staged, direct = both_ways(path)

    assert [writer.path for writer in opened] == ["staging", "direct"]
    assert direct == staged
    assert direct[0]["errors"] == ['line 8, column "value_cad": "-4" is negative']
    assert (direct[0]["counts"], direct[0]["batch"]) == ((7, 0, 0, 0), None)
    assert direct[1] == before


def test_a_row_the_database_refuses_leaves_nothing_written(tmp_path, opened):
    path = write(tmp_path, "refused.csv", NEW_ROWS)
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute(
            "ALTER TABLE partners_tradefigure ADD CONSTRAINT test_no_coffee"
            " CHECK (value_cad <> 12.5)"
        )
    before = database()

    staged, direct = both_ways(path)

    assert [writer.path for writer in opened] == ["staging", "direct", "staging"]
    assert direct == staged
    assert direct[0]["errors"] == [
        "The trade figures changed while the file was being imported (another import at the "
        "same time?). Nothing was written; import the file again."
    ]
    assert direct[1] == before
    assert Product.objects.count() == 0


def test_rolling_back_a_direct_import_removes_exactly_its_figures(tmp_path, held, opened):
    before = database()
    result = run(write(tmp_path, "new.csv", NEW_ROWS[3:]))
    assert opened[-1].path == "direct"
    assert TradeFigure.objects.filter(import_batch=result.batch).count() == 3

    rolled_back = rollback_batch(batch=result.batch)

    assert (rolled_back.deleted, rolled_back.restored, rolled_back.products_deleted) == (3, 0, 1)
    figures, products, changes, batches = database()
    assert (figures, products, changes) == before[:3]
    assert [(name, rows) for name, rows, _at in batches] == [("earlier.csv", 3), ("new.csv", 3)]
    assert ImportBatch.objects.get(pk=result.batch.pk).rolled_back_at is not None


def test_new_products_beyond_one_reservation_get_their_reserved_ids(tmp_path, opened):
    codes = [f"{number:04d}" for number in range(1001, 1041)]  # 40 new codes: two reservations
    path = write(
        tmp_path, "many.csv", [f"2016,CN,export,{code},Produit {code},1" for code in codes]
    )

    staged, direct = both_ways(path)

    assert [writer.path for writer in opened] == ["staging", "direct"]
    assert direct == staged
    reserved = opened[1].product_ids()
    assert len(reserved) == 40
    assert dict(Product.objects.values_list("hs_code", "pk")) == reserved
    assert dict(TradeFigure.objects.values_list("product__hs_code", "product_id")) == reserved
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
