"""The page's language, once: every list, select and sub-list sorts in the page's language with
that language's collation (ICU's on PostgreSQL, the same order from Python on SQLite), through
localized(); templates ask the language helpers instead of reading columns.

Run on SQLite and on PostgreSQL (DATABASE_URL=postgres://…): the expected orders are the same.
"""

import re
from html import unescape
from http import HTTPStatus

import pytest
from django.db import connection
from django.utils import translation

from partners.models import Partner, WorldRegion
from partners.publishing.language import (
    COLLATIONS,
    ICU_LOCALES,
    localized,
    localized_choice,
    sort_key,
)
from tests import factories

pytestmark = pytest.mark.django_db

ROW_NAME = re.compile(r'<th scope="row"[^>]*><a href="[^"]*">([^<]*)</a>')


def row_names(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK
    return [unescape(name) for name in ROW_NAME.findall(response.content.decode())]


def options(response, name: str) -> list[str]:
    """The labels of a select's options, the empty choice left out."""
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, name
    labels = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))
    return [unescape(label) for value, label in labels if value]


ENGLISH_PARTNERS = [
    "Bavaria",
    "California",
    "Catalonia",
    "China",
    "Flanders",
    "Guanajuato",
    "Jalisco",
    "Lombardy",
    "Maine",
    "Massachusetts",
    "New Hampshire",
    "New York State",
    "Nuevo León",
    "Shandong",
    "Shanghai",
    "South Korea",
    "State of São Paulo",
    "United States",
    "Vermont",
    "Wallonia",
]
FRENCH_PARTNERS = [
    "Bavière",
    "Californie",
    "Catalogne",
    "Chine",
    "Corée du Sud",
    "État de New York",
    "État de São Paulo",
    "États-Unis",
    "Flandre",
    "Guanajuato",
    "Jalisco",
    "Lombardie",
    "Maine",
    "Massachusetts",
    "New Hampshire",
    "Nuevo León",
    "Shandong",
    "Shanghai",
    "Vermont",
    "Wallonie",
]


# The collation itself.


def test_french_sorts_e_acute_with_e():
    names = ["Flandre", "États-Unis", "Wallonie", "État de New York", "Corée du Sud", "Chine"]
    assert sorted(names, key=lambda name: sort_key(name, "fr")) == [
        "Chine",
        "Corée du Sud",
        "État de New York",
        "États-Unis",
        "Flandre",
        "Wallonie",
    ]


def test_french_reads_accents_from_the_end_as_quebec_does_and_english_does_not():
    words = ["côté", "coté", "Cote", "côte", "cote"]
    assert sorted(words, key=lambda word: sort_key(word, "fr")) == [
        "cote",
        "Cote",
        "côte",
        "coté",
        "côté",
    ]
    assert sorted(words, key=lambda word: sort_key(word, "en")) == [
        "cote",
        "Cote",
        "coté",
        "côte",
        "côté",
    ]


def test_the_default_language_is_the_page_s_each_time_not_the_first_one_asked():
    words = ["côte", "coté"]
    with translation.override("fr"):
        assert sorted(words, key=sort_key) == ["côte", "coté"]
    with translation.override("en"):
        assert sorted(words, key=sort_key) == ["coté", "côte"]


def test_no_two_different_texts_tie():
    assert sort_key("Cote", "fr") != sort_key("cote", "fr")
    assert sort_key("Québec", "fr") == sort_key("Québec", "fr")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_database_sorts_as_the_python_key_does(reference_countries, language):
    """Every country's name, ordered by the database (ICU on PostgreSQL, the registered Python
    collation on SQLite), in the order sort_key() gives: both databases sort alike."""
    field = f"name_{language}"
    names = list(
        Partner.objects.order_by(localized("name", language), "pk").values_list(field, flat=True)
    )
    assert len(names) == 250  # 249 countries and the world row (Québec's totals, 001)
    assert names == sorted(names, key=lambda name: sort_key(name, language))


def test_the_words_of_the_collation_test_sort_the_same_in_the_database():
    words = ["côté", "coté", "Cote", "côte", "cote", "États-Unis", "Etat", "état", "Eta"]
    for word in words:
        factories.PartnerFactory(name_fr=word, name_en=word)
    for language in ("fr", "en"):
        stored = Partner.objects.order_by(localized("name", language), "pk")
        assert list(stored.values_list("name_fr", flat=True)) == sorted(
            words, key=lambda word: sort_key(word, language)
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ICU collations: PostgreSQL only")
def test_the_migration_created_the_icu_collations():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collname, collprovider, colliculocale FROM pg_collation"
            " WHERE collname = ANY(%s) ORDER BY collname",
            [list(COLLATIONS.values())],
        )
        rows = cursor.fetchall()
    assert rows == [
        (COLLATIONS["en"], "i", ICU_LOCALES["en"]),
        (COLLATIONS["fr"], "i", ICU_LOCALES["fr"]),
    ]


def test_a_name_without_translation_sorts_by_the_name_the_page_shows():
    factories.PartnerFactory(name_fr="Bretagne", name_en="")
    factories.PartnerFactory(name_fr="Alsace", name_en="Zeta")
    factories.PartnerFactory(name_fr="Corse", name_en="Corsica")
    english = Partner.objects.order_by(localized("name", "en"), "pk")
    assert list(english.values_list("name_fr", flat=True)) == ["Bretagne", "Corse", "Alsace"]
    with translation.override("fr"):
        french = Partner.objects.order_by(localized("name"), "pk")
        assert list(french.values_list("name_fr", flat=True)) == ["Alsace", "Bretagne", "Corse"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # Amérique du Nord, Amérique du Sud, Asie, Europe
        ("fr", ["NA", "SA", "AS", "EU"]),
        # Asia, Europe, North America, South America
        ("en", ["AS", "EU", "NA", "SA"]),
    ],
)
def test_choices_sort_by_their_label_in_the_page_language(language, expected):
    for region in ("NA", "AS", "EU", "SA"):
        factories.PartnerFactory(world_region=region)
    order = localized_choice("world_region", WorldRegion.choices, language)
    regions = Partner.objects.order_by(order).values_list("world_region", flat=True)
    assert list(regions) == expected


# Through the pages.


def test_the_english_partner_list_is_in_english_order(demo, client):
    assert row_names(client.get("/en/partners/")) == ENGLISH_PARTNERS


def test_the_french_partner_list_is_in_french_order(demo, client):
    assert row_names(client.get("/fr/partenaires/")) == FRENCH_PARTNERS


def test_the_region_sort_follows_the_translated_region_names(demo, client):
    french = row_names(client.get("/fr/partenaires/", {"sort": "region"}))
    # Amérique du Nord, Amérique du Sud, Asie, Europe; by name within each.
    assert french == [
        "Californie",
        "État de New York",
        "États-Unis",
        "Guanajuato",
        "Jalisco",
        "Maine",
        "Massachusetts",
        "New Hampshire",
        "Nuevo León",
        "Vermont",
        "État de São Paulo",
        "Chine",
        "Corée du Sud",
        "Shandong",
        "Shanghai",
        "Bavière",
        "Catalogne",
        "Flandre",
        "Lombardie",
        "Wallonie",
    ]
    english = row_names(client.get("/en/partners/", {"sort": "region"}))
    # Asia, Europe, North America, South America.
    assert english == [
        "China",
        "Shandong",
        "Shanghai",
        "South Korea",
        "Bavaria",
        "Catalonia",
        "Flanders",
        "Lombardy",
        "Wallonia",
        "California",
        "Guanajuato",
        "Jalisco",
        "Maine",
        "Massachusetts",
        "New Hampshire",
        "New York State",
        "Nuevo León",
        "United States",
        "Vermont",
        "State of São Paulo",
    ]


def test_the_home_page_orders_its_regions_by_their_names_in_the_page_language(demo, client):
    def regions(response):
        html = response.content.decode()
        return re.findall(r'<h3><a href="[^"]*\?region=\w+">([^<]*)</a></h3>', html)

    # North America before Asia in French (its code, NA, comes after AS); every profiled
    # partner's region, a state's or region's its country's.
    assert regions(client.get("/fr/")) == ["Amérique du Nord", "Amérique du Sud", "Asie", "Europe"]
    assert regions(client.get("/en/")) == ["Asia", "Europe", "North America", "South America"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/en/partners/us/",
            [
                "California",
                "Maine",
                "Massachusetts",
                "New Hampshire",
                "New York State",
                "Vermont",
            ],
        ),
        (
            "/fr/partenaires/us/",
            [
                "Californie",
                "État de New York",
                "Maine",
                "Massachusetts",
                "New Hampshire",
                "Vermont",
            ],
        ),
    ],
)
def test_the_dossier_lists_sub_partners_in_the_page_language(demo, client, url, expected):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    children = re.search(r'<ul class="inline-list">(.*?)</ul>', html, re.S).group(1)
    assert [unescape(name) for name in re.findall(r">([^<]+)</a>", children)] == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/agreements/", ENGLISH_PARTNERS),
        ("/fr/ententes/", FRENCH_PARTNERS),
        ("/en/missions/", ENGLISH_PARTNERS),
        ("/fr/missions/", FRENCH_PARTNERS),
    ],
)
def test_the_partner_selects_are_in_the_page_language(demo, client, url, expected):
    assert options(client.get(url), "partner") == expected


def test_the_trade_explorer_partner_select_is_in_the_page_language(demo, client):
    for slug in ("us", "be-vlg"):
        factories.TradeFigureFactory(partner=Partner.objects.get(slug=slug))
    assert options(client.get("/en/trade/"), "partner") == [
        "China",
        "Flanders",
        "South Korea",
        "United States",
    ]
    assert options(client.get("/fr/commerce/"), "partner") == [
        "Chine",
        "Corée du Sud",
        "États-Unis",
        "Flandre",
    ]


def test_an_agreement_lists_its_parties_in_the_page_language(demo, client):
    french = client.get("/fr/ententes/entente-lac-champlain-2003/").content.decode()
    assert french.index("État de New York") < french.index("Vermont")
    english = client.get(
        "/en/agreements/agreement-on-environmental-cooperation-regarding-the-management-of-lake-champlain/"
    ).content.decode()
    assert english.index("New York State") < english.index("Vermont")
