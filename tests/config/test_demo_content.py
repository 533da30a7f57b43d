"""The demo content as the site holds it: every value comes from the ministry's documents (the
seeds) or follows from them. Read only: the demo is loaded once for the tests that read it
(tests/conftest.py); how load_demo writes it is tested in test_demo.py.
"""

import datetime
from decimal import Decimal

import pycountry
import pytest
from django.utils import translation

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Office, Partner, Sector, TradeFigure
from partners.trade.selectors import main_products, yearly_trade

pytestmark = pytest.mark.django_db


def test_china_has_exactly_shanghai_and_shandong_under_it(demo):
    china = Partner.objects.get(iso_code="CN")
    assert list(china.children.order_by("iso_code").values_list("iso_code", "kind")) == [
        ("CN-SD", "federated"),
        ("CN-SH", "municipality"),
    ]


def test_subnational_partners_carry_their_iso_3166_2_code_and_both_names(demo):
    partners = Partner.objects.exclude(kind__in=["state", "world"]).select_related("parent")
    names = {p.iso_code: (p.name_fr, p.name_en) for p in partners}
    assert names == {
        "CN-SH": ("Shanghai", "Shanghai"),
        "CN-SD": ("Shandong", "Shandong"),
        "US-NY": ("État de New York", "New York State"),
        "US-VT": ("Vermont", "Vermont"),
        "US-CA": ("Californie", "California"),
        "US-ME": ("Maine", "Maine"),
        "US-MA": ("Massachusetts", "Massachusetts"),
        "US-NH": ("New Hampshire", "New Hampshire"),
        "BE-WAL": ("Wallonie", "Wallonia"),
        "BE-VLG": ("Flandre", "Flanders"),
        "DE-BY": ("Bavière", "Bavaria"),
        "ES-CT": ("Catalogne", "Catalonia"),
        "IT-25": ("Lombardie", "Lombardy"),
        "BR-SP": ("État de São Paulo", "State of São Paulo"),
        "MX-JAL": ("Jalisco", "Jalisco"),
        "MX-GUA": ("Guanajuato", "Guanajuato"),
        "MX-NLE": ("Nuevo León", "Nuevo León"),
    }
    for partner in partners:
        subdivision = pycountry.subdivisions.get(code=partner.iso_code)
        assert subdivision is not None, partner.iso_code
        assert subdivision.country_code == partner.parent.iso_code
        assert partner.parent.kind == "state"
        assert partner.slug == partner.iso_code.lower()
        assert partner.world_region == partner.parent.world_region != ""


def test_only_countries_with_a_profile_are_published(demo):
    published = Partner.objects.published().countries().order_by("iso_code")
    assert list(published.values_list("iso_code", flat=True)) == ["CN", "KR", "US"]
    assert all(p.overview_fr and p.overview_en for p in published)
    # A published child under a reference country that has no profile.
    assert Partner.objects.get(iso_code="BE-WAL").is_published
    assert not Partner.objects.get(iso_code="BE").is_published


def test_french_profiles_name_each_state_with_its_article(demo):
    overviews = dict(
        Partner.objects.filter(parent__iso_code="US").values_list("iso_code", "overview_fr")
    )
    assert overviews["US-NY"].startswith("L'État de New York fait partie des États américains")
    assert overviews["US-VT"].startswith("Le Vermont fait partie")
    assert overviews["US-CA"].startswith("La Californie fait partie")
    assert (
        "Des sommets Québec\u2013New York, destinés d'abord aux gens d'affaires"
        in (overviews["US-NY"])
    )
    assert "2002, 2004, 2005 et 2008" in overviews["US-NY"]
    assert overviews["US-MA"].endswith(
        "Le Québec a signé avec le Massachusetts, en 2007, une entente de coopération bilatérale "
        "portant sur l'échange d'information à des fins d'application de la loi."
    )
    wallonia = Partner.objects.get(iso_code="BE-WAL")
    assert wallonia.overview_fr.startswith("La Wallonie fait partie des régions européennes")
    assert wallonia.overview_en.startswith("Wallonia is one of the European regions")


def test_sectors_are_the_policy_thrusts_in_both_languages(demo):
    assert list(Sector.objects.order_by("position").values_list("slug_en", flat=True)) == [
        "science-technology",
        "education",
        "culture",
        "environment-climate",
        "health",
        "trade",
        "security",
        "french-language",
        "mobility-youth",
        "northern-arctic",
        "international-solidarity",
        "human-rights",
    ]
    assert not Sector.objects.filter(description_fr="").exists()
    assert not Sector.objects.filter(description_en="").exists()
    northern = Sector.objects.get(slug_en="northern-arctic")
    assert (northern.name_fr, northern.name_en) == (
        "Affaires nordiques et arctiques",
        "Northern and Arctic affairs",
    )


def test_offices_the_seeds_name_and_the_one_year_they_give(demo):
    offices = Office.objects.select_related("partner").order_by("city_en")
    assert [(o.partner.iso_code, o.city_en, o.kind, o.opened_year) for o in offices] == [
        ("US", "Atlanta", "office", None),
        ("US", "Boston", "office", None),
        ("US", "Chicago", "office", None),
        ("US", "Los Angeles", "office", None),
        ("US", "New York", "office", None),
        ("KR", "Seoul", "office", None),
        ("BR-SP", "São Paulo", "office", 2008),
        ("US", "Washington, D.C.", "office", None),
    ]
    assert Office.objects.get(city_en="Seoul").city_fr == "Séoul"


def test_science_and_technology_agreement_signed_1995_renewed_2005_and_2011(demo):
    agreement = Agreement.objects.get(slug_fr="entente-science-technologie-chine-1995")
    assert (agreement.signed_on, agreement.signed_on_precision) == (
        datetime.date(1995, 1, 1),
        "year",
    )
    for language in ("fr", "en"):
        with translation.override(language):
            assert agreement.signed_on_display == "1995"
    assert list(agreement.events.values_list("kind", "date", "date_precision")) == [
        ("signed", datetime.date(1995, 1, 1), "year"),
        ("renewed", datetime.date(2005, 1, 1), "year"),
        ("renewed", datetime.date(2011, 1, 1), "year"),
    ]
    assert [e.date_display for e in agreement.events.all()] == ["1995", "2005", "2011"]
    calls = agreement.funding_calls.values_list("number", "year", "budget_cad", "projects_funded")
    assert list(calls) == [
        (1, 2007, None, None),
        (2, None, None, None),
        (3, None, None, None),
        (4, 2016, None, None),
    ]
    assert "16 projects" in agreement.summary_en and "$9.2 million" in agreement.summary_en
    assert "16 projets" in agreement.summary_fr and "9,2 millions" in agreement.summary_fr
    assert "CA$1.5 million each over three years" in agreement.summary_en
    assert (agreement.status, agreement.reference) == ("in_force", "")


def test_education_agreement_signed_1980_and_renewed_seven_times_on_unknown_dates(demo):
    agreement = Agreement.objects.get(slug_fr="entente-education-chine-1980")
    assert agreement.signed_on_display == "1980"
    events = list(agreement.events.values_list("kind", "date", "date_precision"))
    assert (
        events
        == [("signed", datetime.date(1980, 1, 1), "year")] + [("renewed", None, "unknown")] * 7
    )
    with translation.override("en"):
        assert {e.date_display for e in agreement.events.filter(kind="renewed")} == {"date unknown"}


def test_law_enforcement_agreements_are_four_with_their_years(demo):
    law = Agreement.objects.filter(slug_fr__startswith="entente-information-application-loi-")
    found = sorted(
        (a.parties.get().iso_code, a.signed_on_display, a.status, list(a.sectors.all()))
        for a in law
    )
    security = [Sector.objects.get(slug_en="security")]
    assert found == [
        ("US-MA", "2007", "signed", security),
        ("US-ME", "2004", "signed", security),
        ("US-NH", "2004", "signed", security),
        ("US-VT", "2004", "signed", security),
    ]


def test_lake_champlain_has_exactly_two_parties(demo):
    champlain = Agreement.objects.get(slug_fr="entente-lac-champlain-2003")
    assert sorted(champlain.parties.values_list("iso_code", flat=True)) == ["US-NY", "US-VT"]
    assert champlain.signed_on_display == "2003"


def test_agreements_with_china_and_its_provinces_and_with_mexico(demo):
    years = dict(
        Agreement.objects.published()
        .filter(parties__iso_code__in=["CN-SD", "CN-SH", "MX-JAL", "MX-GUA", "MX-NLE"])
        .values_list("slug_fr", "signed_on_precision")
    )
    assert years == {
        "entente-amitie-echanges-shandong-2008": "year",
        "entente-cooperation-shanghai-2011": "year",
        "entente-science-technologie-shanghai": "unknown",
        "entente-science-technologie-shandong": "unknown",
        "entente-cooperation-jalisco-2006": "year",
        "entente-cooperation-guanajuato-2006": "year",
        "entente-cooperation-nuevo-leon-2009": "year",
    }
    unknown = Agreement.objects.get(slug_fr="entente-science-technologie-shanghai")
    assert unknown.signed_on is None
    with translation.override("fr"):
        assert unknown.signed_on_display == "date de signature inconnue"
    in_force = Agreement.objects.published().in_force().order_by("slug_fr")
    assert list(in_force.values_list("slug_fr", flat=True)) == [
        "entente-amitie-echanges-shandong-2008",
        "entente-cooperation-shanghai-2011",
        "entente-education-chine-1980",
        "entente-science-technologie-chine-1995",
        "entente-science-technologie-shandong",
        "entente-science-technologie-shanghai",
    ]


def test_the_2017_health_mission(demo):
    mission = Mission.objects.get(slug_fr="mission-sante-chine-2017")
    assert mission.is_published and mission.original_language == "fr"
    assert (mission.start_date, mission.end_date) == (
        datetime.date(2017, 9, 2),
        datetime.date(2017, 9, 10),
    )
    places = mission.places.select_related("partner")
    assert [(p.city_fr, p.partner.iso_code, p.position) for p in places] == [
        ("Shanghai", "CN-SH", 0),
        ("Qingdao", "CN-SD", 1),
        ("Jinan", "CN-SD", 2),
        ("Beijing", "CN", 3),
    ]
    assert [(m.name, m.title_en) for m in mission.delegation.all()] == [
        ("Dr Gaétan Barrette", "Minister of Health and Social Services"),
        ("M. Daniel Desharnais", "Chief of Staff to the Minister"),
        ("Dr Michel A. Bureau", "Associate Deputy Minister, Health Services and Academic Medicine"),
        (
            "Mme Valérie Fontaine",
            "Director, Intergovernmental Affairs and International Cooperation",
        ),
    ]
    assert mission.delegation.first().title_fr == "ministre de la Santé et des Services sociaux"
    # The report's French as written, typographic apostrophe included.
    assert [r.text_fr for r in mission.recommendations.all()] == [
        "Poursuivre les échanges et développer une offre concertée pour le Québec dans le domaine "
        "de la santé afin de promouvoir l\u2019expertise québécoise;",
        "Entreprendre des démarches avec le ministère des Relations internationales et de la "
        "Francophonie afin d\u2019actualiser les ententes signées avec la municipalité de Shanghai "
        "(2011) et la province du Shandong (2008).",
    ]
    assert all(r.text_en for r in mission.recommendations.all())
    with translation.override("fr"):
        assert len(mission.objective_list) == 4
        assert len(mission.result_list) == 4  # the report's lead-in, then its three results
        assert mission.result_list[0] == (
            "Les objectifs fixés pour cette mission ont été atteints. Plus précisément, celle-ci "
            "a notamment permis :"
        )
    with translation.override("en"):
        assert len(mission.objective_list) == 4
        assert len(mission.result_list) == 4
    assert (mission.written_on, mission.filed_on) == (
        datetime.date(2017, 9, 22),
        datetime.date(2017, 10, 11),
    )
    assert mission.author_unit_fr == (
        "Direction des affaires intergouvernementales et de la coopération internationale"
    )
    assert (mission.filed_by_fr, mission.filed_by_en) == (
        "Luc Castonguay, sous-ministre adjoint à la planification, l\u2019évaluation et la qualité",
        "Luc Castonguay, Assistant Deputy Minister for Planning, Evaluation and Quality",
    )
    signed = mission.agreements_signed.order_by("slug_fr")
    assert [
        (a.slug_fr, a.kind, a.signed_on, a.signed_on_precision, a.parties.get().iso_code)
        for a in signed
    ] == [
        (
            "protocole-prevention-controle-maladies-2017",
            "memorandum",
            datetime.date(2017, 9, 1),
            "month",
            "CN",
        ),
        (
            "protocole-technologies-medicales-2017",
            "memorandum",
            datetime.date(2017, 9, 1),
            "month",
            "CN",
        ),
    ]
    assert all(a.sectors.filter(slug_en="health").exists() for a in signed)
    with translation.override("en"):
        assert signed.first().signed_on_display == "September 2017"


def test_trade_with_china_gives_back_the_seed_figures(demo):
    china = Partner.objects.get(iso_code="CN")
    year, products = main_products(china)
    assert year == 2016
    assert main_products(china, year=2016) == (year, products)
    exports = products["export"]
    assert [(f.product.hs_code, round(f.share * 100, 1)) for f in exports] == [
        ("8802", 14.3),
        ("2601", 9.5),
        ("0203", 8.2),
        ("8703", 7.9),
        ("4705", 5.2),
    ]
    assert exports[0].product.label_en == "Airplanes, helicopters and other aerial vehicles"
    imports = products["import"]
    assert [(f.product.hs_code, round(f.share * 100, 1)) for f in imports] == [
        ("8471", 8.0),
        ("8517", 3.5),
        ("4202", 2.7),
        ("9503", 2.5),
        ("9405", 2.3),
    ]
    years = {row["year"]: row for row in yearly_trade([china.pk])}
    assert sorted(years) == [2015, 2016]
    assert years[2016]["exports"] == Decimal("3000000000")
    assert years[2016]["imports"] == Decimal("10800000000")
    assert years[2016]["total"] == Decimal("13800000000")
    assert round(years[2016]["exports"] / years[2015]["exports"] * 100 - 100, 1) == Decimal("12.1")
    assert round(years[2016]["imports"] / years[2015]["imports"] * 100 - 100, 1) == Decimal("0.9")
    assert round(years[2016]["change"] * 100, 1) == Decimal("3.1")
    assert not TradeFigure.objects.by_product().filter(year=2015).exists()


def test_trade_with_south_korea_is_the_2016_two_way_total(demo):
    figures = TradeFigure.objects.filter(partner__iso_code="KR")
    assert list(figures.values_list("year", "flow", "product", "value_cad")) == [
        (2016, "total", None, Decimal("2100000000")),
    ]


def test_drafts_exist_and_published_leaves_them_out(demo):
    # Every partner the seeds name has its profile published (Catalonia too, seed 003).
    assert not Partner.objects.exclude(is_reference=True).drafts().exists()
    assert sorted(Agreement.objects.drafts().values_list("slug_fr", "status")) == [
        ("actualisation-entente-shandong", "negotiation"),
        ("actualisation-entente-shanghai", "negotiation"),
    ]
    assert Agreement.objects.count() == 18
    assert Agreement.objects.published().count() == 16
    assert not Agreement.objects.published().filter(slug_fr__startswith="actualisation-").exists()
    assert Partner.objects.published().filter(iso_code="ES-CT").exists()
    assert Agreement.objects.drafts().filter(published_at__isnull=False).count() == 0
    published = [*Partner.objects.published(), *Agreement.objects.published()]
    assert all(record.published_at is not None for record in published)
