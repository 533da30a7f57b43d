"""The trade explorer: figures by partner and year, as a table, a chart and a download."""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from partners.publishing.exports import export_response
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
        rows = selectors.trade_rows(filterset)
        if request.GET.get("format") == "csv":
            return export_response("csv", *selectors.trade_table(rows), self.export_name)
        key, descending = selectors.current_sort(filterset)
        # The form sends no sort or order left at its default (static/js/filters.js): the
        # address of the default view stays bare.
        fields = filterset.form.fields
        fields["sort"].widget.attrs["data-default"] = "partner"
        fields["order"].widget.attrs["data-default"] = selectors.default_order(key)
        context = self.get_context_data(
            filter=filterset,
            rows=rows,
            sort_headers=sort_headers(SORTS, key, descending, selectors.default_order),
            applied_filters=applied_filters(filterset, exclude={"sort", "order"}),
        )
        if rows:
            context["chart"] = yearly_bars(
                selectors.yearly_sums(rows),
                title=_("Exports and imports of the partners shown, by year"),
                series=[
                    ("exports", TradeFlow.EXPORT.label.capitalize(), "bar-exports"),
                    ("imports", TradeFlow.IMPORT.label.capitalize(), "bar-imports"),
                    ("stored_total", _("Total trade (split not given)"), "bar-total"),
                ],
                format_value=money,
            )
        return self.render_to_response(context)
