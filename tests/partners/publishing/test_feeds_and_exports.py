"""Atom feeds and CSV/JSON downloads: the list's records exactly, in the page's language."""

import csv
import io
import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.utils import translation
from django.utils.translation import gettext

from agreements.feeds import AgreementFeed
from agreements.models import Agreement
from missions.models import Mission
from partners.publishing.exports import export_response, safe_cell
from partners.publishing.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
DRAFT = {"publication_status": PublicationStatus.DRAFT, "published_at": None}


def entries(response):
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    return [
        (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}link").get("href"))
        for entry in root.iter(f"{ATOM}entry")
    ]


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("list_address", "feed_address", "query"),
    [
        ("/en/agreements/", "/en/agreements/feed/", {}),
        ("/en/agreements/", "/en/agreements/feed/", {"partner": "cn", "status": "in_force"}),
        ("/fr/ententes/", "/fr/ententes/fil/", {"sector": "health", "year_from": "2010"}),
        ("/fr/ententes/", "/fr/ententes/fil/", {"q": "Vermont"}),
        ("/en/missions/", "/en/missions/feed/", {"partner": "cn"}),
        ("/fr/missions/", "/fr/missions/fil/", {"year": "2016"}),
    ],
)
def test_a_feed_holds_the_records_of_the_list_with_the_same_query(
    client, demo, list_address, feed_address, query
):
    listed = client.get(list_address, query)
    fed = entries(client.get(feed_address, query))
    expected = {
        f"http://testserver{record.get_absolute_url()}"
        for record in listed.context["paginator"].object_list
    }
    with translation.override(list_address[1:3]):
        assert {link for _title, link in fed} == expected


def test_feeds_speak_the_page_language(client, demo):
    french = client.get("/fr/ententes/fil/", {"partner": "us-vt"})
    english = client.get("/en/agreements/feed/", {"partner": "us-vt"})
    assert sorted(title for title, _link in entries(french)) == [
        "Entente de coopération bilatérale sur l'échange d'information à des fins "
        "d'application de la loi avec le Vermont",
        "Entente de coopération environnementale sur la gestion du lac Champlain",
    ]
    assert sorted(link for _title, link in entries(english)) == [
        "http://testserver/en/agreements/entente-information-application-loi-vermont-2004/",
        "http://testserver/en/agreements/entente-lac-champlain-2003/",
    ]
    assert b'xml:lang="fr"' in french.content and b'xml:lang="en"' in english.content
    # A filtered feed names itself with its filters.
    assert b'href="http://testserver/en/agreements/feed/?partner=us-vt" rel="self"' in (
        english.content
    )
    mission = entries(client.get("/fr/missions/fil/"))
    assert mission == [
        (
            "Mission du ministre de la Santé et des Services sociaux en Chine",
            "http://testserver/fr/missions/mission-sante-chine-2017/",
        )
    ]


def test_lists_link_their_filtered_feed(client, demo):
    page = client.get("/en/agreements/", {"partner": "cn"}).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Agreements feed (Atom)" '
        'href="/en/agreements/feed/?partner=cn">'
    ) in page
    missions = client.get("/fr/missions/", {"year": "2017"}).content.decode()
    assert 'type="application/atom+xml"' in missions
    assert 'href="/fr/missions/fil/?year=2017">' in missions


def test_drafts_are_in_no_feed(client, demo):
    draft = factories.MissionFactory(slug="secret-mission", **DRAFT)
    for address in ("/en/agreements/feed/", "/fr/ententes/fil/?partner=cn-sd"):
        links = [link for _title, link in entries(client.get(address))]
        assert not any("actualisation-entente" in link for link in links)
    assert not any(draft.slug in link for _title, link in entries(client.get("/en/missions/feed/")))
    assert len(entries(client.get("/en/agreements/feed/"))) == 16


def test_a_malformed_filter_in_a_feed_is_ignored_like_on_the_list(client, demo):
    response = client.get("/en/agreements/feed/", {"partner": "cn", "year_from": "abc"})
    assert response.status_code == HTTPStatus.OK
    assert len(entries(response)) == 8


def test_a_feed_keeps_each_request_to_itself(rf, demo):
    """One feed object serves every thread: two requests in flight don't mix their links."""
    feed = AgreementFeed()
    with translation.override("en"):
        china = feed.get_object(rf.get("/en/agreements/feed/", {"partner": "cn"}))
        vermont = feed.get_object(rf.get("/en/agreements/feed/", {"partner": "us-vt"}))

        assert (feed.link(china), feed.feed_url(china)) == (
            "/en/agreements/?partner=cn",
            "/en/agreements/feed/?partner=cn",
        )
        assert feed.link(vermont) == "/en/agreements/?partner=us-vt"


def test_a_feed_is_sent_in_one_piece(client, demo):
    response = client.get("/en/missions/feed/")

    assert len(list(response)) == 1
    assert ET.fromstring(response.content).find(f"{ATOM}entry/{ATOM}updated").text == (
        Mission.objects.get().updated_at.isoformat()
    )


def test_agreement_csv_holds_exactly_the_filtered_rows_with_their_values(client, demo):
    rows = csv_rows(client.get("/en/agreements/", {"partner": "us-vt", "format": "csv"}))
    assert rows == [
        ["Title", "Kind", "Status", "Parties", "Signed", "Sectors", "Page"],
        [
            "Bilateral cooperation agreement on sharing information for law-enforcement "
            "purposes with Vermont",
            "agreement (entente)",
            "signed",
            "Vermont",
            "2004",
            "Security",
            "http://testserver/en/agreements/entente-information-application-loi-vermont-2004/",
        ],
        [
            "Agreement on environmental cooperation regarding the management of Lake Champlain",
            "agreement (entente)",
            "signed",
            "New York State; Vermont",
            "2003",
            "Environment and climate change",
            "http://testserver/en/agreements/entente-lac-champlain-2003/",
        ],
    ]


def test_the_csv_header_and_values_follow_the_page_language(client, demo):
    rows = csv_rows(client.get("/fr/ententes/", {"partner": "us-vt", "format": "csv"}))
    with translation.override("fr"):
        header = [gettext(t) for t in ("Title", "Kind", "Status", "Parties", "Signed")]
    assert rows[0][:5] == header
    assert rows[2][3] == "État de New York; Vermont"  # French order, É with E
    assert rows[2][6] == "http://testserver/fr/ententes/entente-lac-champlain-2003/"


def test_json_holds_the_same_records_with_stable_keys(client, demo):
    data = client.get("/en/agreements/", {"partner": "cn", "status": "in_force", "format": "json"})
    assert data["Content-Type"] == "application/json; charset=utf-8"
    assert data["Content-Disposition"] == 'attachment; filename="agreements.json"'
    assert [(row["signed"], row["status"]) for row in data.json()] == [
        ("2011", "in force"),
        ("2008", "in force"),
        ("1995", "in force"),
        ("1980", "in force"),
        ("signature date unknown", "in force"),
        ("signature date unknown", "in force"),
    ]
    french = client.get("/fr/ententes/", {"partner": "cn", "status": "in_force", "format": "json"})
    assert list(french.json()[0]) == [
        "title",
        "kind",
        "status",
        "parties",
        "signed",
        "sectors",
        "url",
    ]
    assert french.json()[0]["title"] == (
        "Entente de coopération entre le Québec et la municipalité de Shanghai"
    )


def test_exports_hold_every_page_and_no_draft(client, db):
    for number in range(45):
        factories.AgreementFactory(slug=f"a-{number:02d}", title_en=f"Agreement {number:02d}")
    factories.AgreementFactory(slug="secret", title_en="Secret", **DRAFT)
    rows = csv_rows(client.get("/en/agreements/", {"format": "csv", "sort": "title"}))
    assert len(rows) == 46
    assert [row[0] for row in rows[1:3]] == ["Agreement 00", "Agreement 01"]
    assert "Secret" not in {row[0] for row in rows}
    assert len(client.get("/en/agreements/", {"format": "json", "page": "3"}).json()) == 45


def test_mission_exports(client, demo):
    rows = csv_rows(client.get("/en/missions/", {"partner": "cn", "format": "csv"}))
    assert rows == [
        ["Title", "Ministry", "Start date", "End date", "Places", "Page"],
        [
            "Mission of the Minister of Health and Social Services to China",
            "Ministry of Health and Social Services",
            "2017-09-02",
            "2017-09-10",
            "Shanghai; Qingdao; Jinan; Beijing",
            "http://testserver/en/missions/mission-sante-chine-2017/",
        ],
    ]
    assert client.get("/en/missions/", {"year": "2016", "format": "json"}).json() == []


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client, db):
    factories.AgreementFactory(slug="formula", title_en='=HYPERLINK("http://evil")')
    rows = csv_rows(client.get("/en/agreements/", {"format": "csv"}))
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    json_title = client.get("/en/agreements/", {"format": "json"}).json()[0]["title"]
    assert json_title == '=HYPERLINK("http://evil")'
    assert Agreement.objects.get(slug="formula").title_en.startswith("=")


def test_export_helper():
    assert safe_cell("-12.5") == "-12.5"
    assert safe_cell("-plan") == "'-plan"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell(-3) == -3
    response = export_response("json", [("a", "A")], [(1,), (2,)], "things")
    assert response.content == b'[{"a": 1}, {"a": 2}]'
    assert response["Content-Disposition"] == 'attachment; filename="things.json"'
    with pytest.raises(ValueError, match="Unknown export format: xml"):
        export_response("xml", [], [], "things")
