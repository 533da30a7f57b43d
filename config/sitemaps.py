"""sitemap.xml: every published page, in French and English, each with the other as alternate."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner, Sector


class BilingualSitemap(Sitemap):
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
