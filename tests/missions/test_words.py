"""Issue 13, words of the mission page: honorifics in the page's language, the seed's wording."""

import re

import pytest

from tests.pages import html

pytestmark = pytest.mark.django_db

MISSION = "mission-sante-chine-2017"
MISSION_EN = "mission-of-the-minister-of-health-and-social-services-to-china"  # its English slug


def delegation(page: str) -> list[str]:
    return re.findall(r"<li><strong>([^<]+)</strong>", page)


def test_honorifics_are_written_as_each_language_writes_them(client, demo):
    french = html(client.get(f"/fr/missions/{MISSION}/"))
    assert delegation(french) == [
        "Dr Gaétan Barrette",
        "M. Daniel Desharnais",
        "Dr Michel A. Bureau",
        "Mme Valérie Fontaine",
    ]
    english = html(client.get(f"/en/missions/{MISSION_EN}/"))
    assert delegation(english) == [
        "Dr. Gaétan Barrette",
        "Mr. Daniel Desharnais",
        "Dr. Michel A. Bureau",
        "Ms. Valérie Fontaine",
    ]


def test_the_filing_says_what_the_report_says(client, demo):
    french = html(client.get(f"/fr/missions/{MISSION}/"))
    assert "<dt>Déposé au CODIR par</dt>" in french
    assert "<dt>Date de dépôt</dt><dd>11 octobre 2017</dd>" in french or "11 octobre 2017" in french
    english = html(client.get(f"/en/missions/{MISSION_EN}/"))
    assert "<dt>Filed with CODIR by</dt>" in english
