"""The trade explorer: its filters (a django-filter FilterSet), its sorted rows and its download,
in both languages."""

import io
import json
from decimal import Decimal
from http import HTTPStatus

import openpyxl
import pytest

from partners.models import Partner, PartnerKind
from partners.publishing.models import PublicationStatus
from partners.trade.views import TradeExplorerView
from tests.factories import PartnerFactory, ProductFactory, TradeFigureFactory

pytestmark = pytest.mark.django_db


def figures(partner, year, **flows):
    for flow, value in flows.items():
        TradeFigureFactory(partner=partner, year=year, flow=flow, value_cad=Decimal(value))


@pytest.fixture
def trade():
    germany = PartnerFactory(name_fr="Allemagne", name_en="Germany", slug="de", iso_code="DE")
    china = PartnerFactory(name_fr="Chine", name_en="China", slug="cn", iso_code="CN")
    spain = PartnerFactory(name_fr="Espagne", name_en="Spain", slug="es", iso_code="ES")
    figures(germany, 2015, export=100, total=999)  # a stored total is not shown beside the split
    figures(germany, 2015, **{"import": 50})
    figures(germany, 2016, export=120, **{"import": 60})
    figures(china, 2016, export=300, **{"import": 1000})
    figures(china, 2017, export=330, **{"import": 1100})
    figures(spain, 2016, total=500)  # only the two-way total, as South Korea's source gives
    # Not offered: a draft, and a published partner without figures.
    draft = PartnerFactory(
        name_en="Draftland", slug="draft", publication_status=PublicationStatus.DRAFT
    )
    figures(draft, 2016, export=1)
    PartnerFactory(name_fr="Brésil", name_en="Brazil", slug="br", iso_code="BR")


def rows(response):
    return [(row["partner"].slug, row["year"], row["change"]) for row in response.context["rows"]]


def choices(response, name):
    return [value for value, _label in response.context["filter"].form.fields[name].choices]


def test_the_partners_offered_are_those_with_figures_by_name_in_the_page_language(client, trade):
    assert choices(client.get("/en/trade/"), "partner") == ["cn", "de", "es"]
    assert choices(client.get("/fr/commerce/"), "partner") == ["de", "cn", "es"]


def test_every_partner_sorted_by_name_then_latest_year_first(client, trade):
    assert rows(client.get("/en/trade/")) == [
        ("cn", 2017, Decimal("0.1")),
        ("cn", 2016, None),
        ("de", 2016, Decimal("0.2")),
        ("de", 2015, None),
        ("es", 2016, None),
    ]
    assert [slug for slug, _year, _change in rows(client.get("/fr/commerce/"))] == [
        "de",
        "de",
        "cn",
        "cn",
        "es",
    ]
    descending = client.get("/en/trade/", {"sort": "partner", "order": "desc"})
    assert [(slug, year) for slug, year, _change in rows(descending)] == [
        ("es", 2016),
        ("de", 2015),
        ("de", 2016),
        ("cn", 2016),
        ("cn", 2017),
    ]


def test_the_totals_and_balance_of_a_row(client, trade):
    row = client.get("/en/trade/", {"partner": "es"}).context["rows"][0]
    assert (row["exports"], row["imports"], row["total"], row["balance"]) == (
        None,
        None,
        Decimal(500),
        None,
    )
    row = client.get("/en/trade/", {"partner": "de", "year_from": 2015}).context["rows"][1]
    assert (row["year"], row["exports"], row["imports"], row["total"], row["balance"]) == (
        2015,
        Decimal(100),
        Decimal(50),
        Decimal(150),
        Decimal(50),
    )


def test_chosen_partners_and_years(client, trade):
    response = client.get("/en/trade/", {"partner": ["es", "de"], "year_from": 2016})
    # The year before the first is read for the first year's change, and not shown.
    assert rows(response) == [("de", 2016, Decimal("0.2")), ("es", 2016, None)]
    response = client.get("/en/trade/", {"year_to": 2016})
    assert rows(response) == [
        ("cn", 2016, None),
        ("de", 2016, Decimal("0.2")),
        ("de", 2015, None),
        ("es", 2016, None),
    ]


def test_sorted_by_a_figure_with_the_rows_without_it_last(client, trade):
    largest = client.get("/en/trade/", {"sort": "exports"})  # descending unless asked
    assert [(slug, year) for slug, year, _change in rows(largest)] == [
        ("cn", 2017),
        ("cn", 2016),
        ("de", 2016),
        ("de", 2015),
        ("es", 2016),
    ]
    smallest = client.get("/en/trade/", {"sort": "exports", "order": "asc"})
    assert [(slug, year) for slug, year, _change in rows(smallest)] == [
        ("de", 2015),
        ("de", 2016),
        ("cn", 2016),
        ("cn", 2017),
        ("es", 2016),
    ]


@pytest.mark.parametrize(
    ("parameters", "field", "english", "french"),
    [
        (
            {"year_from": 2017, "year_to": 2015, "partner": "cn"},
            None,
            "The first year must come before the last.",
            "La première année doit précéder la dernière.",
        ),
        (
            {"partner": ["cn", "nowhere"], "year_from": 2017},
            "partner",
            "Select a valid choice. nowhere is not one of the available choices.",
            "Sélectionnez un choix valide. nowhere n\u2019en fait pas partie.",
        ),
        (
            {"year_from": "2016.5", "partner": "cn"},
            "year_from",
            "Enter a whole number.",
            "Saisissez un nombre entier.",
        ),
    ],
)
def test_a_wrong_parameter_shows_everything_and_says_why(
    client, trade, parameters, field, english, french
):
    for address, message, alert in (
        ("/en/trade/", english, "Some choices were not understood and were ignored."),
        ("/fr/commerce/", french, "Certains choix n'ont pas été compris et ont été ignorés."),
    ):
        response = client.get(address, parameters)
        assert response.status_code == HTTPStatus.OK
        assert len(response.context["rows"]) == 5
        form = response.context["filter"].form
        errors = form.non_field_errors() if field is None else form.errors[field]
        assert list(errors) == [message]
        assert alert in response.content.decode()


def test_the_page_runs_five_queries(client, trade, django_assert_num_queries):
    # The partners offered (the choices), the partners of the rows, the yearly sums, Québec's
    # totals with all partners (for the shares), the main products of every partner shown.
    with django_assert_num_queries(5):
        client.get("/en/trade/")
    # The partners chosen (validation), the choices, the yearly sums, the totals, the products.
    with django_assert_num_queries(5):
        client.get("/en/trade/", {"partner": ["cn", "de"]})


@pytest.fixture
def world(trade):
    """Québec's totals with all partners (the world row, a draft partner never offered)."""
    everyone = PartnerFactory(
        name_en="World",
        slug="monde",
        iso_code="001",
        kind=PartnerKind.WORLD,
        publication_status=PublicationStatus.DRAFT,
    )
    figures(everyone, 2016, export=1500, **{"import": 4000})
    figures(everyone, 2017, export=3300, **{"import": 5500})
    return everyone


def test_the_shares_of_quebecs_totals_come_with_the_rows(client, world, django_assert_num_queries):
    # The partners chosen (validation), the choices, the yearly sums with the world row's in the
    # same query, the partners' latest years with figures by product (none here).
    with django_assert_num_queries(4):
        response = client.get("/en/trade/", {"partner": ["cn", "de"], "year_from": 2017})
    assert [
        (row["partner"].slug, row["year"], row["exports_share"], row["imports_share"])
        for row in response.context["rows"]
    ] == [("cn", 2017, Decimal("0.1"), Decimal("0.2"))]
    response = client.get("/en/trade/", {"partner": "de"})
    assert [(row["year"], row["total_share"]) for row in response.context["rows"]] == [
        (2016, Decimal("180") / Decimal("5500")),
        (2015, None),
    ]
    assert "World" not in response.content.decode()


def body(response) -> str:
    """A streamed download's text (UTF-8, its BOM kept)."""
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_download_holds_the_rows_shown_in_the_page_language(client, trade):
    response = client.get("/en/trade/", {"partner": "de", "year_from": 2015, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="trade.csv"'
    assert response.streaming
    assert body(response).splitlines() == [
        "\ufeffPartner (identifier),Partner,ISO code,Year,HS code,Product,Exports (CAD),"
        "Imports (CAD),Total trade (CAD),Balance (CAD),Change over the previous year (%)",
        "de,Germany,DE,2016,,,120.00,60.00,180.00,60.00,20.0",
        "de,Germany,DE,2015,,,100.00,50.00,150.00,50.00,",
    ]
    french = client.get("/fr/commerce/", {"partner": "es", "format": "csv"})
    assert body(french).removeprefix("\ufeff").splitlines() == [
        "Partenaire (identifiant),Partenaire,Code ISO,Année,Code SH,Produit,"
        "Exportations ($ CA),Importations ($ CA),Échanges totaux ($ CA),Solde ($ CA),"
        "Variation par rapport à l'année précédente (%)",
        "es,Espagne,ES,2016,,,,,500.00,,",
    ]


@pytest.fixture
def products(trade):
    germany = Partner.objects.get(slug="de")
    aircraft = ProductFactory(hs_code="88", label_fr="Aéronefs", label_en="Aircraft")
    evil = ProductFactory(hs_code="27", label_fr="=1+1", label_en="=1+1")
    TradeFigureFactory(partner=germany, year=2016, flow="export", product=aircraft, value_cad=70)
    TradeFigureFactory(partner=germany, year=2016, flow="import", product=aircraft, value_cad=5)
    TradeFigureFactory(partner=germany, year=2016, flow="export", product=evil, value_cad=9)


def test_the_download_gives_each_total_then_its_products(client, products):
    response = client.get("/en/trade/", {"partner": "de", "year_from": 2016, "format": "csv"})
    assert body(response).splitlines()[1:] == [
        "de,Germany,DE,2016,,,120.00,60.00,180.00,60.00,20.0",
        "de,Germany,DE,2016,27,'=1+1,9.00,,,,",
        "de,Germany,DE,2016,88,Aircraft,70.00,5.00,75.00,65.00,",
    ]
    french = client.get("/fr/commerce/", {"partner": "de", "year_from": 2016, "format": "csv"})
    assert (
        body(french).splitlines()[3] == "de,Allemagne,DE,2016,88,Aéronefs,70.00,5.00,75.00,65.00,"
    )


def test_the_json_download_has_english_keys_and_numbers(client, products):
    response = client.get("/fr/commerce/", {"partner": "de", "year_from": 2016, "format": "json"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="trade.json"'
    assert json.loads(body(response)) == [
        {
            "partner_id": "de",
            "partner": "Allemagne",
            "iso_code": "DE",
            "year": 2016,
            "hs_code": None,
            "product": None,
            "exports": 120,
            "imports": 60,
            "total": 180,
            "balance": 60,
            "change": 20,
        },
        {
            "partner_id": "de",
            "partner": "Allemagne",
            "iso_code": "DE",
            "year": 2016,
            "hs_code": "27",
            "product": "=1+1",
            "exports": 9,
            "imports": None,
            "total": None,
            "balance": None,
            "change": None,
        },
        {
            "partner_id": "de",
            "partner": "Allemagne",
            "iso_code": "DE",
            "year": 2016,
            "hs_code": "88",
            "product": "Aéronefs",
            "exports": 70,
            "imports": 5,
            "total": 75,
            "balance": 65,
            "change": None,
        },
    ]


@pytest.mark.parametrize(
    ("address", "header"),
    [
        ("/en/trade/", ["Partner (identifier)", "Partner", "ISO code", "Year", "HS code"]),
        (
            "/fr/commerce/",
            ["Partenaire (identifiant)", "Partenaire", "Code ISO", "Année", "Code SH"],
        ),
    ],
)
def test_the_excel_download_types_every_text_as_text(client, products, address, header):
    response = client.get(address, {"partner": "de", "year_from": 2016, "format": "xlsx"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="trade.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:5] == header
    assert values[1][:4] == ["de", values[1][1], "DE", 2016]
    assert values[1][6:] == [120, 60, 180, 60, 20]
    assert values[2][4:7] == ["27", "'=1+1", 9]
    assert {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value} == {"s", "n"}
    assert sheet["F3"].data_type == "s"  # the label that looks like a formula is text


def test_the_download_neutralises_a_cell_that_a_spreadsheet_would_run(client, trade):
    evil = PartnerFactory(name_en="=HYPERLINK(1)", slug="evil", iso_code="XE")
    figures(evil, 2016, export=10, **{"import": 20})
    response = client.get("/en/trade/", {"partner": "evil", "format": "csv"})
    assert body(response).splitlines()[1:] == [
        "evil,'=HYPERLINK(1),XE,2016,,,10.00,20.00,30.00,-10.00,"  # a negative number stays one
    ]


def test_the_page_cache_keys_on_the_form_parameters_and_the_format():
    assert TradeExplorerView.cache_parameters() == {
        "partner",
        "year_from",
        "year_to",
        "sort",
        "order",
        "format",
    }


@pytest.mark.parametrize("kind", ["csv", "json", "xlsx"])
def test_the_download_with_its_products_runs_four_queries(
    client, products, django_assert_num_queries, kind
):
    # The partners chosen, the yearly sums, Québec's world totals (the shares), the figures by
    # product (no form is shown).
    with django_assert_num_queries(4):
        response = client.get("/en/trade/", {"partner": ["cn", "de"], "format": kind})
        assert b"".join(response.streaming_content)
