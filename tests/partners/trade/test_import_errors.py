"""The import engine on files it refuses, through both writers (COPY and generic): every
error listed, in the user's language, and the database left exactly as it was."""

import pytest
from django.db import IntegrityError
from django.utils import timezone

from partners.trade.importing.writers import GenericWriter, PostgresWriter
from tests import factories

from .conftest import StagingOnly, figures, run, state

pytestmark = [pytest.mark.django_db, pytest.mark.english]


THIS_YEAR = timezone.localdate().year
BAD_FILES = {
    "bad_unknown_partner.csv": [
        'line 3, column "Partenaire": "Chinne" is not a known partner; did you mean "Chine"?',
        'line 4, column "Partenaire": "Atlantide" is not a known partner: give its ISO code '
        "or its name in French or English",
    ],
    "bad_year.csv": [
        'line 2, column "year": "2O16" is not a year',
        f'line 3, column "year": "1850" is out of range: the year must be between 1900 and '
        f"{THIS_YEAR}",
    ],
    "bad_negative.csv": ['line 3, column "Valeur ($ CA)": "-12" is negative'],
    "bad_not_a_number.csv": [
        'line 2, column "value_cad": "12 abc" is not a number',
        'line 3, column "value_cad": "1.234" has more than two decimal places',
    ],
    "bad_flow.csv": [
        'line 2, column "Flux": "Réexportations" is not a flow: write export, exports, '
        "exportations or X, or import, imports, importations or M",
        'line 3, column "Flux": "Total" is not a flow: write export, exports, exportations '
        "or X, or import, imports, importations or M",
    ],
    "bad_duplicate.csv": [
        "line 4: the same partner, year, flow and product as line 2",
        "line 5: the same partner, year, flow and product as line 2",
    ],
    "bad_missing_cells.csv": [
        "line 3: the row has 5 cells where the header has 6",
        'line 4, column "Valeur ($ CA)": the cell is empty',
    ],
    "empty.csv": ["The file is empty."],
    "header_only.csv": ["The file has a header but no data rows."],
    "not_a_table.csv": [
        "This is a PDF document, not a table. Save the data as CSV or as an Excel workbook (.xlsx)."
    ],
    "wrong_shape.csv": [
        "line 1: The first row must name the columns. Missing: year, partner, flow, value. "
        'Found: "Nom", "Courriel". Required: year (année), partner (partenaire), flow (flux), '
        "value (valeur); optional: HS code (code SH), product (produit)."
    ],
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_fails_whole_and_leaves_the_database_as_it_was(countries, writer, name):
    factories.ProductFactory(hs_code="99", label_fr="Divers", label_en="Miscellaneous")
    run("design_fr.csv", writer)
    before = state()

    result = run(name, writer)

    assert not result.ok
    assert [str(issue) for issue in result.errors] == BAD_FILES[name]
    assert result.error_count == len(BAD_FILES[name])
    assert (result.created, result.updated, result.unchanged, result.batch) == (0, 0, 0, None)
    assert result.summary().startswith("The import failed with ")
    assert state() == before


def test_every_error_of_a_file_is_listed_in_line_and_column_order(countries, writer, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text(
        "Valeur ($ CA);Année;Partenaire;Flux;Code SH;Produit\n"
        "abc;20;Narnia;Exportations;;Total\n"
        "5;2016;Chine;Exportations;12A;Truc\n"
        "7;2016;Chine;Exportations;8802;\n"
        "8;2016;Chine;Exportations;;Aéronefs\n"
        "9;2016;Chine;Exportations;;Total\n",
        encoding="utf-8",
    )

    result = run(path, writer)

    assert [str(issue) for issue in result.errors] == [
        'line 2, column "Valeur ($ CA)": "abc" is not a number',
        'line 2, column "Année": "20" is not a year',
        'line 2, column "Partenaire": "Narnia" is not a known partner: give its ISO code or '
        "its name in French or English",
        'line 3, column "Code SH": "12A" is not an HS code: 2 to 10 digits, or empty for the total',
        'line 4, column "Code SH": 8802 is a new HS code: give its label in the product column',
        'line 5, column "Code SH": "Aéronefs" has no HS code: give the product\'s code, or '
        'write "Total" (or nothing) as the product of the flow\'s total',
    ]
    assert figures() == []


def test_errors_are_counted_all_and_listed_up_to_a_thousand(countries, writer, tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("year,partner,flow,value\n")
        for year in range(1900, 2000):
            for _ in range(15):
                handle.write(f"{year},CN,export,-1\n")

    result = run(path, writer)

    assert result.error_count == 1500
    assert len(result.errors) == 1000
    assert str(result.errors[0]) == 'line 2, column "value": "-1" is negative'
    assert result.errors[-1].line == 1001


def test_a_name_two_partners_share_asks_for_the_code(countries, writer, tmp_path):
    factories.PartnerFactory(name_fr="Géorgie", name_en="Georgia (U.S. state)", iso_code="US-GA")
    path = tmp_path / "georgia.csv"
    path.write_text("year,partner,flow,value\n2016,Géorgie,export,1\n", encoding="utf-8")

    result = run(path, writer)

    assert [str(issue) for issue in result.errors] == [
        'line 2, column "partner": "Géorgie" is the name of several partners: give the ISO code'
    ]


def test_a_failure_while_writing_leaves_no_partial_batch(countries, writer, monkeypatch):
    run("design_fr.csv", writer)
    before = state()
    original = writer.write

    def write_then_fail(self, batch_id):
        original(self, batch_id)
        raise IntegrityError("simulated")

    monkeypatch.setattr(writer, "write", write_then_fail)

    result = run("windows_1252_fr.csv", writer)

    assert not result.ok
    assert [str(issue) for issue in result.errors] == [
        "The trade figures changed while the file was being imported (another import at the "
        "same time?). Nothing was written; import the file again."
    ]
    assert state() == before


def test_both_writers_give_the_same_results(countries, db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("compares the COPY writer with the generic one")
    run("design_fr.csv", GenericWriter)
    for name in [*BAD_FILES, "windows_1252_fr.csv", "utf8_bom.tsv", "trade_fr.xlsx"]:
        generic = run(name, GenericWriter, dry_run=True)
        copy = run(name, PostgresWriter, dry_run=True)
        assert [str(e) for e in generic.errors] == [str(e) for e in copy.errors], name
        assert (generic.created, generic.updated, generic.unchanged, generic.changes) == (
            copy.created,
            copy.updated,
            copy.unchanged,
            copy.changes,
        ), name


REPEATED_NEW_KEYS = (
    "year,partner,flow,hs_code,product,value_cad\n"
    "2016,CN,export,,Total,1\n"
    "2016,CN,export,8802,Aéronefs,5\n"
    "2016,Chine,Exports,,,3\n"
    "2016,CN,export,8802,,7\n"
    "2017,CN,export,,Total,9\n"
)


@pytest.mark.parametrize("dry_run", [False, True])
def test_repeated_new_keys_are_listed_whether_or_not_the_import_would_write(
    countries, writer, tmp_path, dry_run
):
    # Nothing in the database yet: every row is new, one of them of a new product. A real
    # import leaves the repeated keys to the writer (COPY: the trade table's unique keys).
    path = tmp_path / "repeated.csv"
    path.write_text(REPEATED_NEW_KEYS, encoding="utf-8")
    before = state()

    result = run(path, writer, dry_run=dry_run)

    assert [str(issue) for issue in result.errors] == [
        "line 4: the same partner, year, flow and product as line 2",
        "line 5: the same partner, year, flow and product as line 3",
    ]
    assert result.error_count == 2
    assert (result.created, result.updated, result.unchanged, result.batch) == (0, 0, 0, None)
    assert (result.products_created, result.changes, result.warnings) == ([], [], [])
    assert state() == before


def test_repeated_keys_are_listed_with_the_other_errors(countries, writer, tmp_path):
    path = tmp_path / "repeated.csv"
    path.write_text(REPEATED_NEW_KEYS + "2018,CN,export,,Total,-4\n", encoding="utf-8")

    result = run(path, writer)

    assert [str(issue) for issue in result.errors] == [
        "line 4: the same partner, year, flow and product as line 2",
        "line 5: the same partner, year, flow and product as line 3",
        'line 7, column "value_cad": "-4" is negative',
    ]
    assert result.error_count == 3


def test_a_unique_key_broken_by_someone_else_is_not_called_a_repeated_row(
    countries, db, monkeypatch
):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the COPY writer's own check")
    original = PostgresWriter._write

    def write_then_collide(self, batch_id):
        original(self, batch_id)
        raise IntegrityError("simulated: another session wrote the same figure")

    monkeypatch.setattr(PostgresWriter, "_write", write_then_collide)
    before = state()

    result = run("windows_1252_fr.csv", StagingOnly)  # _write is the staging path's

    assert [str(issue) for issue in result.errors] == [
        "The trade figures changed while the file was being imported (another import at the "
        "same time?). Nothing was written; import the file again."
    ]
    assert state() == before
