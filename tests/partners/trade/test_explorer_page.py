"""What the trade explorer shows under its title (its form, the filters applied, the charts, the
table and the products) kept as one fragment, by the query string and the versions of the
partners and the trade (partners/publishing/fragments.py `written()`): written once per query
string, the same HTML as when it is written each time, in both languages, an edit seen at
once."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from partners.trade import selectors
from tests import factories
from tests.pages import visit

# The topics' versions on (off in tests), moved by what `committed` writes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_versions")]

CONTENT = "trade/includes/explorer_content.html"
FIGURES = ("trade/includes/explorer_charts.html", "trade/includes/explorer_products.html")

QUERIES = [
    "",
    "?partner=cn",
    "?partner=cn&partner=mx&sort=total&order=asc",
    "?partner=mx&partner=cn&sort=change",
    "?year_from=2016&year_to=2015",  # the years the wrong way round: a form error
    "?partner=zz",  # no such partner: ignored, and said
    "?year_from=abc",
    "?partner=&sort=",
]


@pytest.fixture
def trade(committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        mexico = factories.PartnerFactory(name_fr="Mexique", name_en="Mexico", slug="mx")
        for partner, value in ((china, 3_000_000_000), (mexico, 900_000_000)):
            for year in (2015, 2016):
                factories.TradeFigureFactory(partner=partner, year=year, value_cad=value)
                factories.TradeFigureFactory(
                    partner=partner, year=year, flow="import", value_cad=2 * value
                )
    return china


def explorer(client, query="", language="fr"):
    with translation.override(language):
        path = reverse("trade:explorer") + query
    response, queries = visit(client, path, language)
    return response.content.decode(), [used.name for used in response.templates], queries


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_kept_page_is_the_page_written_each_time(client, trade, settings, language):
    kept = {query: explorer(client, query, language) for query in QUERIES}
    again = {query: explorer(client, query, language) for query in QUERIES}
    settings.FRAGMENT_VERSIONS = False  # nothing kept: every part written each time
    written = {query: explorer(client, query, language) for query in QUERIES}
    for query in QUERIES:
        html, names, _queries = kept[query]
        assert CONTENT in names
        assert again[query][0] == html == written[query][0], query
        # Read back: neither written nor checked (the form) nor computed (the figures).
        assert CONTENT not in again[query][1] and again[query][2] == 0, query
    assert written["?partner=zz"][2] > 0


def test_each_query_string_is_its_own_page_and_its_links_keep_its_order(client, trade):
    first, _names, _queries = explorer(client, "?partner=cn&partner=mx")
    second, names, _queries = explorer(client, "?partner=mx&partner=cn")
    # Another page (written), from the same figures (kept: the same partners chosen).
    assert CONTENT in names and not set(FIGURES) & set(names)
    assert '<a href="?partner=cn&amp;partner=mx&amp;sort=year&amp;order=desc">' in first
    assert '<a href="?partner=mx&amp;partner=cn&amp;sort=year&amp;order=desc">' in second
    assert '<a href="?partner=mx&amp;partner=cn&amp;format=csv" download>' in second


def test_a_form_error_is_written_with_the_page_and_read_back_with_it(client, trade):
    message = "La première année doit précéder la dernière."
    written, _names, _queries = explorer(client, "?year_from=2016&year_to=2015")
    kept, names, queries = explorer(client, "?year_from=2016&year_to=2015")
    assert kept == written and (CONTENT not in names, queries) == (True, 0)
    assert f'<p class="error" role="alert">{message}</p>' in kept
    assert '<input type="number" name="year_from" value="2016"' in kept


def test_each_language_has_its_own_page(client, trade):
    french, _names, _queries = explorer(client, "?partner=cn", "fr")
    english, names, _queries = explorer(client, "?partner=cn", "en")
    assert CONTENT in names
    assert '<option value="cn" selected>Chine</option>' in french
    assert '<option value="cn" selected>China</option>' in english


def test_a_renamed_partner_is_in_the_form_and_the_filters_applied_at_once(client, trade, committed):
    explorer(client, "?partner=cn")
    with committed():
        trade.name_fr = "République populaire de Chine"
        trade.save()
    html, names, _queries = explorer(client, "?partner=cn")
    assert CONTENT in names
    assert '<option value="cn" selected>République populaire de Chine</option>' in html
    assert "Partenaires\u00a0: République populaire de Chine" in html
    assert ">Chine<" not in html


def test_a_new_figure_is_on_the_kept_page_at_once(client, trade, committed):
    explorer(client, "?partner=cn")
    with committed():
        factories.TradeFigureFactory(partner=trade, year=2017, value_cad=4_000_000_000)
    html, names, _queries = explorer(client, "?partner=cn")
    assert CONTENT in names
    assert '<td class="num">4,0\u00a0G$</td>' in html


def test_a_page_read_back_makes_no_form(client, trade, monkeypatch):
    made = []
    make = selectors.trade_filterset
    monkeypatch.setattr(selectors, "trade_filterset", lambda data: made.append(data) or make(data))
    explorer(client, "?partner=cn")
    explorer(client, "?partner=cn")
    # The first page's, for its content; the second page is read back whole.
    assert len(made) == 1
    # A download always reads its figures.
    with translation.override("fr"):
        response = client.get(reverse("trade:explorer") + "?partner=cn&format=csv")
    assert response.status_code == HTTPStatus.OK and len(made) == 2
