"""What the home page shows under the site's header (its figures, the latest missions and
agreements, the partners by world region) kept as its results are, by the versions the home page
holds (partners/publishing/results.py, config.cache.page_versions): read back without a query or
a template, the same HTML as when it is written each time, in both languages, an edit of what it
shows seen at once in both. Its parts are kept apart too, each by the versions of what it shows
(partners/publishing/fragments.py): the latest missions by the missions', the latest agreements
by the agreements' and partners', the partners by world region by the partners'; an edit of a
mission writes the page again with its agreements and partners read back."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from config.views import HOME_AGREEMENTS, HOME_CONTENT, HOME_MISSIONS, HOME_REGIONS
from tests import factories
from tests.caches import UNREACHABLE
from tests.pages import visit

pytestmark = pytest.mark.django_db

# The partners by world region (1), the latest missions and their cities (2), the latest
# agreements' keys, those agreements with their latest step, their parties (3), the agreements'
# counts, the missions' count (2).
REGIONS, MISSIONS, AGREEMENTS, COUNTS = 1, 2, 3, 2
WRITTEN_QUERIES = REGIONS + MISSIONS + AGREEMENTS + COUNTS
PARTS = (HOME_CONTENT, HOME_MISSIONS, HOME_AGREEMENTS, HOME_REGIONS)
ALL = (True, True, True, True)


@pytest.fixture
def china(committed):
    with committed():
        china = factories.PartnerFactory(
            name_fr="Chine", name_en="China", slug="cn", world_region="AS"
        )
        agreement = factories.AgreementFactory(
            title_fr="Entente sur l'eau", title_en="Water agreement", parties=[china]
        )
        factories.AgreementEventFactory(agreement=agreement, date=datetime.date(2024, 3, 1))
        mission = factories.MissionFactory(title_fr="Mission à Pékin", title_en="Beijing mission")
        factories.MissionPlaceFactory(mission=mission, partner=china)
    return china


def home_response(client, language):
    with translation.override(language):
        path = reverse("home")
    return visit(client, path, language)


def home(client, language="fr"):
    """The home page's HTML, whether its content was written, and its queries."""
    response, queries = home_response(client, language)
    written = HOME_CONTENT in [used.name for used in response.templates]
    return response.content.decode(), written, queries


def written_parts(client, language="fr"):
    """The home page's HTML, the parts written (its content, missions, agreements, regions), and
    its queries."""
    response, queries = home_response(client, language)
    used = {template.name for template in response.templates}
    return response.content.decode(), tuple(part in used for part in PARTS), queries


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_kept_home_page_is_the_page_written_each_time(client, kept, china, language):
    first, written, queries = home(client, language)
    assert (written, queries) == (True, WRITTEN_QUERIES)
    second, written, queries = home(client, language)
    assert (written, queries) == (False, 0)
    assert second == first
    with override_settings(RESULT_CACHE_SECONDS=0):
        computed, written, queries = home(client, language)
    assert (written, queries) == (True, WRITTEN_QUERIES)
    assert computed == first
    shown = ("Mission à Pékin", "Chine") if language == "fr" else ("Beijing mission", "China")
    assert f"{shown[0]}</a></h3>" in first and f">{shown[1]}</a></li>" in first


def test_each_language_has_its_own_home_page(client, kept, china):
    french, _written, _queries = home(client, "fr")
    english, written, queries = home(client, "en")
    assert (written, queries) == (True, WRITTEN_QUERIES)
    assert "Water agreement" in english and "Entente sur l&#x27;eau" not in english
    assert "Entente sur l&#x27;eau" in french and "Water agreement" not in french


def test_a_new_published_agreement_is_on_the_kept_home_page_at_once(client, kept, committed, china):
    before = {language: home(client, language)[0] for language in ("fr", "en")}
    assert "<strong>1</strong> entente</li>" in before["fr"]
    with committed():
        agreement = factories.AgreementFactory(
            title_fr="Entente culturelle", title_en="Cultural agreement", parties=[china]
        )
        factories.AgreementEventFactory(agreement=agreement, date=datetime.date(2025, 6, 1))
    french, written, queries = home(client, "fr")
    assert (written, queries) == (True, WRITTEN_QUERIES)
    assert "Entente culturelle</a></h3>" in french and "<strong>2</strong> ententes</li>" in french
    assert french.index("Entente culturelle") < french.index("Entente sur l&#x27;eau")
    english, written, _queries = home(client, "en")
    assert written and "Cultural agreement</a></h3>" in english
    assert "<strong>2</strong> agreements</li>" in english


def test_a_partner_renamed_is_on_the_kept_home_page_at_once(
    client, kept, fragment_versions, committed, china
):
    for language in ("fr", "en"):
        home(client, language)
    with committed():
        china.name_fr = "République populaire de Chine"
        china.name_en = "People's Republic of China"
        china.save()
    french, written, _queries = home(client, "fr")
    assert written
    # In its world region and among the agreement's parties.
    assert french.count("République populaire de Chine") == 2
    english, written, _queries = home(client, "en")
    assert written and english.count("People&#x27;s Republic of China") == 2
    assert ">China<" not in english


def test_a_draft_agreement_leaves_the_kept_home_page_found(client, kept, committed, china):
    """A draft moves the agreements' version like any edit: the page is written again, the
    same (the draft is neither listed nor counted)."""
    first, _written, _queries = home(client)
    with committed():
        factories.AgreementFactory(
            title_fr="Entente en préparation",
            parties=[china],
            publication_status="draft",
            published_at=None,
        )
    again, written, _queries = home(client)
    assert written and again == first


def test_with_the_cache_unreachable_the_home_page_is_written_each_time(client, china):
    expected, _written, _queries = home(client)
    with override_settings(CACHES=UNREACHABLE, RESULT_CACHE_SECONDS=600):
        for _ in range(2):
            content, written, queries = home(client)
            assert (content, written, queries) == (expected, True, WRITTEN_QUERIES)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_agreement_edit_writes_the_page_again_its_missions_and_regions_kept(
    client, kept, fragment_versions, committed, china, language
):
    first, written, queries = written_parts(client, language)
    assert (written, queries) == (ALL, WRITTEN_QUERIES)
    agreement = china.agreements.get()
    with committed():
        agreement.title_fr = "Entente sur l'eau potable"
        agreement.title_en = "Drinking water agreement"
        agreement.save()
    # The agreements and the counts; the missions and the regions read back.
    edited, written, queries = written_parts(client, language)
    assert (written, queries) == ((True, False, True, False), AGREEMENTS + COUNTS)
    shown = "Entente sur l&#x27;eau potable" if language == "fr" else "Drinking water agreement"
    assert f"{shown}</a></h3>" in edited
    with override_settings(RESULT_CACHE_SECONDS=0, FRAGMENT_VERSIONS=False):
        computed, written, queries = written_parts(client, language)
    assert (written, queries) == (ALL, WRITTEN_QUERIES)
    assert computed == edited
    assert edited.split('<div class="regions">')[1] == first.split('<div class="regions">')[1]


def test_a_mission_edit_keeps_the_agreements_and_regions(
    client, kept, fragment_versions, committed, china
):
    written_parts(client)
    with committed():
        factories.MissionFactory(
            title_fr="Mission à Séoul",
            start_date=datetime.date(2026, 1, 5),
            end_date=datetime.date(2026, 1, 9),
        )
    html, written, queries = written_parts(client)
    assert (written, queries) == ((True, True, False, False), MISSIONS + COUNTS)
    assert "Mission à Séoul</a></h3>" in html and "<strong>2</strong> rapports de mission" in html


def test_a_new_partner_is_in_its_region_at_once_in_both_languages(
    client, kept, fragment_versions, committed, china
):
    for language in ("fr", "en"):
        written_parts(client, language)
    with committed():
        factories.PartnerFactory(name_fr="Japon", name_en="Japan", slug="jp", world_region="AS")
    for language, name in (("fr", "Japon"), ("en", "Japan")):
        # The regions and the agreements (their parties' names), the counts.
        html, written, queries = written_parts(client, language)
        assert (written, queries) == ((True, False, True, True), REGIONS + AGREEMENTS + COUNTS)
        assert f'<li><a href="/{language}/' in html and f">{name}</a></li>" in html
        assert "<strong>2</strong>" in html.split('<ul class="key-figures">')[1].split("</li>")[0]
