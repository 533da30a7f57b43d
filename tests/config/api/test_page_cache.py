"""The API behind the page cache (as in production): each answer keyed on the parameters its
view reads, an edit shows at once, and a cached answer still honours If-None-Match."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache():
    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=local, PAGE_CACHE_SECONDS=300):
        cache.clear()
        yield
        cache.clear()


def titles(response):
    return [item["title"]["en"] for item in response.json()["results"]]


def test_api_answers_are_cached_by_their_filters(
    client, page_cache, django_capture_on_commit_callbacks
):
    factories.AgreementFactory(title_en="In force", status="in_force")
    factories.AgreementFactory(title_en="Expired", status="expired")
    first = client.get("/api/v1/agreements/?status=in_force&utm_source=x")
    assert (first["X-Page-Cache"], titles(first)) == ("miss", ["In force"])
    again = client.get("/api/v1/agreements/?status=in_force")
    assert (again["X-Page-Cache"], titles(again)) == ("hit", ["In force"])
    assert again["ETag"] == first["ETag"]
    assert (
        client.get(
            "/api/v1/agreements/?status=in_force", headers={"if-none-match": first["ETag"]}
        ).status_code
        == 304
    )
    other = client.get("/api/v1/agreements/?status=expired")
    assert (other["X-Page-Cache"], titles(other)) == ("miss", ["Expired"])
    paged = client.get("/api/v1/agreements/?page_size=1&page=2")
    assert (paged["X-Page-Cache"], len(titles(paged))) == ("miss", 1)
    trade = client.get("/api/v1/trade/?sort=year&order=asc&partner=cn")
    assert trade.status_code == 400  # a parameter the view reads reached it: no such partner
    with django_capture_on_commit_callbacks(execute=True):
        factories.AgreementFactory(title_en="Also in force", status="in_force")
    fresh = client.get("/api/v1/agreements/?status=in_force")
    assert fresh["X-Page-Cache"] == "miss"
    assert sorted(titles(fresh)) == ["Also in force", "In force"]
