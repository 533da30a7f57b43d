"""The trade explorer: figures by partner and year, as a table, a chart and a download."""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from partners.templatetags.public import money

from .charts import yearly_bars
from .filters import TradeExplorerForm, trade_rows
from .models import TradeFlow


class TradeExplorerView(TemplateView):
    template_name = "trade/explorer.html"

    @classmethod
    def cache_parameters(cls) -> set[str]:
        """The form's fields and `format`: the page cache keys on these (config/cache.py)."""
        return {*TradeExplorerForm.base_fields, "format"}

    def get(self, request, *args, **kwargs):
        form = TradeExplorerForm(request.GET or None)
        rows = trade_rows(form)
        if request.GET.get("format") == "csv":
            return form.csv_response(rows)
        context = self.get_context_data(form=form, rows=rows)
        if rows:
            context["chart"] = yearly_bars(
                yearly_sums(rows),
                title=_("Exports and imports of the partners shown, by year"),
                series=[
                    ("exports", TradeFlow.EXPORT.label.capitalize(), "bar-exports"),
                    ("imports", TradeFlow.IMPORT.label.capitalize(), "bar-imports"),
                    ("stored_total", _("Total trade (split not given)"), "bar-total"),
                ],
                format_value=money,
            )
        return self.render_to_response(context)


def yearly_sums(rows) -> list[dict]:
    """The explorer's rows summed by year: exports, imports, and the total trade of the partners
    whose source gives no split (as South Korea's in 2016), which exports and imports leave out.
    A sum stays None where no partner gives a figure."""
    years: dict[int, dict] = {}
    for row in rows:
        year = years.setdefault(
            row["year"],
            {"year": row["year"], "exports": None, "imports": None, "stored_total": None},
        )
        for key in ("exports", "imports"):
            if row[key] is not None:
                year[key] = (year[key] or 0) + row[key]
        if row["exports"] is None and row["imports"] is None and row["total"] is not None:
            year["stored_total"] = (year["stored_total"] or 0) + row["total"]
    return [years[year] for year in sorted(years)]
