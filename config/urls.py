from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from .catalogue import CatalogueView, dcat_view
from .search import SearchView
from .sectors import SectorDetailView, SectorListView
from .sitemaps import SITEMAPS, section
from .unprefixed import unprefixed
from .views import HomeView, favicon, robots_txt

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", robots_txt, name="robots"),
    # Browsers and crawlers that look for /favicon.ico get the site's icon, not a 404 page.
    path("favicon.ico", favicon, name="favicon"),
    # A sitemap index (what robots.txt names), then each kind of page's own sitemap, in pages of
    # 5,000 addresses (`?p=2`): at ministry scale one file would be 10 MB and seconds to build.
    path(
        "sitemap.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        section,
        name="sitemap-section",
    ),
    # The read-only API, in both languages at once: not under a language prefix (docs/api.md).
    path("api/v1/", include("config.api.urls")),
    path("api/", RedirectView.as_view(pattern_name="api:index"), name="api"),
    # The open-data catalogue for harvesters (DCAT-AP, JSON-LD), both languages in one file.
    path("catalogue.jsonld", dcat_view, name="dcat"),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path(_("partners/"), include("partners.urls")),
    path(_("agreements/"), include("agreements.urls")),
    path(_("missions/"), include("missions.urls")),
    path(_("trade/"), include("partners.trade.urls")),
    path(_("search/"), SearchView.as_view(), name="search"),
    path(_("open-data/"), CatalogueView.as_view(), name="catalogue"),
    path(
        _("sectors/"),
        include(
            (
                [
                    path("", SectorListView.as_view(), name="list"),
                    path("<slug:slug>/", SectorDetailView.as_view(), name="detail"),
                ],
                "sectors",
            )
        ),
    ),
    prefix_default_language=True,
)

# Last: an address without a language prefix goes to the same page in the visitor's language.
urlpatterns.append(re_path(r"^(?!(?:fr|en)/)(?P<path>.*)$", unprefixed, name="unprefixed"))

handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
