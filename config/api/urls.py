"""/api/v1/: the read-only API, its OpenAPI schema and its reference page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html"),
        name="docs",
    ),
    path("sectors/", views.SectorList.as_view(), name="sector-list"),
    path("sectors/<slug:slug>/", views.SectorDetail.as_view(), name="sector-detail"),
    path("partners/", views.PartnerList.as_view(), name="partner-list"),
    path("partners/<slug:slug>/", views.PartnerDetail.as_view(), name="partner-detail"),
    path("agreements/", views.AgreementList.as_view(), name="agreement-list"),
    path("agreements/<slug:slug>/", views.AgreementDetail.as_view(), name="agreement-detail"),
    path("missions/", views.MissionList.as_view(), name="mission-list"),
    path("missions/<slug:slug>/", views.MissionDetail.as_view(), name="mission-detail"),
    path("trade/", views.TradeYearList.as_view(), name="trade-list"),
    path("trade/products/", views.ProductFigureList.as_view(), name="product-figure-list"),
    # Any other address under /api/v1/ answers a 404 in JSON, not the site's HTML page.
    re_path(r"^[\s\S]*$", views.not_found, name="not-found"),
]
