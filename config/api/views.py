"""The API's views: lists filtered by each public list's FilterSet and paginated, details by
slug, published records only (the public pages' querysets). ETag, Last-Modified and 304s come
from config/api/middleware.py, CORS from django-cors-headers."""

from django.db.models import F, Prefetch
from django.http import Http404
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.decorators import api_view, schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from agreements.filters import AgreementFilter
from agreements.models import Agreement
from agreements.selectors import agreement_detail
from missions.filters import MissionFilter
from missions.models import Mission
from missions.selectors import mission_detail
from partners.filters import PartnerFilter
from partners.models import Office, Partner, Sector
from partners.selectors import partner_list
from partners.trade.filters import SORTS as TRADE_SORTS
from partners.trade.filters import TradeFilter
from partners.trade.models import TradeFigure
from partners.trade.selectors import trade_rows

from . import serializers as api
from .fields import identifier
from .filters import ProductFigureFilter

SAFE = ["get", "head", "options"]
PARTNER_REF = ("slug", "iso_code", "kind", "name_fr", "name_en", "updated_at")


class ApiView:
    # What every view of the API shares: reading only, the query parameters it understands (the
    # page cache keys on these, config/cache.py); Last-Modified is config/api/middleware.py's. (No docstring: the schema
    # takes a view's docstring as its public description.)

    http_method_names = SAFE
    extra_parameters: tuple[str, ...] = ()

    @classmethod
    def cache_parameters(cls) -> set[str]:
        filters = getattr(cls, "filterset_class", None)
        names = set(filters.base_filters) if filters else set()
        return {*names, *cls.extra_parameters, "page", "page_size"}


class ApiList(ApiView, generics.ListAPIView):
    filter_backends = [DjangoFilterBackend]


class ApiDetail(ApiView, generics.RetrieveAPIView):
    lookup_field = "slug"
    lookup_url_kwarg = "slug"
    filter_backends = []

    def get_object(self):
        # One "Not found" for every unknown identifier, in the request's language (Django's
        # would name the model, in English).
        try:
            return super().get_object()
        except Http404:
            raise NotFound() from None


# Sectors


def sectors():
    return Sector.objects.order_by("position", "slug_en")


@extend_schema(tags=["sectors"], summary="Sectors")
class SectorList(ApiList):
    """The sectors every record is tagged with, in the order of the International Policy."""

    serializer_class = api.SectorSerializer
    queryset = sectors()
    filter_backends = []


@extend_schema(tags=["sectors"], summary="A sector")
class SectorDetail(ApiDetail):
    """A sector, by its identifier (its English slug, as `health`)."""

    serializer_class = api.SectorSerializer
    lookup_field = identifier(Sector)
    queryset = sectors()


# Partners


def partners():
    """Published partners (the partner list's queryset, whole records), with their published
    partners, offices and sectors, by slug."""
    return (
        partner_list()
        .defer(None)
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Partner.objects.published().order_by("slug"),
            ),
            Prefetch("offices", queryset=Office.objects.order_by("pk")),
            Prefetch("sectors", queryset=sectors()),
        )
        .order_by("slug")
    )


@extend_schema(tags=["partners"], summary="Published partners")
class PartnerList(ApiList):
    """Published partners (countries, federated states, regions, cities) with their
    published sub-partners, Québec's offices there and their sectors, by slug. The partner
    list's filters."""

    serializer_class = api.PartnerSerializer
    filterset_class = PartnerFilter

    def get_queryset(self):
        return partners()


@extend_schema(tags=["partners"], summary="A published partner")
class PartnerDetail(ApiDetail):
    """A published partner, by its slug (an ISO 3166 code in lower case for most)."""

    serializer_class = api.PartnerSerializer

    def get_queryset(self):
        return partners()


# Agreements


def agreements():
    """Published agreements with what their page shows (agreement_detail()), latest signed
    first, undated last, then by slug."""
    return agreement_detail().published().order_by(F("signed_on").desc(nulls_last=True), "slug_fr")


@extend_schema(tags=["agreements"], summary="Published agreements")
class AgreementList(ApiList):
    """Published agreements with their parties, history, calls for projects and full text,
    latest signed first (undated last). The agreement list's filters; `partner` takes in the
    partners under it, `q` searches the title and summary in the request's language."""

    serializer_class = api.AgreementSerializer
    filterset_class = AgreementFilter

    def get_queryset(self):
        return agreements()


@extend_schema(tags=["agreements"], summary="A published agreement")
class AgreementDetail(ApiDetail):
    """A published agreement, by its identifier (its French slug)."""

    serializer_class = api.AgreementSerializer
    lookup_field = identifier(Agreement)

    def get_queryset(self):
        return agreements()


# Missions


def missions():
    """Published missions with the whole report (mission_detail(): public follow-ups and
    published agreements only), latest first, then by slug."""
    return mission_detail().published().order_by("-start_date", "slug_fr")


@extend_schema(tags=["missions"], summary="Published missions")
class MissionList(ApiList):
    """Published mission reports with their places, delegation, recommendations and public
    follow-ups, latest first. The mission list's filters."""

    serializer_class = api.MissionSerializer
    filterset_class = MissionFilter

    def get_queryset(self):
        return missions()


@extend_schema(tags=["missions"], summary="A published mission")
class MissionDetail(ApiDetail):
    """A published mission report, by its identifier (its French slug)."""

    serializer_class = api.MissionSerializer
    lookup_field = identifier(Mission)

    def get_queryset(self):
        return missions()


# Trade

TRADE_FORM_PARAMETERS = [
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=list(TRADE_SORTS),
        description="Sort the rows by (partner by default).",
    ),
    OpenApiParameter(
        "order",
        OpenApiTypes.STR,
        enum=["asc", "desc"],
        description="Ascending or descending (ascending by partner, else descending).",
    ),
]


def checked(filterset):
    """The filterset, once its parameters are valid: a 400 says what is wrong otherwise."""
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset


@extend_schema(
    tags=["trade"],
    summary="Trade by partner and year",
    description="The trade explorer's table: exports, imports, total trade, balance and change "
    "by partner (published partners with trade figures) and year, with its filters and sort.",
    parameters=TRADE_FORM_PARAMETERS,
)
class TradeYearList(ApiList):
    serializer_class = api.TradeYearSerializer
    filterset_class = TradeFilter
    extra_parameters = ("sort", "order")
    queryset = TradeFigure.objects.none()  # for the schema's filters; the rows are sums

    def list(self, request, *args, **kwargs):
        filterset = TradeFilter(request.query_params, queryset=TradeFigure.objects.all())
        # The partners offered, with what a partner's reference shows of them.
        offered = filterset.form.fields["partner"]
        offered.queryset = offered.queryset.only(*PARTNER_REF)
        checked(filterset)
        page = self.paginate_queryset(trade_rows(filterset))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(
    tags=["trade"],
    summary="Trade figures by product",
    description="Exports and imports of each product (Harmonized System code) by published "
    "partner and year.",
)
class ProductFigureList(ApiList):
    serializer_class = api.ProductFigureSerializer
    filterset_class = ProductFigureFilter

    def get_queryset(self):
        return (
            TradeFigure.objects.visible()
            .by_product()
            .select_related("partner", "product")
            .order_by("partner__slug", "-year", "flow", "product__hs_code")
        )


# The index, and what answers an unknown address


INDEX = {
    "sectors": "api:sector-list",
    "partners": "api:partner-list",
    "agreements": "api:agreement-list",
    "missions": "api:mission-list",
    "trade": "api:trade-list",
    "trade_products": "api:product-figure-list",
    "schema": "api:schema",
    "docs": "api:docs",
}


@extend_schema(
    tags=["index"],
    summary="The API's lists",
    responses=inline_serializer("Index", {name: serializers.URLField() for name in INDEX}),
)
@api_view(["GET"])
def index(request):
    return Response({key: request.build_absolute_uri(reverse(name)) for key, name in INDEX.items()})


@api_view(SAFE)
@schema(None)
def not_found(request, *args, **kwargs):
    raise NotFound()
