"""The admin's trade export: the spreadsheet of each language, streamed, formula-guarded."""

import csv
import io
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.http import FileResponse, StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from partners.models import Product, TradeFigure
from partners.trade import admin_export
from partners.trade.importing import import_trade_file

from .conftest import FILES

pytestmark = pytest.mark.django_db
EXPORT_URL = reverse("admin:partners_tradefigure_export")
CSV, XLSX = {"format": "0", "resource": "0"}, {"format": "1", "resource": "0"}


def staff_client(user, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def sheet_rows(response):
    sheet = load_workbook(io.BytesIO(body(response))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_english_csv_is_comma_separated_with_a_decimal_point(editor, countries):
    import_trade_file(path=FILES / "windows_1252_fr.csv")

    response = staff_client(editor, "en").post(f"{EXPORT_URL}?year__exact=2015", CSV)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="trade-figures.csv"'
    assert body(response) == (
        b"\xef\xbb\xbfyear,partner,flow,hs_code,product,value_cad\r\n"
        b"2015,DE,imports,,Total,3000.25\r\n"
    )


def test_french_csv_opens_in_french_excel_and_imports_back(editor, countries, tmp_path):
    import_trade_file(path=FILES / "windows_1252_fr.csv")

    filtered = staff_client(editor, "fr").post(f"{EXPORT_URL}?year__exact=2015", CSV)
    everything = staff_client(editor, "fr").post(EXPORT_URL, CSV)

    assert (
        body(filtered)
        == (
            "\ufeffAnnée;Partenaire;Flux;Code SH;Produit;Valeur ($ CA)\r\n"
            "2015;DE;Importations;;Total;3000,25\r\n"
        ).encode()
    )
    text = body(everything).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 7
    assert rows[[r[3] for r in rows].index("0203")][:4] == ["2016", "US", "Exportations", "0203"]
    exported = tmp_path / "export.csv"
    exported.write_bytes(body(staff_client(editor, "fr").post(EXPORT_URL, CSV)))
    result = import_trade_file(path=exported)
    assert (result.ok, result.created, result.updated, result.unchanged) == (True, 0, 0, 6)


def test_the_csv_streams_in_chunks(editor, countries, monkeypatch, django_assert_num_queries):
    import_trade_file(path=FILES / "windows_1252_fr.csv")
    monkeypatch.setattr(admin_export, "CHUNK", 2)

    response = staff_client(editor, "en").post(EXPORT_URL, CSV)

    assert isinstance(response, StreamingHttpResponse)
    # Six figures two at a time: three pages, then an empty one that ends the keyset walk.
    with django_assert_num_queries(4):
        chunks = list(response.streaming_content)
    assert [chunk.count(b"\r\n") for chunk in chunks] == [2, 2, 2, 1]
    assert chunks[0].startswith(b"\xef\xbb\xbfyear,partner,flow")


def test_xlsx_is_written_in_write_only_mode_with_numbers(editor, countries):
    import_trade_file(path=FILES / "design_fr.csv")

    response = staff_client(editor, "en").post(EXPORT_URL, XLSX)

    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"] == 'attachment; filename="trade-figures.xlsx"'
    header, *rows = sheet_rows(response)
    assert header == ["year", "partner", "flow", "hs_code", "product", "value_cad"]
    assert sorted(rows, key=lambda row: row[5]) == [
        [2016, "CN", "exports", "88", "Aéronefs et leurs parties", 429000000],
        [2016, "CN", "exports", None, "Total", 3000000000],
    ]
    french_header = sheet_rows(staff_client(editor, "fr").post(EXPORT_URL, XLSX))[0]
    assert french_header == ["Année", "Partenaire", "Flux", "Code SH", "Produit", "Valeur ($ CA)"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "This export has 2 rows, more than an Excel sheet holds (2 rows with the header). "
            "Filter the list, or export to CSV, which has no limit.",
        ),
        (
            "fr",
            "Cet export compte 2 lignes, plus qu'une feuille Excel n'en contient "
            "(2 lignes avec l'en-tête). Filtrez la liste, ou exportez en CSV, qui n'a pas "
            "de limite.",
        ),
    ],
)
def test_xlsx_past_the_sheet_limit_is_refused_with_a_message(
    editor, countries, monkeypatch, language, message
):
    import_trade_file(path=FILES / "design_fr.csv")
    monkeypatch.setattr(admin_export, "XLSX_MAX_ROWS", 2)

    response = staff_client(editor, language).post(EXPORT_URL, XLSX)

    assert response.status_code == HTTPStatus.OK
    assert [str(m) for m in get_messages(response.wsgi_request)] == [message]
    assert staff_client(editor, language).post(EXPORT_URL, CSV).status_code == HTTPStatus.OK


INJECTED = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_labels_that_would_be_formulas_are_neutralised_in_csv_and_xlsx(editor, countries):
    import_trade_file(path=FILES / "design_fr.csv")
    figure = TradeFigure.objects.get(product__hs_code="88")
    for number, label in enumerate(INJECTED):
        product = Product.objects.create(hs_code=f"9{number}", label_fr=label, label_en=label)
        TradeFigure.objects.create(
            partner=figure.partner, year=2016, flow="export", product=product, value_cad=1
        )
    client = staff_client(editor, "en")

    text = body(client.post(EXPORT_URL, CSV)).decode("utf-8-sig")
    csv_labels = [row[4] for row in csv.reader(io.StringIO(text, newline=""))][1:]
    xlsx_labels = [row[4] for row in sheet_rows(client.post(EXPORT_URL, XLSX))][1:]

    expected = ["Aéronefs et leurs parties", *("'" + label for label in INJECTED)]
    assert [label for label in csv_labels if label != "Total"] == expected
    # XML reads a carriage return back as a line feed.
    assert [label for label in xlsx_labels if label != "Total"] == [
        label.replace("\r", "\n") for label in expected
    ]
