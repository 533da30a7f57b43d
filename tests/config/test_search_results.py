"""The search page's ranking and its pages of hits kept by the versions the search page holds
(config/search.py, partners/publishing/results.py): read back without a query, byte for byte the
page a search gives, an edit of a record found seen at once in both languages."""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from partners.publishing.versions import rolled_back
from tests import factories
from tests.caches import UNREACHABLE

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"
# A search that finds records: one query a kind ranks them; on PostgreSQL one more writes the
# shown hits' excerpts (ts_headline; SQLite cuts them in Python).
RANKED = 3
EXCERPTS = 1 if POSTGRESQL else 0


@pytest.fixture
def records(committed):
    """25 agreements on health (two pages of hits), a partner and a mission that match too."""
    with committed():
        for number in range(25):
            factories.AgreementFactory(
                slug=f"sante-{number}",
                title_fr=f"Entente en santé publique {number}",
                title_en=f"Public health agreement {number}",
                summary_fr="Coopération entre les hôpitaux.",
                summary_en="Cooperation between hospitals.",
            )
        factories.AgreementFactory(slug="eau", title_fr="Entente sur l'eau", title_en="Water")
        factories.PartnerFactory(slug="bavaria", name_fr="Bavière", name_en="Bavaria")
        factories.MissionFactory(
            slug="mission-baviere",
            title_fr="Mission en Bavière",
            title_en="Mission to Bavaria",
            context_fr="Les hôpitaux de Bavière.",
            context_en="The hospitals of Bavaria.",
        )


def results(content: str) -> str:
    """What a search page shows of its hits: from their list to the pagination (the page's head
    and the link to the search in the other language name its own address, `?page=abc` as it was
    written)."""
    return content[content.index('<ol class="record-list results">') : content.index("</main>")]


def page(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode(), len(queries.captured_queries)


def computed(client, path):
    """The page as a search builds it, nothing kept."""
    with override_settings(RESULT_CACHE_SECONDS=0):
        return page(client, path)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/fr/recherche/?q=sante", "25 résultats pour «\u00a0sante\u00a0»"),
        ("/fr/recherche/?q=sant%C3%A9", "25 résultats pour «\u00a0santé\u00a0»"),
        ("/en/search/?q=health", "25 results for “health”"),
        ("/fr/recherche/?q=h%C3%B4pitaux+Bavi%C3%A8re", "1 résultat pour"),
        ("/en/search/?q=health&page=2", "Page 2 of 2"),
    ],
)
def test_a_search_read_back_runs_no_query_and_is_the_same_page(
    client, kept, records, path, expected
):
    first, read = page(client, path)
    second, again = page(client, path)
    assert (read, again) == (RANKED + EXCERPTS, 0)
    assert second == first
    assert expected in first
    assert computed(client, path) == (first, RANKED + EXCERPTS)


def test_a_search_with_no_hit_is_kept_too(client, kept, records):
    path = "/fr/recherche/?q=introuvable"
    first, read = page(client, path)
    second, again = page(client, path)
    assert (read, again) == (RANKED, 0)
    assert second == first
    assert "Aucun résultat." in first
    assert computed(client, path) == (first, RANKED)


def test_the_empty_search_page_runs_no_query_and_keeps_nothing(client, kept, records):
    content, queries = page(client, "/fr/recherche/")
    assert queries == 0
    assert not [key for key in cache._cache if ":results:" in key]
    assert "résultat" not in content


def test_another_page_of_a_ranking_read_back_reads_only_its_own_records(client, kept, records):
    first_page, _queries = page(client, "/fr/recherche/?q=sante")
    second_page, queries = page(client, "/fr/recherche/?q=sante&page=2")
    # The ranking is read back; the five agreements of page 2 are read (and, on PostgreSQL,
    # their excerpts written).
    assert queries == 1 + EXCERPTS
    assert second_page == computed(client, "/fr/recherche/?q=sante&page=2")[0]
    assert "Page 2 sur 2" in second_page and "Page 1 sur 2" in first_page
    assert page(client, "/fr/recherche/?q=sante&page=2") == (second_page, 0)


@pytest.mark.parametrize("number", ["abc", "0", "1", "-3", "99", ""])
def test_every_form_of_a_page_number_reads_the_page_it_shows(client, kept, records, number):
    """A page number that is not a number shows page 1, one past the end (or below 1) the last:
    each reads the results of the page it shows, kept under its number, not under what the
    address says."""
    shown = 1 if number in ("abc", "1", "") else 2
    canonical, _queries = page(client, f"/fr/recherche/?q=sante&page={shown}")
    content, queries = page(client, f"/fr/recherche/?q=sante&page={number}")
    assert (results(content), queries) == (results(canonical), 0)
    assert f"Page {shown} sur 2" in content


def test_french_and_english_searches_are_kept_apart(client, kept, records):
    french, _queries = page(client, "/fr/recherche/?q=mission")
    english, queries = page(client, "/en/search/?q=mission")
    assert queries == RANKED + EXCERPTS
    assert "Mission en Bavière" in french and "Mission to Bavaria" not in french
    assert "Mission to Bavaria" in english and "Mission en Bavière" not in english


def test_an_edit_of_a_record_found_is_seen_at_once_in_both_languages(
    client, kept, committed, records
):
    from agreements.models import Agreement

    page(client, "/fr/recherche/?q=sante")
    page(client, "/en/search/?q=health")
    with committed():
        agreement = Agreement.objects.get(slug_fr="sante-0")
        agreement.title_fr = "Entente en santé publique révisée"
        agreement.title_en = "Public health agreement, revised"
        agreement.save()
    french, queries = page(client, "/fr/recherche/?q=sante")
    assert queries == RANKED + EXCERPTS
    assert "Entente en santé publique révisée" in french
    assert french == computed(client, "/fr/recherche/?q=sante")[0]
    english, queries = page(client, "/en/search/?q=health")
    assert queries == RANKED + EXCERPTS
    assert "Public health agreement, revised" in english


def test_a_record_that_comes_to_match_is_found_at_once(client, kept, committed, records):
    from agreements.models import Agreement

    before, _queries = page(client, "/fr/recherche/?q=eau")
    assert "1 résultat pour" in before
    with committed():
        agreement = Agreement.objects.get(slug_fr="sante-3")
        agreement.title_fr = "Entente en santé et sur l'eau"
        agreement.save()
    after, _queries = page(client, "/fr/recherche/?q=eau")
    assert "2 résultats pour" in after and "Entente en santé et sur l&#x27;eau" in after


def test_with_the_cache_unreachable_a_search_is_computed_each_time(client, records):
    expected, read = computed(client, "/fr/recherche/?q=sante")
    with override_settings(CACHES=UNREACHABLE, RESULT_CACHE_SECONDS=600):
        for _ in range(2):
            assert page(client, "/fr/recherche/?q=sante") == (expected, read)


def test_nothing_is_kept_or_read_inside_a_preview(client, kept, records):
    with rolled_back():
        inside, queries = page(client, "/fr/recherche/?q=sante")
        assert queries == RANKED + EXCERPTS
    assert not [key for key in cache._cache if ":results:" in key]
    outside, _queries = page(client, "/fr/recherche/?q=sante")
    assert outside == inside
    with rolled_back():
        _inside, queries = page(client, "/fr/recherche/?q=sante")
        assert queries == RANKED + EXCERPTS


def test_with_the_page_cache_on_an_expired_search_page_is_built_from_its_results(
    client, kept, records
):
    path = "/fr/recherche/?q=sante"
    with override_settings(PAGE_CACHE_SECONDS=300):
        first = client.get(path)
        assert first["X-Page-Cache"] == "miss"
        cache.delete(f"page:fr:{path}")  # expired, or evicted
        with CaptureQueriesContext(connection) as queries:
            again = client.get(path)
        # Found by the ranking it shows (read back), byte for byte.
        assert (again["X-Page-Cache"], len(queries.captured_queries)) == ("checked", 0)
        assert again.content == first.content
        cache.delete(f"page:fr:{path}")
        for key in [key.split(":", 2)[2] for key in cache._cache if ":checked:" in key]:
            cache.delete(key)
        with CaptureQueriesContext(connection) as queries:
            built = client.get(path)
        assert (built["X-Page-Cache"], len(queries.captured_queries)) == ("miss", 0)
        assert built.content == first.content
