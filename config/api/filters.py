"""The filters of the API's figures by product: the trade explorer's (partners, years), and the
flow and the product."""

import django_filters
from django.utils.translation import gettext_lazy as _

from partners.trade.filters import TradeExplorerForm, TradeFilter
from partners.trade.models import TradeFigure, TradeFlow


class ProductFiguresForm(TradeExplorerForm):
    """The explorer's form (the first year before the last), without its table's sort."""

    field_order = None
    sort = None
    order = None


class ProductFigureFilter(TradeFilter):
    flow = django_filters.ChoiceFilter(
        choices=[
            (TradeFlow.EXPORT, TradeFlow.EXPORT.label),
            (TradeFlow.IMPORT, TradeFlow.IMPORT.label),
        ],
        label=_("Flow"),
    )
    product = django_filters.CharFilter(
        field_name="product__hs_code", max_length=12, label=_("HS code")
    )

    class Meta:
        model = TradeFigure
        fields = []
        form = ProductFiguresForm

    def filter_year_from(self, queryset, name, year):
        # A figure by product has no change over the year before: the years asked, no more.
        return queryset.filter(year__gte=year)
