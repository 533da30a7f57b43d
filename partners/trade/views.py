"""The trade explorer: figures by partner and year, as a table, a chart and a download."""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from partners.publishing.exports import TABLE_FORMATS, export_response
from partners.publishing.views import applied_filters, sort_headers
from partners.templatetags.public import money

from . import selectors
from .charts import yearly_bars
from .filters import SORTS, TradeFilter
from .models import TradeFlow


class TradeExplorerView(TemplateView):
    template_name = "trade/explorer.html"
    export_name = "trade"

    @classmethod
    def cache_parameters(cls) -> set[str]:
        """The form's parameters and `format`: the page cache keys on these (config/cache.py)."""
        return {*TradeFilter.parameters(), "format"}

    def get(self, request, *args, **kwargs):
        filterset = selectors.trade_filterset(request.GET)
        kind = request.GET.get("format")
        if kind in TABLE_FORMATS:
            header, values = selectors.trade_table(selectors.trade_rows(filterset))
            return export_response(kind, header, values, self.export_name, stream=True)
        rows, products = selectors.explorer_series(filterset)
        key, descending = selectors.current_sort(filterset)
        # The form sends no sort or order left at its default (static/js/filters.js): the
        # address of the default view stays bare.
        fields = filterset.form.fields
        fields["sort"].widget.attrs["data-default"] = "partner"
        fields["order"].widget.attrs["data-default"] = selectors.default_order(key)
        shown = [figure for entry in products for figure in (*entry["exports"], *entry["imports"])]
        context = self.get_context_data(
            filter=filterset,
            rows=rows,
            products=products,
            estimates=selectors.has_estimates(rows, shown),
            sort_headers=sort_headers(SORTS, key, descending, selectors.default_order),
            applied_filters=applied_filters(filterset, exclude={"sort", "order"}),
        )
        # One chart a partner, named: the partners' figures are not summed into one.
        context["charts"] = [
            (
                partner,
                yearly_bars(
                    years,
                    title=_("Trade in goods with %(partner)s, by year")
                    % {"partner": partner.name_in_sentence},
                    series=[
                        ("exports", TradeFlow.EXPORT.label.capitalize(), "bar-exports"),
                        ("imports", TradeFlow.IMPORT.label.capitalize(), "bar-imports"),
                        ("stored_total", _("Total trade (split not given)"), "bar-total"),
                    ],
                    format_value=money,
                    chart_id=f"chart-{partner.slug}",
                ),
                years[-1],
            )
            for partner, years in selectors.by_partner(rows)
        ]
        return self.render_to_response(context)
