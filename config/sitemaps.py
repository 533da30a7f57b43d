"""The sitemaps: every published page, in French and English, each with the other as alternate.

/sitemap.xml is their index; each section (`SITEMAPS`) is /sitemap-<section>.xml, in pages of
`limit` addresses (a page and its language count as one address)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner, Sector


class BilingualSitemap(Sitemap):
    limit = 5000
    i18n = True
    languages = ["fr", "en"]
    alternates = True
    x_default = True


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
    def items(self):
        return Partner.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """The index's last change of the section, in one query (Django's default calls
        `lastmod` on every item: 10,000 agreements loaded to write one date)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class AgreementSitemap(PartnerSitemap):
    def items(self):
        return Agreement.objects.published().order_by("pk")


class MissionSitemap(PartnerSitemap):
    def items(self):
        return Mission.objects.published().order_by("pk")


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
