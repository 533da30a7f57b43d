"""The sitemap's own paginator, addresses and writer give exactly what Django's give.

config/sitemaps.py counts (item, language) pairs in the database and loads one page of records
(`LanguagePairs`), asks each item's location once per language (`get_urls`) and writes the XML
without the template (`write_urlset`): each is compared here with Django's own, on every page of
every section, with pages small enough that records and languages straddle their edges."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.contrib.sites.requests import RequestSite
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from config.sitemaps import SITEMAPS, BilingualSitemap, LanguagePairs, write_urlset

pytestmark = pytest.mark.django_db


def stock(sitemap_class):
    """The section as Django alone would serve it: its pairs listed in memory, its addresses
    from `Sitemap._urls`."""
    return type(
        "Stock" + sitemap_class.__name__,
        (sitemap_class,),
        {"paginator": Sitemap.paginator, "get_urls": Sitemap.get_urls},
    )


@pytest.mark.parametrize("limit", [3, 7, 5000])
def test_every_page_of_every_section_is_django_s_own(demo, monkeypatch, limit):
    monkeypatch.setattr(BilingualSitemap, "limit", limit)
    # An English slug left empty: the location falls back as modeltranslation's field does.
    Agreement.objects.filter(pk=Agreement.objects.published().first().pk).update(slug_en="")
    site = RequestSite(RequestFactory().get("/"))
    compared = 0
    for name, section in SITEMAPS.items():
        ours, theirs = section(), stock(section)()
        assert ours.paginator.count == theirs.paginator.count
        assert ours.paginator.num_pages == theirs.paginator.num_pages
        for page in ours.paginator.page_range:
            urls = ours.get_urls(page=page, site=site, protocol="https")
            expected = theirs.get_urls(page=page, site=site, protocol="https")
            assert urls == expected, (name, page)
            assert getattr(ours, "latest_lastmod", None) == getattr(theirs, "latest_lastmod", None)
            assert write_urlset(urls) == render_to_string("sitemap.xml", {"urlset": expected})
            compared += len(urls)
    assert compared == sum(stock(section)().paginator.count for section in SITEMAPS.values())


def test_a_section_page_is_the_django_view_s_page_byte_for_byte(client, demo, monkeypatch):
    monkeypatch.setattr(BilingualSitemap, "limit", 4)
    stock_sitemaps = {name: stock(section) for name, section in SITEMAPS.items()}
    factory = RequestFactory()
    for address, section, page in [
        ("/sitemap-agreements.xml", "agreements", None),
        ("/sitemap-agreements.xml?p=3", "agreements", "3"),
        ("/sitemap-pages.xml?p=2", "pages", "2"),
        ("/sitemap-sectors.xml", "sectors", None),
    ]:
        response = client.get(address)
        request = factory.get(f"/sitemap-{section}.xml", {"p": page} if page else {})
        expected = django_sitemap(request, stock_sitemaps, section).render()
        assert response.status_code == HTTPStatus.OK
        assert response.content == expected.content, address
        assert response["Content-Type"] == "application/xml"
        assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
        assert response.get("Last-Modified") == expected.get("Last-Modified")
        assert response.has_header("Last-Modified") == (section == "agreements")


def test_pages_past_the_end_and_bad_numbers_are_404(client, demo):
    assert client.get("/sitemap-agreements.xml?p=99").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/sitemap-agreements.xml?p=abc").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/sitemap-nothing.xml").status_code == HTTPStatus.NOT_FOUND


def test_the_index_counts_sections_without_loading_them(client, demo):
    """One count per section and one latest change per record section: no record is loaded."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == HTTPStatus.OK
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 7
    assert all("COUNT(" in sql or "MAX(" in sql for sql in selects), selects


def test_a_section_page_loads_only_its_records(demo, monkeypatch):
    monkeypatch.setattr(BilingualSitemap, "limit", 3)
    section = SITEMAPS["agreements"]()
    site = RequestSite(RequestFactory().get("/"))
    with CaptureQueriesContext(connection) as queries:
        urls = section.get_urls(page=2, site=site, protocol="https")
    # Page 2 holds pairs 4 to 6: the second language of record 2, then record 3 in both.
    first = list(Agreement.objects.published().order_by("pk")[1:4])
    assert [url["item"] for url in urls] == [
        (first[0], "en"),
        *((first[1], "fr"), (first[1], "en")),
    ]
    assert len(queries) == 2  # the count, then records 2 and 3
    assert "LIMIT 2 OFFSET 1" in queries.captured_queries[1]["sql"]


def test_language_pairs_slice_like_a_list():
    items = ["a", "b", "c", "d"]
    pairs = LanguagePairs(items, ["fr", "en"])
    listed = [(item, language) for item in items for language in ["fr", "en"]]
    assert len(pairs) == pairs.count() == 8
    for start in range(9):
        for stop in range(start, 10):
            assert pairs[start:stop] == listed[start:stop], (start, stop)
    assert pairs[5] == listed[5]


def test_the_writer_escapes_and_omits_as_the_template_does():
    urls = [
        {
            "item": None,
            "location": "https://example.org/fr/a?x=1&y='2'",
            "lastmod": datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC),
            "changefreq": "monthly",
            "priority": "0.8",
            "alternates": [{"location": 'https://example.org/"en"/a', "lang_code": "en"}],
        },
        {
            "item": None,
            "location": "https://example.org/b",
            "lastmod": datetime.date(2020, 1, 2),
            "changefreq": None,
            "priority": "",
            "alternates": [],
        },
    ]
    assert write_urlset(urls) == render_to_string("sitemap.xml", {"urlset": urls})
    assert write_urlset([]) == render_to_string("sitemap.xml", {"urlset": []})
