"""Atom feeds: the list's records exactly, in the page's language (downloads: test_exports.py)."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.utils import translation

from agreements.feeds import AgreementFeed
from missions.models import Mission
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
        "http://testserver/en/agreements/agreement-on-environmental-cooperation-regarding-the-management-of-lake-champlain/",
        "http://testserver/en/agreements/bilateral-cooperation-agreement-on-sharing-information-for-law-enforcement-purposes-with-vermont/",
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
