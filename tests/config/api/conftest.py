import datetime

import pytest

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner
from partners.publishing.models import PublicationStatus
from tests import factories

DRAFT = {"publication_status": PublicationStatus.DRAFT, "published_at": None}
PROBE = "zanzibar"
SIGNED = "protocole-technologies-medicales-2017"
PUBLISHED_MISSION = "mission-sante-chine-2017"


@pytest.fixture
def drafts(demo):
    """Drafts of every public model named with the probe word, each tied to published records
    the API shows (a sub-partner of China, a party of a published agreement, the partner of a
    published mission's stop, an agreement signed during it, a mission that signed a published
    agreement), a private follow-up of the published mission, and trade of the draft partner."""
    china = Partner.objects.get(slug="cn")
    partner = factories.PartnerFactory(
        slug="zanzibar-draft",
        name_fr="Zanzibar brouillon",
        name_en="Zanzibar draft",
        iso_code="TZ-ZZ",
        parent=china,
        world_region="AS",
        **DRAFT,
    )
    factories.OfficeFactory(partner=partner, name_fr="Bureau Zanzibar", name_en="Zanzibar office")
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
    mission.agreements_signed.add(Agreement.objects.get(slug_fr=SIGNED))
    published_mission = Mission.objects.get(slug_fr=PUBLISHED_MISSION)
    published_mission.agreements_signed.add(agreement)
    factories.MissionPlaceFactory(
        mission=published_mission, partner=partner, city_fr="Stone Town", city_en="Stone Town"
    )
    recommendation = published_mission.recommendations.first()
    recommendation.follow_ups.create(
        description_fr="Suivi Zanzibar",
        description_en="Zanzibar follow-up",
        responsible_unit_fr="Direction Zanzibar",
        responsible_unit_en="Zanzibar branch",
        due_on=datetime.date(2018, 1, 1),
        is_public=False,
    )
    Agreement.objects.get(slug_fr=SIGNED).parties.add(partner)
    product = factories.ProductFactory(
        hs_code="9999", label_fr="Clous de girofle", label_en="Cloves"
    )
    factories.TradeFigureFactory(partner=partner, year=2016, flow="export", value_cad=123)
    factories.TradeFigureFactory(
        partner=partner, year=2016, flow="export", product=product, value_cad=45
    )
    return partner, agreement, mission
