"""The sitemaps: every published page, in French and English, each with the other as alternate.

/sitemap.xml is their index; each section (`SITEMAPS`) is /sitemap-<section>.xml, in pages of
`limit` addresses (a page and its language count as one address).

Django's sitemap views serve them, with two costs taken out at ministry scale (10,000 agreements:
0.85 s of CPU a section page, 0.29 s the index): Django pairs every record with every language
in a list before it paginates, so the index (which counts each section's pages) and every page
loaded the whole section; here the pairs are counted by the database and only a page's records
are loaded (`LanguagePairs`). And the 5,000 addresses of a page are written by `write_urlset`
instead of Django's `sitemap.xml` template, which took 40 % of the time;
tests/config/test_sitemaps.py holds it to the template's output, byte for byte."""

import math
from html import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core import paginator
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.timezone import template_localtime

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner, Sector


class LanguagePairs:
    """Django's (item, language) pairs of a sitemap, counted by the database and loaded a page at
    a time: the same sequence as `Sitemap._items()`, for every item in every language."""

    def __init__(self, items, languages):
        self.items = items
        self.languages = languages
        self.total = None

    def count(self) -> int:
        if self.total is None:
            items = self.items
            self.total = (items.count() if hasattr(items, "query") else len(items)) * len(
                self.languages
            )
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(self.count())
        width = len(self.languages)
        first = start // width
        items = self.items[first : math.ceil(stop / width)]
        pairs = [(item, language) for item in items for language in self.languages]
        return pairs[start - first * width : stop - first * width]


class BilingualSitemap(Sitemap):
    limit = 5000
    i18n = True
    languages = ["fr", "en"]
    alternates = True
    x_default = True

    @property
    def paginator(self):
        return paginator.Paginator(LanguagePairs(self.items(), self.languages), self.limit)

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's addresses of a page (`Sitemap._urls`), with each item's location asked for
        once per language instead of four times per pair (its own, each alternate, x-default):
        20,000 translation switches a page fewer."""
        prefix = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls = []
        latest_lastmod = None
        all_items_lastmod = True
        item, locations = None, {}
        for pair in self.paginator.page(page).object_list:
            if pair[0] is not item:
                item = pair[0]
                languages = self.get_languages_for_item(item)
                locations = {}
                for language in languages:
                    with translation.override(language):
                        locations[language] = prefix + self.location(item)
            lastmod = self._value("lastmod", item)
            if all_items_lastmod:
                all_items_lastmod = lastmod is not None
                if all_items_lastmod and (latest_lastmod is None or lastmod > latest_lastmod):
                    latest_lastmod = lastmod
            priority = self._value("priority", item)
            alternates = [
                {"location": locations[language], "lang_code": language} for language in languages
            ]
            if self.x_default and settings.LANGUAGE_CODE in languages:
                default = settings.LANGUAGE_CODE
                alternates.append(
                    {
                        "location": locations[default].replace(f"/{default}/", "/", 1),
                        "lang_code": "x-default",
                    }
                )
            urls.append(
                {
                    "item": pair,
                    "location": locations[pair[1]],
                    "lastmod": lastmod,
                    "changefreq": self._value("changefreq", item),
                    "priority": str(priority if priority is not None else ""),
                    "alternates": alternates,
                }
            )
        if all_items_lastmod and latest_lastmod:
            self.latest_lastmod = latest_lastmod
        return urls

    def _value(self, name, item):
        attribute = getattr(self, name, None)
        return attribute(item) if callable(attribute) else attribute


class StaticSitemap(BilingualSitemap):
    priority = 0.8

    def items(self):
        return [
            "home",
            "partners:list",
            "agreements:list",
            "missions:list",
            "trade:explorer",
            "sectors:list",
        ]

    def location(self, item):
        return reverse(item)


class PartnerSitemap(BilingualSitemap):
    # What a record's address and last change need: its slugs and the time it changed.
    fields = ("pk", "slug", "updated_at")

    def items(self):
        return Partner.objects.published().order_by("pk").only(*self.fields)

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """The index's last change of the section, in one query (Django's default calls
        `lastmod` on every item: 10,000 agreements loaded to write one date)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class AgreementSitemap(PartnerSitemap):
    def items(self):
        return Agreement.objects.published().order_by("pk").only(*self.fields)


class MissionSitemap(PartnerSitemap):
    def items(self):
        return Mission.objects.published().order_by("pk").only(*self.fields)


class SectorSitemap(BilingualSitemap):
    priority = 0.6

    def items(self):
        return Sector.objects.order_by("position", "slug")


SITEMAPS = {
    "pages": StaticSitemap,
    "partners": PartnerSitemap,
    "agreements": AgreementSitemap,
    "missions": MissionSitemap,
    "sectors": SectorSitemap,
}


def write_urlset(urls: list[dict]) -> str:
    """What Django's `sitemap.xml` template writes for `urls` (`Sitemap.get_urls()`)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            lastmod = date_format(template_localtime(url["lastmod"]), "Y-m-d")
            parts.append(f"<lastmod>{lastmod}</lastmod>")
        if url["changefreq"]:
            parts.append(f"<changefreq>{escape(str(url['changefreq']))}</changefreq>")
        if url["priority"]:
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        for alternate in url["alternates"]:
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts)


def section(request, section):
    """Django's sitemap view (its 404s, `Last-Modified`, `X-Robots-Tag`), written by
    `write_urlset`."""
    response = sitemap_views.sitemap(request, SITEMAPS, section)
    response.content = write_urlset(response.context_data["urlset"])
    return response


# The page number is the one parameter a section page reads (config/cache.py keys it).
section.cache_parameters = lambda: {"p"}
