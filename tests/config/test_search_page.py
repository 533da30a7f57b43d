"""The hits the search page shows (their kind, link, title and excerpt) kept as written HTML by
the search page's versions (config/search.py, partners/publishing/results.py): read back without
a query or a template, the same HTML as when they are written each time, in both languages, an
edit of what they show seen at once."""

import pytest
from django.db import connection
from django.test import override_settings

from agreements.models import Agreement
from config.search import HITS
from tests import factories
from tests.pages import visit

pytestmark = pytest.mark.django_db

SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}


@pytest.fixture
def records(committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        factories.AgreementFactory(
            slug="eau",
            title_fr="Entente sur l'eau potable",
            title_en="Drinking water agreement",
            summary_fr="Eau potable et assainissement.",
            summary_en="Drinking water and sanitation.",
            parties=[china],
        )
        for number in range(22):
            factories.AgreementFactory(
                slug=f"zinc-{number:02d}",
                title_fr=f"Entente zinc {number}",
                title_en=f"Zinc agreement {number}",
            )
        factories.MissionFactory(
            slug="mission-eau", title_fr="Mission de l'eau", title_en="Water mission"
        )


def search(client, language, **params):
    response, queries = visit(client, SEARCH[language], language, params=params)
    written = HITS in [used.name for used in response.templates]
    return response.content.decode(), written, queries


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("words", ["eau", "water", "zinc"])
def test_the_kept_hits_are_the_hits_written_each_time(client, kept, records, language, words):
    first, written, _queries = search(client, language, q=words)
    second, again, queries = search(client, language, q=words)
    assert (written, again, queries) == (True, False, 0)
    assert second == first
    with override_settings(RESULT_CACHE_SECONDS=0):
        computed, written, _queries = search(client, language, q=words)
    assert written and computed == first


def test_each_language_has_its_own_hits(client, kept, records):
    french, _written, _queries = search(client, "fr", q="eau")
    english, written, _queries = search(client, "en", q="water")
    assert written
    assert '<a href="/fr/ententes/eau/">Entente sur l&#x27;eau potable</a>' in french
    assert "Drinking water agreement</a>" not in french
    assert "Drinking water agreement</a>" in english and "potable</a>" not in english


def test_a_page_of_a_kept_ranking_reads_only_its_own_records(client, kept, records):
    """The ranking kept, a page not yet shown is written from its records alone: one query for
    the agreements on it (and on PostgreSQL one for their highlighted excerpts), none to rank."""
    search(client, "en", q="zinc")
    second, written, queries = search(client, "en", q="zinc", page="2")
    assert (written, queries) == (True, 2 if connection.vendor == "postgresql" else 1)
    again, written, queries = search(client, "en", q="zinc", page="2")
    assert (again, written, queries) == (second, False, 0)
    with override_settings(RESULT_CACHE_SECONDS=0):
        computed, _written, _queries = search(client, "en", q="zinc", page="2")
    assert computed == second
    assert second.count('<li class="card">') == 2


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_hit_is_kept_too(client, kept, records, language):
    first, written, queries = search(client, language, q="introuvable")
    assert (written, queries) == (True, 3)  # one a kind, to rank
    again, written, queries = search(client, language, q="introuvable")
    assert (again, written, queries) == (first, False, 0)
    nothing = {
        "fr": "<li>Aucun résultat. Essayez d'autres mots, ou moins de mots.</li>",
        "en": "<li>Nothing found. Try other words, or fewer.</li>",
    }
    assert nothing[language] in first


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_hit_renamed_is_in_the_kept_hits_at_once(client, kept, records, committed, language):
    search(client, "fr", q="eau")
    search(client, "en", q="water")
    agreement = Agreement.objects.get(slug_fr="eau")
    with committed():
        agreement.title_fr = "Entente sur l'eau douce"
        agreement.title_en = "Fresh water agreement"
        agreement.save()
    words = "eau" if language == "fr" else "water"
    html, written, _queries = search(client, language, q=words)
    assert written
    if language == "fr":
        assert "Entente sur l&#x27;eau douce</a>" in html and "potable</a>" not in html
    else:
        assert "Fresh water agreement</a>" in html and "Drinking water agreement</a>" not in html
