"""Drafts appear nowhere public; every page runs the same number of queries at 10 and 1,000 records."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.demo.generate import generate
from partners.publishing.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db
DRAFT = {"publication_status": PublicationStatus.DRAFT, "published_at": None}


@pytest.fixture
def drafts(demo):
    """A draft of every public model, each tied to published records, named to be searched for."""
    china = factories.PartnerFactory.build().__class__.objects.get(iso_code="CN")
    partner = factories.PartnerFactory(
        slug="zanzibar-draft",
        name_fr="Zanzibar brouillon",
        name_en="Zanzibar draft",
        parent=china,
        world_region="AS",
        **DRAFT,
    )
    agreement = factories.AgreementFactory(
        slug="zanzibar-agreement",
        title_fr="Entente Zanzibar",
        title_en="Zanzibar agreement",
        summary_fr="Zanzibar",
        summary_en="Zanzibar",
        parties=[china],
        status="in_force",
        **DRAFT,
    )
    mission = factories.MissionFactory(
        slug="zanzibar-mission",
        title_fr="Mission Zanzibar",
        title_en="Zanzibar mission",
        context_fr="Zanzibar",
        context_en="Zanzibar",
        **DRAFT,
    )
    factories.MissionPlaceFactory(mission=mission, partner=china)
    return partner, agreement, mission


PUBLIC_SURFACES = [
    "/{lang}/",
    "/{lang}/partners/",
    "/{lang}/partners/?region=AS",
    "/{lang}/partners/?format=csv",
    "/{lang}/partners/?format=json",
    "/{lang}/partners/cn/",
    "/{lang}/agreements/",
    "/{lang}/agreements/?partner=cn&status=in_force",
    "/{lang}/agreements/?format=csv",
    "/{lang}/agreements/?format=json",
    "/{lang}/agreements/feed/",
    "/{lang}/missions/",
    "/{lang}/missions/?partner=cn",
    "/{lang}/missions/?format=csv",
    "/{lang}/missions/feed/",
    "/{lang}/search/?q=zanzibar",
    "/{lang}/trade/",
    "/sitemap.xml",
]


FRENCH_PATHS = {
    "/partners/": "/partenaires/",
    "/agreements/": "/ententes/",
    "/search/": "/recherche/",
    "/trade/": "/commerce/",
    "/feed/": "/fil/",
}


def localized(surface: str, language: str) -> str:
    """The surface's address as the site writes it in that language (/fr/ententes/…)."""
    address = surface.format(lang=language)
    if language == "fr":
        for english, french in FRENCH_PATHS.items():
            address = address.replace(english, french)
    return address


@pytest.mark.parametrize("language", ["fr", "en"])
def test_drafts_appear_on_no_public_surface(client, drafts, language):
    for surface in PUBLIC_SURFACES:
        response = client.get(localized(surface, language))
        assert response.status_code == HTTPStatus.OK, surface
        if "search" in surface:  # the query itself is echoed; the results must be empty
            assert response.context["result_count"] == 0
            continue
        body = response.content.decode("utf-8-sig").lower()
        assert "zanzibar" not in body, surface
    for draft in drafts:
        assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    # Counts leave them out too.
    home = client.get(f"/{language}/")
    assert home.context["counts"] == {
        "partners": 19,
        "agreements": 16,
        "in_force": 4,
        "missions": 1,
    }


def test_staff_preview_a_draft_with_a_banner_and_the_public_cannot(client, drafts, editor):
    _partner, agreement, _mission = drafts
    preview = f"{agreement.get_absolute_url()}?preview=1"
    assert client.get(preview).status_code == HTTPStatus.NOT_FOUND
    client.force_login(editor)
    for record in drafts:
        for language in ("fr", "en"):
            from django.utils import translation

            with translation.override(language):
                url = f"{record.get_absolute_url()}?preview=1"
            response = client.get(url)
            assert response.status_code == HTTPStatus.OK
            banner = {
                "fr": "Aperçu\u00a0: cette fiche n'est pas publiée.",
                "en": "Preview: this record is not published.",
            }[language]
            assert banner in response.content.decode().replace("&#x27;", "'")
    assert client.get(agreement.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return len(context.captured_queries)


PAGES = [
    "/en/",
    "/en/partners/",
    "/en/partners/?region=AS&agreements=yes",
    "/en/partners/cn/",
    "/en/agreements/",
    "/en/agreements/?partner=cn&sector=health",
    "/en/agreements/{agreement}/",
    "/en/missions/",
    "/en/missions/?partner=cn",
    "/en/missions/{mission}/",
    "/en/trade/?partner=cn",
    "/en/search/?q=agreement",
    "/en/agreements/feed/",
    "/en/agreements/?format=csv",
]


def test_each_page_runs_the_same_number_of_queries_at_10_and_1000_records(client, demo):
    def measure():
        return {
            page: queries(
                client,
                page.format(
                    agreement="entente-science-technologie-chine-1995",
                    mission="mission-sante-chine-2017",
                ),
            )
            for page in PAGES
        }

    generate(agreements=10, missions=10, trade_rows=500, seed=1)
    small = measure()
    generate(agreements=1000, missions=1000, trade_rows=5000, seed=1)
    large = measure()
    assert large == small
