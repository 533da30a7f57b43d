"""The import engine on real-looking files it accepts, through both writers (COPY and generic):
the design's examples, every encoding, delimiter and workbook, partners and products found."""

import hashlib
from decimal import Decimal

import pytest
from django.utils import timezone

from partners.models import ImportSource, Product, TradeFigure
from tests import factories

from .conftest import FILES, figures, run, state

pytestmark = [pytest.mark.django_db, pytest.mark.english]
D = Decimal


def test_french_example_of_the_design(countries, writer):
    result = run("design_fr.csv", writer)

    assert result.ok, result.errors
    assert (result.rows, result.created, result.updated, result.unchanged) == (2, 2, 0, 0)
    assert result.summary() == "2 rows: 2 new, 0 updated, 0 unchanged."
    assert figures() == [
        ("CN", 2016, "export", None, D("3000000000.00")),
        ("CN", 2016, "export", "88", D("429000000.00")),
    ]
    product = Product.objects.get(hs_code="88")
    assert (product.label_fr, product.label_en or "") == ("Aéronefs et leurs parties", "")
    assert result.products_created == ["88"]
    batch = result.batch
    assert batch.file_name == "design_fr.csv"
    assert batch.checksum == hashlib.sha256((FILES / "design_fr.csv").read_bytes()).hexdigest()
    assert (batch.rows, batch.created_count, batch.updated_count, batch.unchanged_count) == (
        2,
        2,
        0,
        0,
    )
    assert batch.user is None and batch.source == ImportSource.COMMAND
    assert list(batch.products_created.values_list("hs_code", flat=True)) == ["88"]
    # The figures it created carry the batch; change records are for replaced values only.
    assert sorted(batch.created_figures.values_list("value_cad", flat=True)) == [
        D("429000000.00"),
        D("3000000000.00"),
    ]
    assert not batch.changes.exists()


def test_english_example_finds_the_same_figure_by_iso_code(countries, writer):
    run("design_fr.csv", writer)
    before = state()

    result = run("design_en.csv", writer)

    assert result.ok
    assert (result.rows, result.created, result.updated, result.unchanged) == (1, 0, 0, 1)
    assert result.summary() == (
        "Nothing to change: every row is already in the database. "
        "1 row: 0 new, 0 updated, 1 unchanged."
    )
    assert result.batch is None
    assert state() == before


def test_same_file_twice_changes_nothing_and_says_so(countries, writer):
    first = run("windows_1252_fr.csv", writer)
    before = state()

    again = run("windows_1252_fr.csv", writer)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert again.batch is None and again.products_created == []
    assert state() == before
    assert again.warnings == [
        'The column "Remarque" is not used and was ignored.',
        "The same file was already imported on "
        f"{timezone.localtime(first.batch.imported_at):%Y-%m-%d %H:%M} "
        f"(import #{first.batch.pk}).",
    ]


def test_a_changed_value_updates_the_figure(countries, writer, tmp_path):
    run("design_fr.csv", writer)
    changed = tmp_path / "revised.csv"
    changed.write_text(
        "Année;Partenaire;Flux;Code SH;Produit;Valeur ($ CA)\n"
        "2016;Chine;Exportations;;Total;3 100 000 000\n"
        "2016;Chine;Exportations;88;Aéronefs et leurs parties;429 000 000\n",
        encoding="utf-8",
    )

    result = run(changed, writer)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert figures()[0] == ("CN", 2016, "export", None, D("3100000000.00"))
    assert list(result.batch.changes.values_list("previous_value", "new_value")) == [
        (D("3000000000.00"), D("3100000000.00"))
    ]
    assert not result.batch.created_figures.exists()
    assert result.changes == [
        {
            "line": 2,
            "partner": "China",
            "year": 2016,
            "flow": "export",
            "hs_code": "",
            "previous_value": D("3000000000.00"),
            "new_value": D("3100000000.00"),
            "status": "updated",
        }
    ]


def test_windows_1252_french_file_with_semicolons_and_no_break_spaces(countries, writer):
    result = run("windows_1252_fr.csv", writer)

    assert result.ok, result.errors
    assert (result.rows, result.created) == (6, 6)
    assert result.language == "fr"
    assert result.ignored_columns == ["Remarque"]
    assert figures() == [
        ("CI", 2016, "export", None, D("12345.00")),
        ("DE", 2015, "import", None, D("3000.25")),
        ("KR", 2016, "export", None, D("1234567890.50")),
        ("KR", 2016, "import", None, D("2468000000.00")),
        ("US", 2016, "export", "0203", D("987654.30")),
        ("US", 2016, "import", "8802", D("45000000.00")),
    ]
    assert sorted(Product.objects.values_list("hs_code", "label_fr")) == [
        ("0203", "Viandes de porc fraîches, réfrigérées ou congelées"),
        ("8802", "Avions, hélicoptères et autres véhicules aériens"),
    ]
    # The blank row 7 is skipped but counted: Germany's row is line 8, as a spreadsheet shows.
    assert [change["line"] for change in result.changes] == [2, 3, 4, 5, 6, 8]


def test_utf8_bom_tab_file_with_english_headers_in_another_order(countries, writer):
    result = run("utf8_bom.tsv", writer)

    assert result.ok, result.errors
    assert result.language == "en"
    assert figures() == [
        ("CN", 2016, "export", None, D("3000000000.00")),
        ("CN", 2016, "export", "8802", D("429000000.00")),
        ("CN", 2016, "import", None, D("10800000000.00")),
        ("GB", 2016, "import", "8802", D("1234.00")),
    ]
    product = Product.objects.get(hs_code="8802")
    assert product.label_en == "Airplanes, helicopters and other aerial vehicles"
    assert (product.label_fr or "") == ""
    assert result.warnings == [
        'HS code 8802 has several labels in the file; the first, "Airplanes, helicopters '
        'and other aerial vehicles" (line 4), was used.'
    ]


def test_excel_workbook(countries, writer):
    result = run("trade_fr.xlsx", writer)

    assert result.ok, result.errors
    assert (result.rows, result.created) == (4, 4)
    assert figures() == [
        ("CN", 2016, "export", None, D("3000000000.00")),
        ("CN", 2016, "export", "88", D("429000000.00")),
        # A number cell lost the HS code's leading zero: it is put back.
        ("CN", 2016, "import", "0203", D("1500000.75")),
        # A number cell with more decimals is rounded to the cent, as the sheet shows money.
        ("MX", 2016, "export", "8703", D("1234.57")),
    ]
    assert [change["line"] for change in result.changes] == [2, 3, 4, 6]


def test_dry_run_counts_and_writes_nothing(countries, writer):
    before = state()

    result = run("windows_1252_fr.csv", writer, dry_run=True)

    assert result.ok and result.dry_run
    assert (result.created, result.updated, result.unchanged) == (6, 0, 0)
    assert result.products_created == ["0203", "8802"]
    assert result.summary() == "Dry run, nothing written. 6 rows: 6 new, 0 updated, 0 unchanged."
    assert state() == before


def test_partners_by_code_or_name_in_either_language_whatever_the_case(countries, writer, tmp_path):
    shandong = factories.PartnerFactory(
        name_fr="Shandong", name_en="Shandong", iso_code="CN-SD", kind="federated"
    )
    path = tmp_path / "names.csv"
    path.write_text(
        "year,partner,flow,value\n"
        "2016,cn-sd,export,1\n"
        "2016,DEU,export,2\n"
        "2016,SOUTH KOREA,export,3\n"
        "2016,coree du sud,import,4\n"
        "2016,Etats-Unis,export,5\n",
        encoding="utf-8",
    )

    result = run(path, writer)

    assert result.ok, result.errors
    assert TradeFigure.objects.get(partner=shandong).value_cad == D("1.00")
    assert figures()[1:] == [
        ("DE", 2016, "export", None, D("2.00")),
        ("KR", 2016, "export", None, D("3.00")),
        ("KR", 2016, "import", None, D("4.00")),
        ("US", 2016, "export", None, D("5.00")),
    ]


def test_an_existing_product_keeps_its_labels(countries, writer, tmp_path):
    factories.ProductFactory(hs_code="8802", label_fr="Avions", label_en="Aircraft")
    path = tmp_path / "labels.csv"
    path.write_text(
        "year,partner,flow,hs_code,product,value\n"
        "2016,CN,export,8802,Aircraft,1\n"
        "2016,CN,import,8802,Planes,2\n",
        encoding="utf-8",
    )

    result = run(path, writer)

    assert result.ok
    assert result.warnings == [
        'HS code 8802: the file calls it "Planes"; the stored label "Avions" was kept.'
    ]
    assert list(Product.objects.values_list("label_fr", "label_en")) == [("Avions", "Aircraft")]
