"""The composite pages' selector results kept by the versions of what their page shows
(partners/publishing/results.py, config.cache.page_versions): read back without a query, an edit
of what the page shows seen at once, an edit elsewhere leaving them found."""

import datetime
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from config.cache import page_versions
from partners.publishing import results
from partners.publishing.versions import rolled_back
from tests import factories
from tests.caches import UNREACHABLE

pytestmark = pytest.mark.django_db


def page(client, path, language="fr"):
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode(), len(queries.captured_queries)


def dossier_path(slug, language="fr"):
    with translation.override(language):
        return reverse("partners:detail", kwargs={"slug": slug})


def home_path(language="fr"):
    with translation.override(language):
        return reverse("home")


@pytest.fixture
def china(committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        factories.PartnerFactory(name_fr="Shanghai", slug="cn-sh", parent=china)
        agreement = factories.AgreementFactory(
            title_fr="Entente sur l'eau", title_en="Water agreement", parties=[china]
        )
        factories.AgreementEventFactory(agreement=agreement, date=datetime.date(2024, 3, 1))
        factories.MissionFactory(title_fr="Mission à Pékin", title_en="Beijing mission")
        factories.OfficeFactory(partner=china, name_fr="Bureau du Québec à Pékin")
        factories.TradeFigureFactory(partner=china, year=2023, value_cad=5_000_000)
    return china


def test_the_second_dossier_reads_its_results_back_and_is_the_same_page(client, kept, china):
    first, read = page(client, dossier_path("cn"))
    second, again = page(client, dossier_path("cn"))
    # The dossier's ten, and the published partners' slugs (read once a version of the partners,
    # so that no other slug has versions); then none: the partner with its sectors read back,
    # and what the page shows under its title (its family, children, offices, agreements,
    # missions and the trade section, whose three queries run whenever it is written: it is
    # kept by the fragments' versions, off in these tests) kept by the same versions
    # (tests/partners/test_dossier_page.py).
    assert (read, again) == (11, 0)
    assert second == first
    with override_settings(RESULT_CACHE_SECONDS=0):
        computed, queries = page(client, dossier_path("cn"))
    assert computed == first
    assert queries == 10
    assert "Entente sur l&#x27;eau" in first and "Bureau du Québec à Pékin" in first


def test_an_edit_of_an_agreement_in_the_dossier_shows_at_once_there_and_on_home(
    client, kept, committed, china
):
    agreement = china.agreements.get()
    page(client, dossier_path("cn"))
    page(client, home_path())
    with committed():
        agreement.title_fr = "Entente sur l'eau potable"
        agreement.save()
    dossier, queries = page(client, dossier_path("cn"))
    assert "Entente sur l&#x27;eau potable" in dossier
    assert queries == 10
    home, _queries = page(client, home_path())
    assert "Entente sur l&#x27;eau potable" in home


def test_the_partner_renamed_or_given_a_sector_shows_at_once_on_its_dossier(
    client, kept, committed, china
):
    page(client, dossier_path("cn"))
    with committed():
        china.name_fr = "République populaire de Chine"
        china.save()
    renamed, _queries = page(client, dossier_path("cn"))
    assert "<h1>République populaire de Chine</h1>" in renamed
    with committed():
        china.sectors.add(factories.SectorFactory(name_fr="Santé", slug="sante"))
    tagged, _queries = page(client, dossier_path("cn"))
    assert '<ul class="tags"><li><a href="/fr/secteurs/sante/">Santé</a></li></ul>' in tagged


def test_an_edit_of_a_province_agreement_reaches_its_country_dossier(
    client, kept, committed, china
):
    page(client, dossier_path("cn"))
    with committed():
        factories.AgreementFactory(title_fr="Entente avec Shanghai", parties=[china.children.get()])
    dossier, _queries = page(client, dossier_path("cn"))
    assert "Entente avec Shanghai" in dossier


def test_an_edit_elsewhere_keeps_the_dossier_results(client, kept, committed, china):
    with committed():
        mexico = factories.PartnerFactory(name_fr="Mexique", slug="mx")
        factories.AgreementFactory(title_fr="Entente mexicaine", parties=[mexico])
    first, _queries = page(client, dossier_path("cn"))
    with committed():
        mexican = mexico.agreements.get()
        mexican.title_fr = "Entente mexicaine révisée"
        mexican.save()
    second, queries = page(client, dossier_path("cn"))
    assert queries == 0  # the page's content kept too, with its trade section
    assert second == first
    # The home page shows every agreement's count: it computes its results again.
    _home, queries = page(client, home_path())
    assert queries == 8


def test_the_home_page_reads_its_results_back(client, kept, china):
    first, read = page(client, home_path())
    second, again = page(client, home_path())
    assert (read, again) == (8, 0)
    assert second == first
    assert "Entente sur l&#x27;eau" in first


def test_french_and_english_results_are_kept_apart(client, kept, china):
    french, _queries = page(client, dossier_path("cn", "fr"), "fr")
    english, queries = page(client, dossier_path("cn", "en"), "en")
    assert queries == 10
    assert "Water agreement" in english and "Entente sur l&#x27;eau" not in english
    assert "Entente sur l&#x27;eau" in french and "Water agreement" not in french
    again, queries = page(client, dossier_path("cn", "en"), "en")
    assert (again, queries) == (english, 0)


def test_the_explorer_reads_its_series_back_and_a_trade_edit_shows(client, kept, committed, china):
    path = reverse("trade:explorer") + "?partner=cn"
    first, read = page(client, path)
    second, again = page(client, path)
    assert second == first
    assert read - again == 3  # the yearly totals, the latest years, the main products
    with committed():
        factories.TradeFigureFactory(partner=china, year=2024, value_cad=7_000_000)
    third, _queries = page(client, path)
    assert "2024" in third and "2024" not in first


def test_with_the_cache_unreachable_the_results_are_computed_each_time(client, china):
    expected, read = page(client, dossier_path("cn"))
    with override_settings(CACHES=UNREACHABLE, RESULT_CACHE_SECONDS=600):
        for _ in range(2):
            content, queries = page(client, dossier_path("cn"))
            assert (content, queries) == (expected, read)


def test_an_unknown_slug_adds_no_version_to_the_cache(kept, china):
    assert page_versions("partners:detail", {"slug": "no-such-partner"}) is None
    assert cache.get("v:partner:no-such-partner:agreements") is None
    assert page_versions("agreements:detail", {"slug": "x"}) is None
    assert page_versions("partners:detail", {"slug": "cn"}) is not None


def test_nothing_is_kept_or_read_inside_a_preview(kept, china):
    computed = []

    def compute():
        computed.append(1)
        return ["shown"]

    def read():
        return results.cached_results("test", (), compute, page="home")

    with rolled_back():
        assert read() == ["shown"]
    assert read() == ["shown"]
    with rolled_back():
        assert read() == ["shown"]
    assert read() == ["shown"]
    assert len(computed) == 3  # in each preview, and once outside


def test_the_explorer_with_wrong_parameters_keeps_one_result_for_every_wrong_form(
    client, kept, china
):
    with translation.override("fr"):  # the French page, whatever a test before left active
        explorer = reverse("trade:explorer")
    wrong = explorer + "?year_from=abc&partner=cn"
    other = explorer + "?partner=no-such-partner"
    first, read = page(client, wrong)
    second, again = page(client, other)
    assert "Chine" in first and "Chine" in second
    # The partners offered, their yearly totals, their latest years and their main products are
    # read back for the other wrong form; the form's own queries remain.
    assert (read, again) == (6, 2)
