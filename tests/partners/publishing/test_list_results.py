"""A public list's page (its count, latest change and records) kept with the selectors' results
by the versions its page holds (PublicListMixin.paginate_queryset, results.py): read back
without counting or querying, the same page, an edit of what it shows seen at once."""

import csv
import io
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.caches import UNREACHABLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def china(committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        for number in range(25):
            factories.AgreementFactory(
                title_fr=f"Entente {number:02d}",
                title_en=f"Agreement {number:02d}",
                parties=[china],
                status="in_force",
            )
    return china


def visit(client, name, query="", language="fr"):
    with translation.override(language):
        path = reverse(name) + query
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode(), len(queries.captured_queries)


@pytest.mark.parametrize(
    ("name", "query", "counts"),
    [
        # The count, the page's agreements and their parties; read back, none of them: what
        # is left is the filters' choices (the partners, the sectors), read each time here as
        # their versions are off in tests.
        ("agreements:list", "", (5, 2)),
        ("agreements:list", "?page=2&sort=title", (5, 2)),
        # The partner chosen is still found (the filter checks it); the partners under it are
        # read only to build the query, not when the page is read back.
        ("agreements:list", "?partner=cn&status=in_force", (7, 3)),
        ("agreements:list", "?status=nonsense&page=abc", (5, 2)),
        # The ministries, partners and sectors offered are left.
        ("missions:list", "", (6, 3)),
        # The sectors offered are left.
        ("partners:list", "", (3, 1)),
        ("partners:list", "?sort=agreements", (3, 1)),
    ],
)
def test_a_list_page_is_read_back_and_is_the_same_page(client, kept, china, name, query, counts):
    factories.MissionFactory(title_fr="Mission en Chine")
    first, read = visit(client, name, query)
    second, again = visit(client, name, query)
    assert (read, again) == counts
    assert second == first
    with override_settings(RESULT_CACHE_SECONDS=0):
        computed, queries = visit(client, name, query)
    assert (computed, queries) == (first, read)


def test_the_bad_filter_value_is_still_said_when_read_back(client, kept, china):
    visit(client, "agreements:list", "?status=nonsense")
    page, _queries = visit(client, "agreements:list", "?status=nonsense")
    said = "Statut\u00a0: «\u00a0nonsense\u00a0» n&#x27;a pas été compris\u00a0; ce filtre a été ignoré."
    assert f"<li>{said}</li>" in page
    assert "25 ententes" in page


def test_each_language_has_its_own_page(client, kept, china):
    french, _queries = visit(client, "agreements:list", language="fr")
    english, queries = visit(client, "agreements:list", language="en")
    assert queries == 5
    assert "Entente 00" in french and "Agreement 00" not in french
    assert "Agreement 00" in english and "25 agreements" in english


def test_an_edit_of_a_listed_agreement_shows_at_once(client, kept, committed, china):
    visit(client, "agreements:list", "?sort=title")
    agreement = china.agreements.get(title_fr="Entente 00")
    with committed():
        agreement.title_fr = "Entente 00 révisée"
        agreement.save()
    page, queries = visit(client, "agreements:list", "?sort=title")
    assert "Entente 00 révisée" in page
    assert queries == 5


def test_a_new_agreement_changes_the_count_and_the_partners_counts_at_once(
    client, kept, committed, china
):
    agreements, _queries = visit(client, "agreements:list")
    partners, _queries = visit(client, "partners:list")
    assert "25 ententes" in agreements
    assert '">25</td>' in partners
    with committed():
        factories.AgreementFactory(parties=[china], status="in_force")
    agreements, _queries = visit(client, "agreements:list")
    partners, _queries = visit(client, "partners:list")
    assert "26 ententes" in agreements
    assert '">26</td>' in partners and '">25</td>' not in partners


def test_an_export_gives_every_record_and_is_never_kept(client, kept, china):
    for _visit in range(2):
        with translation.override("en"):
            response = client.get(reverse("agreements:list") + "?format=csv")
        assert response.status_code == HTTPStatus.OK
        content = b"".join(response.streaming_content) if response.streaming else response.content
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert len(rows) == 26  # the header and every agreement, not a page of them
    assert not any(":results:list:" in key for key in cache._cache)


def test_with_the_cache_unreachable_the_page_is_computed_each_time(client, china):
    with override_settings(RESULT_CACHE_SECONDS=0):
        expected, read = visit(client, "agreements:list")
    with override_settings(CACHES=UNREACHABLE, RESULT_CACHE_SECONDS=600):
        for _visit in range(2):
            page, queries = visit(client, "agreements:list")
            assert (page, queries) == (expected, read)
