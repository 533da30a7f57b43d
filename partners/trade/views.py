"""The trade explorer: figures by partner and year, as a table, a chart and a download."""

from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from partners.models import Partner
from partners.publishing import fragments
from partners.publishing.exports import TABLE_FORMATS, export_response
from partners.publishing.views import applied_filters, sort_headers
from partners.templatetags.public import money, trade_partner_rows

from . import selectors
from .charts import partner_trade_chart
from .filters import SORTS, TradeFilter
from .models import TradeFigure

CONTENT = "trade/includes/explorer_content.html"
FILTER_TAGS = "includes/filter_tags.html"
CHARTS = "trade/includes/explorer_charts.html"
PRODUCTS = "trade/includes/explorer_products.html"


class TradeExplorerView(TemplateView):
    template_name = "trade/explorer.html"
    export_name = "trade"

    @classmethod
    def cache_parameters(cls) -> set[str]:
        """The form's parameters and `format`: the page cache keys on these (config/cache.py)."""
        return {*TradeFilter.parameters(), "format"}

    def get(self, request, *args, **kwargs):
        kind = request.GET.get("format")
        if kind in TABLE_FORMATS:
            filterset = selectors.trade_filterset(request.GET)
            header, values = selectors.trade_table(selectors.trade_rows(filterset))
            return export_response(kind, header, values, self.export_name, stream=True)
        # Made when first read: by CONTENT when it is written, by the page cache when it stores
        # the page (config/cache.py reads the partner chosen), not by a page read back.
        filterset = SimpleLazyObject(lambda: selectors.trade_filterset(request.GET))
        # What the page shows under its title (the form, the filters applied, the charts, the
        # table and the products) shows the partners and their figures only, and the links of
        # the sort headers and downloads repeat the request's parameters: written once per
        # query string (its parameters in their order) and version of those topics, the form
        # validated and rendered only then.
        context = self.get_context_data(
            filter=filterset,
            explorer=fragments.written(
                "trade-explorer-page",
                (
                    tuple((name, tuple(values)) for name, values in request.GET.lists()),
                    *fragments.written_at(),
                ),
                (Partner, TradeFigure),
                lambda: render_to_string(CONTENT, self.content(filterset)),
                templates=(CONTENT, FILTER_TAGS, CHARTS, PRODUCTS),
            ),
        )
        return self.render_to_response(context)

    def content(self, filterset) -> dict:
        """The context of what the page shows under its title (CONTENT)."""
        key, descending = selectors.current_sort(filterset)
        # The form sends no sort or order left at its default (static/js/filters.js): the
        # address of the default view stays bare.
        fields = filterset.form.fields
        fields["sort"].widget.attrs["data-default"] = "partner"
        fields["order"].widget.attrs["data-default"] = selectors.default_order(key)
        return {
            # The sort headers' and downloads' links repeat its parameters ({% query_string %}).
            "request": self.request,
            "filter": filterset,
            # The charts, the table's rows and the main products show the partners and their
            # figures only: written once per choice of figures and version of those topics.
            "figures": fragments.written(
                "trade-explorer",
                selectors.explorer_parts(filterset),
                (Partner, TradeFigure),
                lambda: self.figures(filterset),
                templates=(CHARTS, PRODUCTS),
            ),
            "sort_headers": sort_headers(SORTS, key, descending, selectors.default_order),
            "applied_filters": applied_filters(filterset, exclude={"sort", "order"}),
        }

    def figures(self, filterset) -> dict:
        """What the explorer shows of the chosen figures, written: whether there are any, whether
        some are estimates, the charts (one a partner, named: their figures are not summed),
        the table's rows and the main products."""
        rows, products = selectors.explorer_series(filterset)
        shown = [figure for entry in products for figure in (*entry["exports"], *entry["imports"])]
        charts = [
            (
                partner,
                partner_trade_chart(
                    partner, years, format_value=money, chart_id=f"chart-{partner.slug}"
                ),
                years[-1],
            )
            for partner, years in selectors.by_partner(rows)
        ]
        return {
            "shown": bool(rows),
            "estimates": selectors.has_estimates(rows, shown),
            "charts": render_to_string(CHARTS, {"charts": charts, "rows": rows}),
            "rows": trade_partner_rows(rows),
            "products": render_to_string(PRODUCTS, {"products": products}),
        }
