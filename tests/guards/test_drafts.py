"""Drafts appear on none of the records' public surfaces, in either language."""

from http import HTTPStatus

import pytest

from partners.models import Partner
from partners.publishing.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

SURFACES = {
    "fr": [
        "/fr/ententes/",
        "/fr/ententes/?partner=cn&q=zanzibar",
        "/fr/ententes/?format=csv",
        "/fr/ententes/?format=json",
        "/fr/ententes/fil/",
        "/fr/ententes/protocole-technologies-medicales-2017/",
        "/fr/missions/",
        "/fr/missions/?partner=cn",
        "/fr/missions/?format=csv",
        "/fr/missions/?format=json",
        "/fr/missions/fil/",
        "/fr/missions/mission-sante-chine-2017/",
        "/fr/recherche/?q=zanzibar",
    ],
    "en": [
        "/en/agreements/",
        "/en/agreements/?partner=cn&q=zanzibar",
        "/en/agreements/?format=csv",
        "/en/agreements/?format=json",
        "/en/agreements/feed/",
        "/en/agreements/protocole-technologies-medicales-2017/",
        "/en/missions/",
        "/en/missions/?partner=cn",
        "/en/missions/?format=csv",
        "/en/missions/?format=json",
        "/en/missions/feed/",
        "/en/missions/mission-sante-chine-2017/",
        "/en/search/?q=zanzibar",
    ],
}


@pytest.fixture
def drafts(demo):
    """A draft agreement and a draft mission, tied to published records, named Zanzibar."""
    china = Partner.objects.get(slug="cn")
    draft = {"publication_status": PublicationStatus.DRAFT, "published_at": None}
    agreement = factories.AgreementFactory(
        slug="zanzibar-agreement",
        title_fr="Entente Zanzibar",
        title_en="Zanzibar agreement",
        summary_fr="Zanzibar",
        summary_en="Zanzibar",
        parties=[china],
        **draft,
    )
    mission = factories.MissionFactory(
        slug="zanzibar-mission", title_fr="Mission Zanzibar", title_en="Zanzibar mission", **draft
    )
    factories.MissionPlaceFactory(mission=mission, partner=china)
    # Each draft is linked to a published record: the mission signed a published agreement,
    # and the published mission signed the draft agreement.
    mission.agreements_signed.add(agreement.__class__.objects.get(slug=SIGNED))
    mission.__class__.objects.get(slug="mission-sante-chine-2017").agreements_signed.add(agreement)
    return agreement, mission


SIGNED = "protocole-technologies-medicales-2017"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_drafts_appear_on_no_surface_and_in_no_count(client, drafts, language):
    for address in SURFACES[language]:
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
    assert client.get(SURFACES[language][0]).context["paginator"].count == 16
    assert client.get(SURFACES[language][6]).context["paginator"].count == 1
