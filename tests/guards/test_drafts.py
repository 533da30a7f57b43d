"""Drafts appear on none of the public surfaces, in either language, and in no count; staff
preview them."""

from http import HTTPStatus

import pytest
from django.utils import translation

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner
from partners.publishing.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db
DRAFT = {"publication_status": PublicationStatus.DRAFT, "published_at": None}
SIGNED = "protocole-technologies-medicales-2017"
PUBLISHED_MISSION = "mission-sante-chine-2017"


@pytest.fixture
def drafts(demo):
    """A draft of every public model, each tied to published records, named Zanzibar to be
    searched for."""
    china = Partner.objects.get(slug="cn")
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
    # The draft mission signed a published agreement, and the published mission signed the
    # draft agreement: neither published page may name the draft.
    mission.agreements_signed.add(Agreement.objects.get(slug_fr=SIGNED))
    Mission.objects.get(slug_fr=PUBLISHED_MISSION).agreements_signed.add(agreement)
    return partner, agreement, mission


SURFACES = [
    "/{lang}/",
    "/{lang}/partners/",
    "/{lang}/partners/?region=AS",
    "/{lang}/partners/?format=csv",
    "/{lang}/partners/?format=json",
    "/{lang}/partners/cn/",
    "/{lang}/agreements/",
    "/{lang}/agreements/?partner=cn&status=in_force",
    "/{lang}/agreements/?partner=cn&q=zanzibar",
    "/{lang}/agreements/?format=csv",
    "/{lang}/agreements/?format=json",
    "/{lang}/agreements/feed/",
    f"/{{lang}}/agreements/{SIGNED}/",
    "/{lang}/missions/",
    "/{lang}/missions/?partner=cn",
    "/{lang}/missions/?format=csv",
    "/{lang}/missions/?format=json",
    "/{lang}/missions/feed/",
    f"/{{lang}}/missions/{PUBLISHED_MISSION}/",
    "/{lang}/search/?q=zanzibar",
    "/{lang}/trade/",
    "/sitemap.xml",
    "/sitemap-partners.xml",
    "/sitemap-agreements.xml",
    "/sitemap-missions.xml",
    "/sitemap-sectors.xml",
]

FRENCH_PATHS = {
    "/partners/": "/partenaires/",
    "/agreements/": "/ententes/",
    "/search/": "/recherche/",
    "/trade/": "/commerce/",
    "/feed/": "/fil/",
}


# The English pages' slugs of the records the surfaces name by their French slug.
ENGLISH_SLUGS = {
    SIGNED: "memorandum-of-understanding-in-the-field-of-medical-technologies",
    PUBLISHED_MISSION: "mission-of-the-minister-of-health-and-social-services-to-china",
}


def localized(surface: str, language: str) -> str:
    """The surface's address as the site writes it in that language (/fr/ententes/…)."""
    address = surface.format(lang=language)
    if language == "fr":
        for english, french in FRENCH_PATHS.items():
            address = address.replace(english, french)
    else:
        for french, english in ENGLISH_SLUGS.items():
            address = address.replace(f"/{french}/", f"/{english}/")
    return address


@pytest.mark.parametrize("language", ["fr", "en"])
def test_drafts_appear_on_no_surface_and_in_no_count(client, drafts, language):
    for surface in SURFACES:
        address = localized(surface, language)
        response = client.get(address)
        assert response.status_code == HTTPStatus.OK, address
        body = response.content.decode("utf-8-sig").lower()
        if "q=zanzibar" in address:  # the words searched are echoed; nothing is found
            counted = response.context.get("result_count", None)
            if counted is None:
                counted = response.context["paginator"].count
            assert counted == 0, address
            assert "zanzibar-" not in body, address
            continue
        assert "zanzibar" not in body, address
    for record in drafts:
        assert client.get(record.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert client.get(f"/{language}/").context["counts"] == {
        "partners": 20,
        "agreements": 16,
        "in_force": 6,
        "missions": 1,
    }
    assert client.get(localized("/{lang}/agreements/", language)).context["paginator"].count == 16
    assert client.get(f"/{language}/missions/").context["paginator"].count == 1


def test_staff_preview_a_draft_with_a_banner_and_the_public_cannot(client, drafts, editor):
    _partner, agreement, _mission = drafts
    preview = f"{agreement.get_absolute_url()}?preview=1"
    assert client.get(preview).status_code == HTTPStatus.NOT_FOUND
    client.force_login(editor)
    banners = {
        "fr": "Aperçu\u00a0: cette fiche n'est pas publiée.",
        "en": "Preview: this record is not published.",
    }
    for record in drafts:
        for language, banner in banners.items():
            with translation.override(language):
                url = f"{record.get_absolute_url()}?preview=1"
            response = client.get(url)
            assert response.status_code == HTTPStatus.OK
            assert banner in response.content.decode().replace("&#x27;", "'")
    assert client.get(agreement.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pending_changes_appear_on_no_surface(client, demo, language):
    """Edits of published records waiting for a publisher (their pending versions) stay off
    every public surface: pages, lists, exports, feeds, search, sitemap."""
    from partners.publishing import versions

    for record, fields in (
        (Agreement.objects.get(slug_fr=SIGNED), ("title", "summary")),
        (Mission.objects.get(slug_fr=PUBLISHED_MISSION), ("title", "summary")),
        (Partner.objects.get(slug="cn"), ("name", "overview")),
    ):
        with versions.rolled_back():
            type(record).objects.filter(pk=record.pk).update(
                **{f"{name}_{lang}": "Zanzibar" for name in fields for lang in ("fr", "en")}
            )
            data = versions.capture(record)
        versions.store(record=record, data=data, user=None)
    for surface in SURFACES:
        address = localized(surface, language)
        response = client.get(address)
        assert response.status_code == HTTPStatus.OK, address
        body = response.content.decode("utf-8-sig").lower()
        if "q=zanzibar" in address:  # the words searched are echoed; nothing is found
            counted = response.context.get("result_count", None)
            if counted is None:
                counted = response.context["paginator"].count
            assert counted == 0, address
            continue
        assert "zanzibar" not in body, address
