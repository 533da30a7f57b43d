"""The feeds' entries kept by the versions of the feed's page (partners/publishing/feeds.py,
results.py): written again without reading the items, byte for byte the feed a build gives, an
edit of an item seen at once in both languages, an edit of what a feed does not show leaving
them found."""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from agreements.models import AgreementStatus
from partners.publishing.versions import rolled_back
from tests import factories
from tests.caches import UNREACHABLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        mexico = factories.PartnerFactory(name_fr="Mexique", name_en="Mexico", slug="mx")
        factories.AgreementFactory(
            slug="eau",
            title_fr="Entente sur l'eau",
            title_en="Water agreement",
            summary_fr="L'eau potable & les <rivières>.",
            summary_en="Drinking water & <rivers>.",
            status=AgreementStatus.IN_FORCE,
            parties=[china],
        )
        factories.AgreementFactory(
            slug="foret",
            title_fr="Entente sur la forêt",
            title_en="Forest agreement",
            status=AgreementStatus.EXPIRED,
            parties=[mexico],
        )
        beijing = factories.MissionFactory(
            slug="pekin", title_fr="Mission à Pékin", title_en="Beijing mission"
        )
        factories.MissionPlaceFactory(mission=beijing, partner=china)
        mexico_city = factories.MissionFactory(slug="mexico", title_fr="Mission à Mexico")
        factories.MissionPlaceFactory(mission=mexico_city, partner=mexico)


def feed(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return response.content.decode(), len(queries.captured_queries)


def built(client, path, **extra):
    """The feed as it is built, nothing kept."""
    with override_settings(RESULT_CACHE_SECONDS=0):
        return feed(client, path, **extra)


@pytest.mark.parametrize(
    ("path", "queries", "again", "shown", "hidden"),
    [
        # The items; read back, nothing.
        ("/fr/ententes/fil/", 1, 0, "Entente sur l'eau", "Water agreement"),
        ("/en/agreements/feed/", 1, 0, "Water agreement", "Entente sur l'eau"),
        # The partner the filter names (which the title names too), the partners under it and
        # the items; then the partner alone.
        (
            "/en/agreements/feed/?partner=cn&status=in_force",
            3,
            1,
            "Water agreement",
            "Forest agreement",
        ),
        # The same, and the ministries the filter offers (once a version of the missions).
        ("/fr/missions/fil/?partner=cn", 4, 1, "Mission à Pékin", "Mission à Mexico"),
        ("/fr/missions/fil/", 2, 0, "Mission à Mexico", "Beijing mission"),
        ("/en/missions/feed/", 2, 0, "Beijing mission", "Mission à Pékin"),
        ("/fr/ententes/fil/?q=eau", 1, 0, "Entente sur l'eau", "Entente sur la forêt"),
    ],
)
def test_a_feed_read_back_reads_no_item_and_is_the_same_feed(
    client, kept_fragments, records, path, queries, again, shown, hidden
):
    first, read = feed(client, path)
    second, read_again = feed(client, path)
    assert (read, read_again) == (queries, again)
    assert second == first
    assert shown in first and hidden not in first
    assert built(client, path)[0] == first


def test_a_summary_is_written_as_text_read_back_too(client, kept_fragments, records):
    feed(client, "/fr/ententes/fil/")
    content, queries = feed(client, "/fr/ententes/fil/")
    assert queries == 0
    assert '<summary type="text">L\'eau potable &amp; les &lt;rivières&gt;.</summary>' in content


def test_malformed_filters_read_the_entries_of_the_filters_understood(
    client, kept_fragments, records
):
    """A value the form does not understand is ignored, as on the list: the feed's entries are
    those of the filters that apply, kept once for every malformed form."""
    plain, _queries = feed(client, "/fr/ententes/fil/")
    malformed, queries = feed(client, "/fr/ententes/fil/?year_from=abc&partner=nope")
    assert queries == 1  # the partner `nope`, not found
    entries = plain[plain.index("<entry>") :]
    assert malformed[malformed.index("<entry>") :] == entries
    assert built(client, "/fr/ententes/fil/?year_from=abc&partner=nope")[0] == malformed
    # The same filters in another order: the same entries.
    feed(client, "/en/agreements/feed/?status=in_force&partner=cn")
    _content, queries = feed(client, "/en/agreements/feed/?partner=cn&status=in_force")
    assert queries == 1


def test_an_edit_of_an_item_is_seen_at_once_in_both_languages(
    client, kept_fragments, committed, records
):
    from agreements.models import Agreement

    feed(client, "/fr/ententes/fil/")
    feed(client, "/en/agreements/feed/")
    with committed():
        agreement = Agreement.objects.get(slug_fr="eau")
        agreement.title_fr = "Entente sur l'eau potable"
        agreement.title_en = "Drinking water agreement"
        agreement.save()
    french, queries = feed(client, "/fr/ententes/fil/")
    assert queries == 1
    assert "Entente sur l'eau potable" in french
    assert french == built(client, "/fr/ententes/fil/")[0]
    english, queries = feed(client, "/en/agreements/feed/")
    assert queries == 1
    assert "Drinking water agreement" in english


def test_an_edit_of_a_mission_keeps_the_agreement_feed(client, kept_fragments, committed, records):
    from missions.models import Mission

    first, _queries = feed(client, "/fr/ententes/fil/")
    with committed():
        mission = Mission.objects.get(slug_fr="pekin")
        mission.title_fr = "Mission à Pékin et Shanghai"
        mission.save()
    assert feed(client, "/fr/ententes/fil/") == (first, 0)
    missions, _queries = feed(client, "/fr/missions/fil/")
    assert "Mission à Pékin et Shanghai" in missions


def test_the_entries_name_the_site_they_were_asked_from(client, kept_fragments, records):
    plain, _queries = feed(client, "/fr/ententes/fil/")
    secure, queries = feed(client, "/fr/ententes/fil/", secure=True)
    assert queries == 1
    assert '<link href="https://testserver/fr/ententes/eau/"' in secure
    assert '<link href="http://testserver/fr/ententes/eau/"' in plain


def test_with_the_cache_unreachable_a_feed_is_built_each_time(client, records):
    expected, read = built(client, "/fr/ententes/fil/")
    with override_settings(CACHES=UNREACHABLE, RESULT_CACHE_SECONDS=600):
        for _ in range(2):
            assert feed(client, "/fr/ententes/fil/") == (expected, read)


def test_nothing_is_kept_or_read_inside_a_preview(client, kept_fragments, records):
    with rolled_back():
        inside, queries = feed(client, "/fr/ententes/fil/")
        assert queries == 1
    assert not [key for key in cache._cache if ":results:" in key]
    outside, _queries = feed(client, "/fr/ententes/fil/")
    assert outside == inside


def test_each_feed_keeps_its_own_entries_whatever_the_versions(
    client, kept_fragments, records, monkeypatch
):
    from config.cache import PAGE_TOPICS
    from partners.publishing import results

    assert {"agreements:feed", "missions:feed"} <= PAGE_TOPICS.keys()
    agreements, _queries = feed(client, "/fr/ententes/fil/")
    monkeypatch.setattr(results, "_version_source", lambda page, kwargs, record=None: "the same")
    feed(client, "/fr/ententes/fil/")
    missions, _queries = feed(client, "/fr/missions/fil/")
    assert "Mission à Pékin" in missions and "Entente sur l'eau" not in missions
    assert feed(client, "/fr/ententes/fil/") == (agreements, 0)
