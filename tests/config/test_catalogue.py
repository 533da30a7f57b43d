"""The open-data catalogue: its page in each language, its DCAT-AP catalogue (which rdflib reads,
every dataset titled in both languages, licensed, with downloads that answer), and the schema.org
data of the record pages."""

import datetime
import json
import re
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner
from partners.publishing.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
CC_BY = rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
TITLES = {
    "en": [
        "Québec's international partners",
        "Québec's international agreements",
        "Reports of ministerial missions abroad",
        "Québec's trade in goods with its partners",
    ],
    "fr": [
        "Les partenaires internationaux du Québec",
        "Les ententes internationales du Québec",
        "Rapports des missions ministérielles à l\u2019étranger",
        "Le commerce de marchandises du Québec avec ses partenaires",
    ],
}


def parsed_catalogue(client) -> rdflib.Graph:
    response = client.get("/catalogue.jsonld")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return rdflib.Graph().parse(data=response.content.decode(), format="json-ld")


def test_the_dcat_catalogue_parses_and_every_dataset_is_complete(client, demo):
    graph = parsed_catalogue(client)
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert catalogues == [rdflib.URIRef("http://testserver/catalogue.jsonld")]
    datasets = list(graph.objects(catalogues[0], DCAT.dataset))
    assert len(datasets) == 4
    titles = {"fr": [], "en": []}
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        languages = {title.language: str(title) for title in graph.objects(dataset, DCTERMS.title)}
        assert set(languages) == {"fr", "en"}
        for code, title in languages.items():
            titles[code].append(title)
        descriptions = {d.language for d in graph.objects(dataset, DCTERMS.description)}
        assert descriptions == {"fr", "en"}
        assert list(graph.objects(dataset, DCTERMS.license)) == [CC_BY]
        if not str(dataset).endswith("#trade"):  # the demo's figures come from no import
            assert graph.value(dataset, DCTERMS.modified) is not None
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) >= 4  # CSV and JSON (and Excel for trade), in each language
        for distribution in distributions:
            address = urlsplit(str(graph.value(distribution, DCAT.downloadURL)))
            response = client.get(f"{address.path}?{address.query}")
            assert response.status_code == HTTPStatus.OK, address
            media = str(graph.value(distribution, DCAT.mediaType))
            assert response["Content-Type"].split(";")[0] == media
            assert list(graph.objects(distribution, DCTERMS.license)) == [CC_BY]
    assert sorted(titles["en"]) == sorted(TITLES["en"])
    assert sorted(titles["fr"]) == sorted(TITLES["fr"])


def test_a_dataset_s_update_date_is_its_latest_published_change(client, db):
    moment = datetime.datetime(2026, 3, 2, 14, 5, tzinfo=datetime.UTC)
    factories.AgreementFactory(slug="old")
    Agreement.objects.filter(slug_fr="old").update(updated_at=moment)
    factories.AgreementFactory(slug="draft", publication_status=PublicationStatus.DRAFT)
    Agreement.objects.filter(slug_fr="draft").update(updated_at=moment + datetime.timedelta(days=9))
    data = client.get("/catalogue.jsonld").json()
    agreements = next(d for d in data["dcat:dataset"] if d["dct:identifier"] == "agreements")
    assert agreements["dct:modified"] == {"@value": "2026-03-02T14:05:00Z", "@type": "xsd:dateTime"}
    trade = next(d for d in data["dcat:dataset"] if d["dct:identifier"] == "trade")
    assert "dct:modified" not in trade  # no figure yet


@pytest.mark.parametrize(
    ("address", "language", "heading", "licence"),
    [
        (
            "/fr/donnees-ouvertes/",
            "fr",
            "Données ouvertes",
            'Licence\u00a0: <a href="https://creativecommons.org/licenses/by/4.0/" '
            'rel="license">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>.',
        ),
        (
            "/en/open-data/",
            "en",
            "Open data",
            'Licence: <a href="https://creativecommons.org/licenses/by/4.0/" '
            'rel="license">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>.',
        ),
    ],
)
def test_the_open_data_page_lists_the_datasets(client, db, address, language, heading, licence):
    factories.AgreementFactory(slug="one")
    Agreement.objects.update(updated_at=datetime.datetime(2026, 7, 2, 16, tzinfo=datetime.UTC))
    response = client.get(address)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == language
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert licence in page
    headings = re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', page)
    assert [h.replace("&#x27;", "'") for h in headings] == TITLES[language]
    agreements_list = {"fr": "/fr/ententes/", "en": "/en/agreements/"}[language]
    assert f'<a href="{agreements_list}?format=csv" download>CSV</a>' in page
    trade = {"fr": "/fr/commerce/", "en": "/en/trade/"}[language]
    assert f'<a href="{trade}?format=xlsx" download>XLSX</a>' in page
    updated = {"fr": "2 juillet 2026", "en": "July 2, 2026"}[language]
    assert f"<dd>{updated}</dd>" in page
    fields = {"fr": "20 champs", "en": "20 fields"}[language]
    assert f"<summary>{fields}</summary>" in page
    assert "<td><code>signed_on</code></td>" in page
    assert 'href="/catalogue.jsonld"' in page
    no_data = {"fr": "aucune donnée pour l\u2019instant", "en": "no data yet"}[language]
    assert page.count(f"<dd>{no_data}</dd>") == 2  # no mission, no trade figure


def test_figures_without_an_import_say_their_date_is_not_recorded(client, db):
    factories.TradeFigureFactory(partner=factories.PartnerFactory())
    page = client.get("/en/open-data/").content.decode()
    assert page.count("<dd>date not recorded</dd>") == 1


def json_ld(page: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_an_agreement_page_carries_its_legislation_data(client, db, settings, tmp_path):
    china = factories.PartnerFactory(
        slug="cn", name_fr="Chine", name_en="China", kind="state", iso_code="CN"
    )
    factories.AgreementFactory(
        slug="entente-science",
        slug_en="science-agreement",
        title_fr="Entente en science",
        title_en="Science agreement",
        reference="S-1",
        status="in_force",
        signed_on=datetime.date(1995, 1, 1),
        signed_on_precision="year",
        parties=[china],
    )
    data = json_ld(client.get("/en/agreements/science-agreement/").content.decode())
    assert data == {
        "@context": "https://schema.org",
        "url": "http://testserver/en/agreements/science-agreement/",
        "@type": "Legislation",
        "name": "Science agreement",
        "inLanguage": "en",
        "legislationType": "agreement (entente)",
        "legislationLegalForce": "https://schema.org/InForce",
        "legislationPassedBy": [
            {"@type": "State", "name": "Québec"},
            {
                "@type": "Country",
                "name": "China",
                "url": "http://testserver/en/partners/cn/",
                "identifier": "CN",
            },
        ],
        "legislationIdentifier": "S-1",
        "legislationDate": "1995",
    }
    french = json_ld(client.get("/fr/ententes/entente-science/").content.decode())
    assert french["url"] == "http://testserver/fr/ententes/entente-science/"
    assert (french["name"], french["inLanguage"], french["legislationType"]) == (
        "Entente en science",
        "fr",
        "entente",
    )


def test_a_mission_page_is_an_event_and_a_partner_page_a_place(client, db):
    china = factories.PartnerFactory(slug="cn", name_fr="Chine", name_en="China", kind="state")
    shanghai = factories.PartnerFactory(
        slug="cn-sh", name_en="Shanghai", kind="municipality", parent=china
    )
    mission = factories.MissionFactory(
        slug="m",
        slug_en="mission-to-china",
        title_en="Mission to China",
        ministry_en="Ministry of Health",
    )
    factories.MissionPlaceFactory(mission=mission, city_en="Shanghai", partner=shanghai)
    data = json_ld(client.get("/en/missions/mission-to-china/").content.decode())
    assert data["@type"] == "Event"
    assert (data["name"], data["startDate"], data["endDate"]) == (
        "Mission to China",
        mission.start_date.isoformat(),
        mission.end_date.isoformat(),
    )
    assert data["organizer"] == {"@type": "GovernmentOrganization", "name": "Ministry of Health"}
    assert data["location"][0]["name"] == "Shanghai"
    assert data["location"][0]["containedInPlace"]["@type"] == "City"
    partner = json_ld(client.get("/en/partners/cn-sh/").content.decode())
    assert (partner["@type"], partner["name"]) == ("City", "Shanghai")
    assert partner["containedInPlace"]["url"] == "http://testserver/en/partners/cn/"


def test_a_record_s_text_cannot_close_the_script(client, db):
    hostile = '</script><script>alert("x")</script> & <!--'
    factories.AgreementFactory(slug="hostile", slug_en="hostile", title_en=hostile)
    page = client.get("/en/agreements/hostile/").content.decode()
    head = page.split("</head>")[0]
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)[1]
    assert "<" not in script and ">" not in script and "&" not in script
    assert '\\u003C/script\\u003E\\u003Cscript\\u003Ealert(\\"x\\")' in script
    assert '</script><script>alert("x")' not in page
    assert json_ld(head)["name"] == hostile


def test_the_catalogue_and_record_data_hold_no_draft(client, db):
    factories.AgreementFactory(slug="secret", publication_status=PublicationStatus.DRAFT)
    factories.MissionFactory(slug="hidden", publication_status=PublicationStatus.DRAFT)
    body = client.get("/catalogue.jsonld").content.decode()
    assert "secret" not in body and "hidden" not in body
    assert client.get("/en/agreements/secret/").status_code == HTTPStatus.NOT_FOUND
    assert Agreement.objects.count() == 1 and Mission.objects.count() == 1
    assert Partner.objects.count() >= 1
