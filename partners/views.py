from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView

from .charts import yearly_bars
from .filters import PartnerFilter
from .listing import PublicDetailMixin, PublicListMixin
from .models import Partner, TradeFlow
from .selectors import partner_dossier, partner_list
from .templatetags.public import money
from .trade import TradeExplorerForm, trade_rows


class PartnerListView(PublicListMixin, ListView):
    model = Partner
    filterset_class = PartnerFilter
    template_name = "partners/partner_list.html"
    paginate_by = 30
    export_name = "partners"
    sort_options = {
        "name": (gettext_lazy("Name"), ("name_fr", "pk")),
        "region": (gettext_lazy("World region"), ("world_region", "name_fr", "pk")),
        "agreements": (
            gettext_lazy("Agreements in force"),
            ("-agreements_in_force", "name_fr", "pk"),
        ),
    }
    default_sort = "name"

    def base_queryset(self):
        return partner_list()

    def export_rows(self, queryset):
        header = [
            ("name", _("Name")),
            ("iso_code", _("ISO code")),
            ("kind", _("Kind")),
            ("belongs_to", _("Belongs to")),
            ("world_region", _("World region")),
            ("agreements_in_force", _("Agreements in force")),
            ("url", _("Page")),
        ]
        rows = [
            (
                p.name,
                p.iso_code,
                p.get_kind_display(),
                p.parent.name if p.parent_id else "",
                p.get_world_region_display(),
                p.agreements_in_force,
                self.request.build_absolute_uri(p.get_absolute_url()),
            )
            for p in queryset
        ]
        return header, rows


class PartnerDetailView(PublicDetailMixin, DetailView):
    model = Partner
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return super().get_queryset().select_related("parent").prefetch_related("sectors")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = partner_dossier(self.object)
        context.update(dossier)
        if dossier["trade"]:
            context["trade_chart"] = yearly_bars(
                dossier["trade"],
                title=_("Trade in goods with %(partner)s, by year") % {"partner": self.object},
                series=[
                    ("exports", TradeFlow.EXPORT.label.capitalize(), "bar-exports"),
                    ("imports", TradeFlow.IMPORT.label.capitalize(), "bar-imports"),
                    ("stored_total", _("Total trade (split not given)"), "bar-total"),
                ],
                format_value=money,
            )
        return context


class TradeExplorerView(TemplateView):
    template_name = "trade/explorer.html"

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
