"""The trade explorer's charts, rows and main products kept by what they are computed from and
the versions of the partners and the trade (partners/publishing/fragments.py `written()`):
written once per choice of figures, a new figure or a renamed partner seen at once."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests import factories

# The topics' versions on (off in tests), moved by what `committed` writes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_versions")]

FIGURES = ("trade/includes/explorer_charts.html", "trade/includes/explorer_products.html")


@pytest.fixture
def china(committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        factories.TradeFigureFactory(partner=china, year=2016, value_cad=3_000_000_000)
        factories.TradeFigureFactory(partner=china, year=2016, flow="import", value_cad=10**10)
    return china


def explorer(client, query="", language="fr"):
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("trade:explorer") + query)
    assert response.status_code == HTTPStatus.OK
    written = sum(1 for used in response.templates if used.name in FIGURES)
    return response.content.decode(), written, len(queries.captured_queries)


def test_the_figures_are_written_once_per_choice_and_the_page_stays_the_same(client, china):
    first, written, read = explorer(client, "?partner=cn")
    second, again, queries = explorer(client, "?partner=cn")
    assert second == first
    # None once the page is kept (tests/partners/trade/test_explorer_page.py): neither the four
    # that compute the figures (yearly totals, latest years by product, ...) nor the form's
    # check of the partner chosen.
    assert (written, again) == (2, 0)
    assert (read, queries) == (5, 0)
    assert '<td class="num">3,0\u00a0G$</td>' in second and 'id="chart-cn-title"' in second
    # Another choice of figures is written on its own; the first one is still found.
    _html, written, _queries = explorer(client, "?partner=cn&sort=total")
    assert written == 2
    _html, written, _queries = explorer(client, "?partner=cn")
    assert written == 0


def test_a_new_figure_is_on_the_explorer_at_once(client, china, committed):
    explorer(client, "?partner=cn")
    with committed():
        factories.TradeFigureFactory(partner=china, year=2017, value_cad=4_000_000_000)
    html, written, _queries = explorer(client, "?partner=cn")
    assert written == 2
    assert '<td class="num">4,0\u00a0G$</td>' in html


def test_a_renamed_partner_is_on_the_explorer_at_once_in_each_language(client, china, committed):
    explorer(client, "?partner=cn", "fr")
    explorer(client, "?partner=cn", "en")
    with committed():
        china.name_en = "People's Republic of China"
        china.save()
    english, written, _queries = explorer(client, "?partner=cn", "en")
    assert written == 2
    assert "<figcaption>People&#x27;s Republic of China</figcaption>" in english
    french, _written, _queries = explorer(client, "?partner=cn", "fr")
    assert "<figcaption>Chine</figcaption>" in french
