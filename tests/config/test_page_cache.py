"""Anonymous visitors get cached pages; any publication or edit shows at once."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from partners.publishing import services as workflow
from partners.publishing.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/14",
        "KEY_PREFIX": "test-page-cache",
    }
}
LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(params=["redis", "locmem"])
def page_cache(request):
    caches = REDIS if request.param == "redis" else LOCAL
    with override_settings(
        CACHES=caches, PAGE_CACHE_SECONDS=300, ROOT_URLCONF="tests.config.cache_urls"
    ):
        cache.clear()
        yield
        cache.clear()


def get(client, path="/fr/titles/"):
    response = client.get(path)
    return response.get("X-Page-Cache"), response.content.decode()


def test_second_visit_is_served_from_the_cache_without_a_query(
    client, page_cache, django_assert_num_queries
):
    factories.AgreementFactory(title_fr="Entente A", title_en="Agreement A")
    assert get(client) == ("miss", "Entente A")
    with django_assert_num_queries(0):
        assert get(client) == ("hit", "Entente A")
    # Each language is its own page.
    assert get(client, "/en/titles/") == ("miss", "Agreement A")


def test_an_edit_and_a_publication_show_at_once(
    client, page_cache, publisher, django_capture_on_commit_callbacks
):
    # The version moves on when the change commits: run those callbacks as a commit would.
    def committed():
        return django_capture_on_commit_callbacks(execute=True)

    with committed():
        agreement = factories.AgreementFactory(title_fr="Entente A")
        draft = factories.AgreementFactory(
            title_fr="Entente B",
            publication_status=PublicationStatus.SUBMITTED,
            published_at=None,
            summary_fr="R",
            summary_en="S",
        )
    assert get(client) == ("miss", "Entente A")
    with committed():
        agreement.title_fr = "Entente A révisée"
        agreement.save()
    assert get(client) == ("miss", "Entente A révisée")
    assert get(client)[0] == "hit"
    with committed():
        workflow.move(record=draft, to_status="published", user=publisher)
    assert get(client) == ("miss", "Entente A révisée, Entente B")
    # A change to a relation counts too.
    with committed():
        agreement.parties.add(factories.PartnerFactory())
    assert get(client)[0] == "miss"
    # An uncommitted change (a rolled-back transaction) leaves the cached page alone.
    with django_capture_on_commit_callbacks(execute=False):
        agreement.title_fr = "Jamais enregistré"
        agreement.save()
    assert get(client) == ("hit", "Entente A révisée, Entente B")


def test_staff_and_pages_that_set_cookies_are_never_cached(client, page_cache, editor):
    factories.AgreementFactory(title_fr="Entente A")
    assert get(client, "/fr/private/") == (None, "private")
    assert get(client, "/fr/private/") == (None, "private")
    client.force_login(editor)
    response = client.get("/fr/titles/")
    assert "X-Page-Cache" not in response
