"""CSV and JSON downloads of the lists: exactly the filtered records, every public field with
identifiers and ISO dates at their precision, the same way for partners, agreements and
missions; CSV header in the page's language, JSON keys in English."""

import csv
import datetime
import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement
from partners.publishing.exports import export_response, iso_date, iso_datetime, safe_cell
from partners.publishing.models import DatePrecision, PublicationStatus
from tests import factories
from tests.agreements.pdfs import make_pdf

pytestmark = pytest.mark.django_db
DRAFT = {"publication_status": PublicationStatus.DRAFT, "published_at": None}

AGREEMENT_HEADER = {
    "en": [
        "Identifier",
        "Page",
        "Title",
        "Reference number",
        "Kind (code)",
        "Kind",
        "Status (code)",
        "Status",
        "Parties (identifiers)",
        "Parties",
        "Sectors (identifiers)",
        "Sectors",
        "Signature date",
        "Place of signature",
        "Entry into force",
        "End date",
        "Summary",
        "Full text (PDF)",
        "Language of the full text",
        "Last modified",
    ],
    "fr": [
        "Identifiant",
        "Page",
        "Titre",
        "Numéro de référence",
        "Type (code)",
        "Type",
        "Statut (code)",
        "Statut",
        "Parties (identifiants)",
        "Parties",
        "Secteurs (identifiants)",
        "Secteurs",
        "Date de signature",
        "Lieu de signature",
        "Entrée en vigueur",
        "Date de fin",
        "Résumé",
        "Texte intégral (PDF)",
        "Langue du texte intégral",
        "Dernière modification",
    ],
}
AGREEMENT_KEYS = [
    "id",
    "url",
    "title",
    "reference",
    "kind",
    "kind_label",
    "status",
    "status_label",
    "party_ids",
    "parties",
    "sector_ids",
    "sectors",
    "signed_on",
    "signature_place",
    "in_force_on",
    "ends_on",
    "summary",
    "full_text_url",
    "full_text_language",
    "last_modified",
]
MISSION_HEADER = {
    "en": [
        "Identifier",
        "Page",
        "Title",
        "Ministry",
        "Start date",
        "End date",
        "Original language",
        "Places",
        "Partners visited (identifiers)",
        "Delegation",
        "Accompanying organisations",
        "Sectors (identifiers)",
        "Sectors",
        "Summary",
        "Context",
        "Objectives",
        "Results",
        "Agreements signed (identifiers)",
        "Written by",
        "Written on",
        "Filed by",
        "Filed on",
        "Last modified",
    ],
    "fr": [
        "Identifiant",
        "Page",
        "Titre",
        "Ministère",
        "Date de début",
        "Date de fin",
        "Langue d\u2019origine",
        "Lieux",
        "Partenaires visités (identifiants)",
        "Délégation",
        "Organisations accompagnatrices",
        "Secteurs (identifiants)",
        "Secteurs",
        "Résumé",
        "Contexte",
        "Objectifs",
        "Résultats obtenus",
        "Ententes signées (identifiants)",
        "Rédigé par",
        "Rédigé le",
        "Déposé par",
        "Déposé le",
        "Dernière modification",
    ],
}
PARTNER_HEADER = {
    "en": [
        "Identifier",
        "Page",
        "Name",
        "ISO code",
        "Kind (code)",
        "Kind",
        "Belongs to (identifier)",
        "Belongs to",
        "World region (code)",
        "World region",
        "Relations since",
        "Priority sectors (identifiers)",
        "Priority sectors",
        "Overview",
        "Agreements in force",
        "Last modified",
    ],
    "fr": [
        "Identifiant",
        "Page",
        "Nom",
        "Code ISO",
        "Type (code)",
        "Type",
        "Rattaché à (identifiant)",
        "Rattaché à",
        "Région du monde (code)",
        "Région du monde",
        "Relations depuis",
        "Secteurs prioritaires (identifiants)",
        "Secteurs prioritaires",
        "Aperçu",
        "Ententes en vigueur",
        "Dernière modification",
    ],
}
LISTS = {
    "agreements": {"en": "/en/agreements/", "fr": "/fr/ententes/"},
    "missions": {"en": "/en/missions/", "fr": "/fr/missions/"},
    "partners": {"en": "/en/partners/", "fr": "/fr/partenaires/"},
}


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def records(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    science = factories.SectorFactory(slug="science", name_fr="Science", name_en="Science")
    china = factories.PartnerFactory(
        slug="cn",
        name_fr="Chine",
        name_en="China",
        iso_code="CN",
        kind="state",
        world_region="AS",
        since_year=1980,
    )
    china.sectors.set([science])
    shanghai = factories.PartnerFactory(
        slug="cn-sh",
        name_fr="Shanghai (municipalité)",
        name_en="Shanghai (municipality)",
        iso_code="CN-SH",
        kind="municipality",
        world_region="AS",
        parent=china,
    )
    agreement = factories.AgreementFactory(
        slug="entente-shanghai",
        slug_en="shanghai-agreement",
        title_fr="Entente Québec-Shanghai",
        title_en="Québec-Shanghai agreement",
        reference="2017-SH-01",
        kind="memorandum",
        status="in_force",
        signed_on=datetime.date(2017, 9, 1),
        signed_on_precision=DatePrecision.MONTH,
        signature_place_fr="Shanghai",
        signature_place_en="Shanghai",
        in_force_on=datetime.date(2017, 10, 15),
        summary_fr="Coopération en santé.",
        summary_en="Cooperation in health.",
        parties=[shanghai, china],
    )
    agreement.sectors.set([science])
    agreement.document = SimpleUploadedFile("texte.pdf", make_pdf("Texte"), "application/pdf")
    agreement.full_clean()
    agreement.save()
    factories.AgreementFactory(
        slug="entente-1980",
        slug_en="agreement-1980",
        title_fr="Entente de 1980",
        title_en="1980 agreement",
        signed_on=datetime.date(1980, 1, 1),
        signed_on_precision=DatePrecision.YEAR,
        parties=[china],
    )
    mission = factories.MissionFactory(
        slug="mission-chine",
        slug_en="mission-to-china",
        title_fr="Mission en Chine",
        title_en="Mission to China",
        ministry_fr="Ministère de la Santé",
        ministry_en="Ministry of Health",
        start_date=datetime.date(2017, 9, 2),
        end_date=datetime.date(2017, 9, 10),
        summary_fr="Résumé de mission.",
        summary_en="Mission summary.",
        context_fr="Contexte.",
        context_en="Context.",
        objectives_fr="Un\nDeux",
        objectives_en="One\nTwo",
        results_fr="Atteints.",
        results_en="Achieved.",
        author_unit_fr="Direction Asie",
        author_unit_en="Asia Branch",
        written_on=datetime.date(2017, 10, 2),
    )
    mission.sectors.set([science])
    mission.agreements_signed.set([agreement])
    factories.MissionPlaceFactory(
        mission=mission, city_fr="Shanghai", city_en="Shanghai", partner=shanghai, position=0
    )
    factories.MissionPlaceFactory(
        mission=mission, city_fr="Pékin", city_en="Beijing", partner=china, position=1
    )
    factories.DelegationMemberFactory(
        mission=mission, name="Gaétan Barrette", title_fr="ministre", title_en="Minister"
    )
    return {"agreement": agreement, "mission": mission, "china": china, "shanghai": shanghai}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_agreement_csv_header_and_values(client, records, language):
    rows = csv_rows(client.get(LISTS["agreements"][language], {"format": "csv"}))
    agreement = Agreement.objects.get(slug_fr="entente-shanghai")
    assert rows[0] == AGREEMENT_HEADER[language]
    # Each language's export names the records by that language's slug, as its pages do.
    slug = {"en": "shanghai-agreement", "fr": "entente-shanghai"}[language]
    page = {"en": "agreements/shanghai-agreement/", "fr": "ententes/entente-shanghai/"}[language]
    pdf = {"en": "full-text.pdf", "fr": "texte-integral.pdf"}[language]
    assert rows[1] == [
        slug,
        f"http://testserver/{language}/{page}",
        {"en": "Québec-Shanghai agreement", "fr": "Entente Québec-Shanghai"}[language],
        "2017-SH-01",
        "memorandum",
        {"en": "memorandum of understanding", "fr": "protocole d'entente"}[language],
        "in_force",
        {"en": "in force", "fr": "en vigueur"}[language],
        "cn; cn-sh",
        {"en": "China; Shanghai (municipality)", "fr": "Chine; Shanghai (municipalité)"}[language],
        "science",
        "Science",
        "2017-09",  # known to the month: no day is made up
        "Shanghai",
        "2017-10-15",
        "",
        {"en": "Cooperation in health.", "fr": "Coopération en santé."}[language],
        f"http://testserver/{language}/{page}{pdf}",
        "fr",
        iso_datetime(agreement.updated_at),
    ]
    assert rows[2][0] == {"en": "agreement-1980", "fr": "entente-1980"}[language]
    assert rows[2][12] == "1980"  # a year stays a year
    assert rows[2][17:19] == ["", ""]


def test_agreement_json_has_english_keys_lists_and_nulls(client, records):
    data = client.get("/fr/ententes/", {"format": "json"}).json()
    assert [list(item) for item in data] == [AGREEMENT_KEYS, AGREEMENT_KEYS]
    first = data[0]
    assert first["party_ids"] == ["cn", "cn-sh"]
    assert first["parties"] == ["Chine", "Shanghai (municipalité)"]
    assert (first["signed_on"], first["in_force_on"], first["ends_on"]) == (
        "2017-09",
        "2017-10-15",
        None,
    )
    assert first["status"] == "in_force"
    assert data[1]["signed_on"] == "1980"
    assert data[1]["reference"] is None


@pytest.mark.parametrize("language", ["en", "fr"])
def test_mission_csv_header_and_values(client, records, language):
    rows = csv_rows(client.get(LISTS["missions"][language], {"format": "csv"}))
    mission = records["mission"]
    mission.refresh_from_db()
    assert rows[0] == MISSION_HEADER[language]
    english = language == "en"
    assert rows[1] == [
        "mission-to-china" if english else "mission-chine",
        f"http://testserver/{language}/missions/{'mission-to-china' if english else 'mission-chine'}/",
        "Mission to China" if english else "Mission en Chine",
        "Ministry of Health" if english else "Ministère de la Santé",
        "2017-09-02",
        "2017-09-10",
        "fr",
        "Shanghai; Beijing" if english else "Shanghai; Pékin",
        "cn-sh; cn",
        "Gaétan Barrette (Minister)" if english else "Gaétan Barrette (ministre)",
        "",
        "science",
        "Science",
        "Mission summary." if english else "Résumé de mission.",
        "Context." if english else "Contexte.",
        "One\nTwo" if english else "Un\nDeux",
        "Achieved." if english else "Atteints.",
        "shanghai-agreement" if english else "entente-shanghai",
        "Asia Branch" if english else "Direction Asie",
        "2017-10-02",
        "",
        "",
        iso_datetime(mission.updated_at),
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_partner_csv_header_and_values(client, records, language):
    rows = csv_rows(client.get(LISTS["partners"][language], {"format": "csv"}))
    assert rows[0] == PARTNER_HEADER[language]
    english = language == "en"
    by_id = {row[0]: row for row in rows[1:]}
    shanghai = records["shanghai"]
    shanghai.refresh_from_db()
    page = "partners" if english else "partenaires"
    assert by_id["cn-sh"] == [
        "cn-sh",
        f"http://testserver/{language}/{page}/cn-sh/",
        "Shanghai (municipality)" if english else "Shanghai (municipalité)",
        "CN-SH",
        "municipality",
        "municipality" if english else "municipalité",
        "cn",
        "China" if english else "Chine",
        "AS",
        "Asia" if english else "Asie",
        "",
        "",
        "",
        "",
        "1",
        iso_datetime(shanghai.updated_at),
    ]
    assert by_id["cn"][6:15] == [
        "",
        "",
        "AS",
        "Asia" if english else "Asie",
        "1980",
        "science",
        "Science",
        "",
        "1",  # the agreement in force, not the one only signed
    ]


def test_the_three_lists_share_identifiers_pages_and_modification_dates(client, records):
    for addresses in LISTS.values():
        data = client.get(addresses["en"], {"format": "json"}).json()
        assert data
        for item in data:
            assert (list(item)[:2], list(item)[-1]) == (["id", "url"], "last_modified")
            assert item["url"].startswith("http://testserver/en/")
            assert item["last_modified"].endswith("Z")


def test_exports_hold_every_page_and_no_draft(client, db):
    for number in range(45):
        factories.AgreementFactory(slug=f"a-{number:02d}", title_en=f"Agreement {number:02d}")
    factories.AgreementFactory(slug="secret", title_en="Secret", **DRAFT)
    rows = csv_rows(client.get("/en/agreements/", {"format": "csv", "sort": "title"}))
    assert len(rows) == 46
    assert [row[2] for row in rows[1:3]] == ["Agreement 00", "Agreement 01"]
    assert "secret" not in {row[0] for row in rows}
    assert len(client.get("/en/agreements/", {"format": "json", "page": "3"}).json()) == 45


@pytest.mark.parametrize("kind", ["agreements", "missions", "partners"])
def test_an_export_runs_the_same_queries_at_2_and_at_12_records(
    client, db, django_assert_num_queries, kind
):
    def make(count, start):
        for number in range(start, start + count):
            if kind == "agreements":
                factories.AgreementFactory()
            elif kind == "missions":
                factories.MissionPlaceFactory(mission=factories.MissionFactory())
            else:
                factories.PartnerFactory(slug=f"p-{number}", name_en=f"P {number}")

    make(2, 0)
    address = LISTS[kind]["en"]
    client.get(address, {"format": "csv"})  # the session, the content types: read once
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(address, {"format": "csv"}).status_code == HTTPStatus.OK
    make(10, 100)
    with django_assert_num_queries(len(small.captured_queries)):
        rows = csv_rows(client.get(address, {"format": "csv"}))
    assert len(rows) > 11


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client, db):
    factories.AgreementFactory(slug="formula", title_en='=HYPERLINK("http://evil")')
    rows = csv_rows(client.get("/en/agreements/", {"format": "csv"}))
    assert rows[1][2] == '\'=HYPERLINK("http://evil")'
    json_title = client.get("/en/agreements/", {"format": "json"}).json()[0]["title"]
    assert json_title == '=HYPERLINK("http://evil")'  # JSON is data: kept as the record has it
    assert Agreement.objects.get(slug_fr="formula").title_en.startswith("=")


def test_export_helpers():
    assert safe_cell("-12.5") == "-12.5"
    assert safe_cell("-plan") == "'-plan"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell(-3) == -3
    day = datetime.date(2017, 9, 21)
    assert [iso_date(day, p) for p in ("day", "month", "year", "unknown")] == [
        "2017-09-21",
        "2017-09",
        "2017",
        None,
    ]
    assert iso_date(None) is None
    moment = datetime.datetime(2026, 3, 2, 9, 5, 7, 123, tzinfo=datetime.UTC)
    assert iso_datetime(moment) == "2026-03-02T09:05:07Z"
    response = export_response("json", [("a", "A")], [(1,), (["x", "y"],), (None,)], "things")
    assert response.content == b'[{"a": 1},{"a": ["x", "y"]},{"a": null}]'
    assert response["Content-Disposition"] == 'attachment; filename="things.json"'
    csv_body = export_response("csv", [("a", "A")], [(["x", "=y"],), (None,)], "t").content
    assert csv_body.decode("utf-8") == '\ufeffA\r\nx; =y\r\n""\r\n'
    with pytest.raises(ValueError, match="Unknown export format: xml"):
        export_response("xml", [], [], "things")
