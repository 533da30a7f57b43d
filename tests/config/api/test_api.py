"""The read-only API: exact answers of each record type, filters, pages, errors, conditional
GET, CORS and query counts."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missions.models import Recommendation
from partners.models import Partner
from partners.publishing.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 17, 30, tzinfo=datetime.UTC)
STAMP = "2026-03-02T12:30:00-05:00"  # NOW in the site's time zone (America/Montreal)
PUBLISHED = datetime.datetime(2019, 12, 20, 19, 44, tzinfo=datetime.UTC)
PUBLISHED_STAMP = "2019-12-20T14:44:00-05:00"
DRAFT = {"publication_status": PublicationStatus.DRAFT, "published_at": None}
SERVER = "http://testserver"


@pytest.fixture
def world(db):
    """A small world made at NOW: a sector, China with Shandong (and a draft sub-partner), an
    office, an agreement signed in 2011 (year only) with its renewal and a call, a mission with
    its stop, delegate, recommendation and follow-ups (one private), and trade figures."""
    with time_machine.travel(NOW, tick=False):
        health = factories.SectorFactory(
            slug="health",
            name_fr="Santé",
            name_en="Health",
            description_fr="Coopération en santé.",
            description_en="Health cooperation.",
            position=4,
        )
        china = factories.PartnerFactory(
            slug="cn",
            name_fr="Chine",
            name_en="China",
            kind="state",
            iso_code="CN",
            world_region="AS",
            overview_fr="Premier partenaire commercial du Québec en Asie.",
            overview_en="Québec's largest trading partner in Asia.",
            since_year=1970,
            published_at=PUBLISHED,
        )
        china.sectors.add(health)
        shandong = factories.PartnerFactory(
            slug="cn-sd",
            name_fr="Shandong",
            name_en="Shandong",
            iso_code="CN-SD",
            kind="federated",
            world_region="AS",
            parent=china,
            published_at=PUBLISHED,
        )
        factories.PartnerFactory(slug="cn-zz", parent=china, name_fr="Brouillon", **DRAFT)
        factories.OfficeFactory(
            partner=china,
            name_fr="Bureau du Québec à Beijing",
            name_en="Québec Office in Beijing",
            city_fr="Pékin",
            city_en="Beijing",
            kind="office",
            opened_year=1998,
        )
        agreement = factories.AgreementFactory(
            slug="entente-shandong-2011",
            slug_en="cooperation-agreement-with-shandong",
            reference="2011-017",
            title_fr="Entente de coopération avec le Shandong",
            title_en="Cooperation agreement with Shandong",
            summary_fr="Coopération en santé.",
            summary_en="Cooperation in health.",
            kind="agreement",
            status="in_force",
            signed_on=datetime.date(2011, 1, 1),
            signed_on_precision="year",
            signature_place_fr="Jinan",
            signature_place_en="Jinan",
            in_force_on=datetime.date(2011, 6, 1),
            parties=[shandong],
            published_at=PUBLISHED,
        )
        agreement.sectors.add(health)
        factories.AgreementEventFactory(
            agreement=agreement,
            kind="renewed",
            date=datetime.date(2016, 9, 1),
            date_precision="month",
            note_fr="Renouvelée pour cinq ans.",
            note_en="Renewed for five years.",
        )
        factories.FundingCallFactory(
            agreement=agreement,
            number=1,
            year=2012,
            budget_cad=Decimal("150000.00"),
            projects_funded=6,
        )
        mission = factories.MissionFactory(
            slug="mission-sante-chine-2017",
            slug_en="mission-to-china",
            title_fr="Mission en Chine",
            title_en="Mission to China",
            summary_fr="Mission ministérielle à Jinan.",
            summary_en="",
            objectives_fr="- consolider les liens;\n- développer les collaborations.",
            objectives_en="- strengthen ties;\n- develop collaboration.",
            results_fr="Deux ententes signées.",
            results_en="Two agreements signed.",
            published_at=PUBLISHED,
        )
        mission.sectors.add(health)
        mission.agreements_signed.add(agreement)
        factories.MissionPlaceFactory(
            mission=mission, city_fr="Jinan", city_en="Jinan", partner=shandong
        )
        factories.DelegationMemberFactory(
            mission=mission, name="Gaétan Barrette", title_fr="Ministre", title_en="Minister"
        )
        recommendation = Recommendation.objects.create(
            mission=mission, text_fr="Poursuivre les échanges.", text_en="Pursue the exchanges."
        )
        recommendation.follow_ups.create(
            description_fr="Accueillir une délégation.",
            description_en="Host a delegation.",
            responsible_unit_fr="Direction Asie",
            responsible_unit_en="Asia branch",
            due_on=datetime.date(2018, 6, 30),
            status="done",
            is_public=True,
        )
        recommendation.follow_ups.create(
            description_fr="Note interne.",
            description_en="Internal note.",
            responsible_unit_fr="Cabinet",
            responsible_unit_en="Office",
            is_public=False,
        )
        pork = factories.ProductFactory(hs_code="0203", label_fr="Viandes de porc", label_en="Pork")
        for year, exports, imports in ((2015, 100, 400), (2016, 150, 350)):
            factories.TradeFigureFactory(partner=china, year=year, flow="export", value_cad=exports)
            factories.TradeFigureFactory(partner=china, year=year, flow="import", value_cad=imports)
        factories.TradeFigureFactory(
            partner=china, year=2016, flow="export", product=pork, value_cad=Decimal("42.50")
        )
    return {"china": china, "shandong": shandong, "agreement": agreement, "mission": mission}


def get(client, path, **headers):
    return client.get(path, headers=headers)


def pages(path_fr, path_en, slug, english=None):
    """The record's page in each language: its slug in each (`english`, if it has its own)."""
    return {
        "fr": f"{SERVER}/fr/{path_fr}/{slug}/",
        "en": f"{SERVER}/en/{path_en}/{english or slug}/",
    }


HEALTH_REF = {
    "slug": "health",
    "name": {"fr": "Santé", "en": "Health"},
    "api_url": f"{SERVER}/api/v1/sectors/health/",
}
SHANDONG_REF = {
    "slug": "cn-sd",
    "iso_code": "CN-SD",
    "kind": "federated",
    "name": {"fr": "Shandong", "en": "Shandong"},
    "updated_at": STAMP,
    "page": pages("partenaires", "partners", "cn-sd"),
    "api_url": f"{SERVER}/api/v1/partners/cn-sd/",
}
CHINA_REF = {
    "slug": "cn",
    "iso_code": "CN",
    "kind": "state",
    "name": {"fr": "Chine", "en": "China"},
    "updated_at": STAMP,
    "page": pages("partenaires", "partners", "cn"),
    "api_url": f"{SERVER}/api/v1/partners/cn/",
}
CHINA = {
    "slug": "cn",
    "iso_code": "CN",
    "kind": "state",
    "kind_label": {"fr": "pays ou territoire", "en": "country or territory"},
    "world_region": "AS",
    "world_region_label": {"fr": "Asie", "en": "Asia"},
    "name": {"fr": "Chine", "en": "China"},
    "overview": {
        "fr": "Premier partenaire commercial du Québec en Asie.",
        "en": "Québec's largest trading partner in Asia.",
    },
    "since_year": 1970,
    "parent": None,
    "children": [SHANDONG_REF],
    "offices": [
        {
            "name": {"fr": "Bureau du Québec à Beijing", "en": "Québec Office in Beijing"},
            "city": {"fr": "Pékin", "en": "Beijing"},
            "kind": "office",
            "kind_label": {"fr": "bureau", "en": "government office"},
            "opened_year": 1998,
            "closed_year": None,
        }
    ],
    "sectors": [HEALTH_REF],
    # Counted as the dossier counts them: Shandong's agreement is one of China's.
    "agreements_in_force": 1,
    "languages": ["fr", "en"],
    "published_at": PUBLISHED_STAMP,
    "updated_at": STAMP,
    "page": pages("partenaires", "partners", "cn"),
    "api_url": f"{SERVER}/api/v1/partners/cn/",
}
MISSION_REF = {
    "slug": "mission-sante-chine-2017",
    "title": {"fr": "Mission en Chine", "en": "Mission to China"},
    "start_date": "2017-09-02",
    "end_date": "2017-09-10",
    "updated_at": STAMP,
    "page": pages("missions", "missions", "mission-sante-chine-2017", "mission-to-china"),
    "api_url": f"{SERVER}/api/v1/missions/mission-sante-chine-2017/",
}
AGREEMENT = {
    "slug": "entente-shandong-2011",
    "reference": "2011-017",
    "kind": "agreement",
    "kind_label": {"fr": "entente", "en": "agreement (entente)"},
    "status": "in_force",
    "status_label": {"fr": "en vigueur", "en": "in force"},
    "title": {
        "fr": "Entente de coopération avec le Shandong",
        "en": "Cooperation agreement with Shandong",
    },
    "summary": {"fr": "Coopération en santé.", "en": "Cooperation in health."},
    "signed_on": "2011",
    "signed_on_precision": "year",
    "signature_place": {"fr": "Jinan", "en": "Jinan"},
    "in_force_on": "2011-06-01",
    "ends_on": None,
    "renewal_due_on": None,
    "parties": [SHANDONG_REF],
    "sectors": [HEALTH_REF],
    "events": [
        {
            "kind": "renewed",
            "kind_label": {"fr": "renouvelée", "en": "renewed"},
            "date": "2016-09",
            "date_precision": "month",
            "note": {"fr": "Renouvelée pour cinq ans.", "en": "Renewed for five years."},
        }
    ],
    "funding_calls": [
        {
            "number": 1,
            "year": 2012,
            "budget_cad": 150000.0,
            "projects_funded": 6,
            "note": {"fr": None, "en": None},
        }
    ],
    "document": None,
    "missions": [MISSION_REF],
    "languages": ["fr", "en"],
    "published_at": PUBLISHED_STAMP,
    "updated_at": STAMP,
    "page": pages(
        "ententes", "agreements", "entente-shandong-2011", "cooperation-agreement-with-shandong"
    ),
    "api_url": f"{SERVER}/api/v1/agreements/entente-shandong-2011/",
}
MISSION = {
    "slug": "mission-sante-chine-2017",
    "title": {"fr": "Mission en Chine", "en": "Mission to China"},
    "ministry": {
        "fr": "Ministère de la Santé et des Services sociaux",
        "en": "Ministry of Health and Social Services",
    },
    "start_date": "2017-09-02",
    "end_date": "2017-09-10",
    "original_language": "fr",
    "summary": {"fr": "Mission ministérielle à Jinan.", "en": None},
    "accompanying_organisations": {"fr": None, "en": None},
    "context": {"fr": None, "en": None},
    "objectives": {
        "fr": ["consolider les liens;", "développer les collaborations."],
        "en": ["strengthen ties;", "develop collaboration."],
    },
    "results": {"fr": ["Deux ententes signées."], "en": ["Two agreements signed."]},
    "places": [{"city": {"fr": "Jinan", "en": "Jinan"}, "partner": SHANDONG_REF}],
    "delegation": [{"name": "Gaétan Barrette", "title": {"fr": "Ministre", "en": "Minister"}}],
    "recommendations": [
        {
            "text": {"fr": "Poursuivre les échanges.", "en": "Pursue the exchanges."},
            "follow_ups": [
                {
                    "description": {
                        "fr": "Accueillir une délégation.",
                        "en": "Host a delegation.",
                    },
                    "responsible_unit": {"fr": "Direction Asie", "en": "Asia branch"},
                    "due_on": "2018-06-30",
                    "status": "done",
                    "status_label": {"fr": "réalisée", "en": "done"},
                    "updated_at": STAMP,
                }
            ],
        }
    ],
    "sectors": [HEALTH_REF],
    "agreements_signed": [
        {
            "slug": "entente-shandong-2011",
            "reference": "2011-017",
            "title": AGREEMENT["title"],
            "status": "in_force",
            "signed_on": "2011",
            "updated_at": STAMP,
            "page": AGREEMENT["page"],
            "api_url": AGREEMENT["api_url"],
        }
    ],
    "author_unit": {"fr": None, "en": None},
    "written_on": None,
    "filed_by": {"fr": None, "en": None},
    "filed_on": None,
    "languages": ["fr", "en"],
    "published_at": PUBLISHED_STAMP,
    "updated_at": STAMP,
    "page": pages("missions", "missions", "mission-sante-chine-2017", "mission-to-china"),
    "api_url": f"{SERVER}/api/v1/missions/mission-sante-chine-2017/",
}
SECTOR = {
    **HEALTH_REF,
    "description": {"fr": "Coopération en santé.", "en": "Health cooperation."},
    "position": 4,
    "page": {
        "fr": f"{SERVER}/fr/secteurs/health/",
        "en": f"{SERVER}/en/sectors/health/",
    },
}
SECTOR = {
    key: SECTOR[key] for key in ("slug", "name", "description", "position", "page", "api_url")
}
TRADE_2016 = {
    "partner": CHINA_REF,
    "year": 2016,
    "exports": 150.0,
    "imports": 350.0,
    "total": 500.0,
    "balance": -200.0,
    "change": 0.0,
}
PORK_2016 = {
    "partner": CHINA_REF,
    "year": 2016,
    "flow": "export",
    "flow_label": {"fr": "exportations", "en": "exports"},
    "product": {"hs_code": "0203", "label": {"fr": "Viandes de porc", "en": "Pork"}},
    "value_cad": 42.5,
}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/sectors/health/", SECTOR),
        ("/api/v1/partners/cn/", CHINA),
        ("/api/v1/agreements/entente-shandong-2011/", AGREEMENT),
        ("/api/v1/missions/mission-sante-chine-2017/", MISSION),
    ],
)
def test_a_record_in_both_languages_whatever_the_request_language(
    client, world, path, expected, language
):
    response = get(client, path, accept_language=language)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response.json() == expected


@pytest.mark.parametrize("language", ["fr", "en"])
def test_lists_give_the_same_objects(client, world, language):
    def results(path):
        return get(client, path, accept_language=language).json()["results"]

    assert results("/api/v1/sectors/") == [SECTOR]
    assert results("/api/v1/partners/") == [CHINA, partner_json(world["shandong"])]
    assert results("/api/v1/agreements/") == [AGREEMENT]
    assert results("/api/v1/missions/") == [MISSION]
    assert (
        results("/api/v1/trade/")
        == [
            TRADE_2016
            | {
                "change": None,
                "year": 2015,
                "exports": 100.0,
                "imports": 400.0,
                "total": 500.0,
                "balance": -300.0,
            },
            TRADE_2016,
        ][::-1]
    )
    assert results("/api/v1/trade/products/") == [PORK_2016]


def partner_json(shandong):
    return {
        **SHANDONG_REF,
        "kind_label": {"fr": "État fédéré ou province", "en": "federated state or province"},
        "world_region": "AS",
        "world_region_label": {"fr": "Asie", "en": "Asia"},
        "overview": {"fr": None, "en": None},
        "since_year": None,
        "parent": CHINA_REF,
        "children": [],
        "offices": [],
        "sectors": [],
        "agreements_in_force": 1,
        "languages": ["fr", "en"],
        "published_at": PUBLISHED_STAMP,
        "updated_at": STAMP,
    }


def slugs(client, path, **headers):
    response = get(client, path, **headers)
    assert response.status_code == HTTPStatus.OK, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_lists_take_their_public_lists_filters(client, world):
    assert slugs(client, "/api/v1/partners/?kind=federated") == ["cn-sd"]
    assert slugs(client, "/api/v1/partners/?region=EU") == []
    assert slugs(client, "/api/v1/partners/?sector=health") == ["cn"]
    assert slugs(client, "/api/v1/partners/?agreements=yes") == ["cn", "cn-sd"]
    assert slugs(client, "/api/v1/partners/?agreements=no") == []
    # China's agreements include its provinces', as on the public list.
    assert slugs(client, "/api/v1/agreements/?partner=cn") == ["entente-shandong-2011"]
    assert slugs(client, "/api/v1/agreements/?status=expired") == []
    assert slugs(client, "/api/v1/agreements/?year_from=2011&year_to=2011") == [
        "entente-shandong-2011"
    ]
    assert slugs(client, "/api/v1/agreements/?year_from=2012") == []
    assert slugs(client, "/api/v1/agreements/?q=cooperation", accept_language="en") == [
        "entente-shandong-2011"
    ]
    assert slugs(client, "/api/v1/agreements/?q=cooperation", accept_language="fr") == [
        "entente-shandong-2011"  # accents ignored: "coopération"
    ]
    assert slugs(client, "/api/v1/agreements/?q=health", accept_language="fr") == []
    assert slugs(client, "/api/v1/missions/?partner=cn&year=2017") == ["mission-sante-chine-2017"]
    assert slugs(client, "/api/v1/missions/?year=2016") == []
    assert slugs(client, "/api/v1/missions/?ministry=Ministry of Health and Social Services") == [
        "mission-sante-chine-2017"
    ]
    trade = get(client, "/api/v1/trade/?partner=cn&year_from=2016").json()
    assert trade["results"] == [TRADE_2016]
    assert get(client, "/api/v1/trade/?sort=exports&order=asc").json()["results"][0]["year"] == 2015
    products = "/api/v1/trade/products/"
    assert get(client, products + "?flow=export&product=0203").json()["results"] == [PORK_2016]
    assert get(client, products + "?flow=import").json()["results"] == []
    assert get(client, products + "?year_to=2015").json()["results"] == []


def test_pages_link_to_their_neighbours(client, world):
    first = get(client, "/api/v1/partners/?page_size=1&kind=")
    assert first.json()["count"] == 2
    assert first.json()["next"] == f"{SERVER}/api/v1/partners/?kind=&page=2&page_size=1"
    assert first.json()["previous"] is None
    assert first["Link"] == f'<{SERVER}/api/v1/partners/?kind=&page=2&page_size=1>; rel="next"'
    second = get(client, first.json()["next"])
    assert [item["slug"] for item in second.json()["results"]] == ["cn-sd"]
    assert second.json()["next"] is None
    assert second.json()["previous"] == f"{SERVER}/api/v1/partners/?kind=&page_size=1"
    assert second["Link"] == f'<{SERVER}/api/v1/partners/?kind=&page_size=1>; rel="prev"'


@pytest.mark.parametrize(
    ("path", "status", "french", "english"),
    [
        (
            "/api/v1/agreements/?year_from=abc",
            400,
            {"year_from": ["Saisissez un nombre."]},
            {"year_from": ["Enter a number."]},
        ),
        (
            "/api/v1/agreements/?year_from=1800",
            400,
            {"year_from": ["Assurez-vous que cette valeur est supérieure ou égale à 1900."]},
            {"year_from": ["Ensure this value is greater than or equal to 1900."]},
        ),
        (
            "/api/v1/missions/?partner=atlantide",
            400,
            {
                "partner": [
                    "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
                ]
            },
            {
                "partner": [
                    "Select a valid choice. That choice is not one of the available choices."
                ]
            },
        ),
        (
            "/api/v1/trade/?year_from=2016&year_to=2015",
            400,
            {"__all__": ["La première année doit précéder la dernière."]},
            {"__all__": ["The first year must come before the last."]},
        ),
        (
            "/api/v1/partners/?page_size=0",
            400,
            {"page_size": ["Saisissez un nombre entier de 1 à 100."]},
            {"page_size": ["Enter a whole number from 1 to 100."]},
        ),
        (
            "/api/v1/partners/?page=3",
            404,
            {"detail": "Page non valide."},
            {"detail": "Invalid page."},
        ),
        (
            "/api/v1/partners/?page_size=",
            400,
            {"page_size": ["Saisissez un nombre entier de 1 à 100."]},
            {"page_size": ["Enter a whole number from 1 to 100."]},
        ),
        (
            "/api/v1/partners/?page=",
            404,
            {"detail": "Page non valide."},
            {"detail": "Invalid page."},
        ),
        (
            "/api/v1/partners/?page=abc",
            404,
            {"detail": "Page non valide."},
            {"detail": "Invalid page."},
        ),
        ("/api/v1/agreements/atlantide/", 404, {"detail": "Non trouvé."}, {"detail": "Not found."}),
        ("/api/v1/partners/cn-zz/", 404, {"detail": "Non trouvé."}, {"detail": "Not found."}),
        ("/api/v1/nowhere/%0A/", 404, {"detail": "Non trouvé."}, {"detail": "Not found."}),
    ],
)
def test_bad_input_answers_json_in_the_request_language(
    client, world, path, status, french, english
):
    for language, expected in (("fr", french), ("en", english)):
        response = get(client, path, accept_language=language)
        assert response.status_code == status
        assert response["Content-Type"] == "application/json"
        assert response.json() == expected


def test_the_api_only_reads(client, world):
    response = client.post("/api/v1/partners/", {"slug": "x"})
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response.json() == {"detail": "Méthode «\xa0POST\xa0» non autorisée."}
    assert Partner.objects.count() == 3


def test_an_unchanged_answer_is_not_sent_again(client, world):
    path = "/api/v1/partners/cn/"
    first = get(client, path)
    etag = first["ETag"]
    assert first["Last-Modified"] == "Mon, 02 Mar 2026 17:30:00 GMT"
    again = get(client, path, if_none_match=etag)
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""
    since = get(client, path, if_modified_since="Mon, 02 Mar 2026 17:30:00 GMT")
    assert since.status_code == HTTPStatus.NOT_MODIFIED
    listed = get(client, "/api/v1/partners/")
    assert get(client, "/api/v1/partners/", if_none_match=listed["ETag"]).status_code == 304
    # A change of the record (here, of its child's name) is a new answer.
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        world["shandong"].name_en = "Shandong Province"
        world["shandong"].save()
    changed = get(client, path, if_none_match=etag)
    assert changed.status_code == HTTPStatus.OK
    assert changed["ETag"] != etag
    assert changed["Last-Modified"] == "Tue, 03 Mar 2026 17:30:00 GMT"
    assert changed.json()["children"][0]["name"]["en"] == "Shandong Province"
    stale = get(client, path, if_modified_since="Mon, 02 Mar 2026 17:30:00 GMT")
    assert stale.status_code == HTTPStatus.OK


def test_any_site_may_read_the_api(client, world):
    response = get(client, "/api/v1/agreements/", origin="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == "ETag, Last-Modified, Link"
    preflight = client.options(
        "/api/v1/agreements/",
        headers={
            "origin": "https://data.example.org",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert preflight.status_code == HTTPStatus.OK
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    page = get(client, "/fr/ententes/", origin="https://data.example.org")
    assert "Access-Control-Allow-Origin" not in page


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert get(client, path).status_code == HTTPStatus.OK
    return len(captured)


# Every list's queries: the count, the page, then one per kind of child (and the filter's
# choice when a record is chosen), however many records the page holds.
LIST_QUERIES = {
    "/api/v1/sectors/": 2,
    "/api/v1/partners/": 5,
    "/api/v1/partners/?sector=health": 6,
    "/api/v1/agreements/": 7,
    "/api/v1/agreements/?partner=cn": 9,
    "/api/v1/missions/": 9,
    "/api/v1/missions/?partner=cn": 11,
    "/api/v1/trade/": 3,
    "/api/v1/trade/?partner=cn": 3,
    "/api/v1/trade/products/": 2,
    "/api/v1/trade/products/?partner=cn": 3,
}


def test_each_list_reads_a_fixed_number_of_queries(client, world):
    counted = {path: queries(client, path) for path in LIST_QUERIES}
    assert counted == LIST_QUERIES
    china, shandong = world["china"], world["shandong"]
    for number in range(5):
        partner = factories.PartnerFactory(parent=china, world_region="AS")
        factories.OfficeFactory(partner=partner)
        agreement = factories.AgreementFactory(parties=[partner, shandong])
        factories.AgreementEventFactory(agreement=agreement)
        factories.FundingCallFactory(agreement=agreement)
        mission = factories.MissionFactory()
        factories.MissionPlaceFactory(mission=mission, partner=partner)
        factories.DelegationMemberFactory(mission=mission)
        mission.agreements_signed.add(agreement)
        factories.TradeFigureFactory(partner=partner, year=2016 + number)
    assert {path: queries(client, path) for path in LIST_QUERIES} == LIST_QUERIES
