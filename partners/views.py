from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from partners.publishing import fragments
from partners.publishing.language import localized, localized_choice
from partners.publishing.views import PublicDetailMixin, PublicListMixin
from partners.trade.charts import partner_trade_chart
from partners.trade.models import TradeFigure

from .filters import PartnerFilter
from .models import Partner, Sector, WorldRegion
from .selectors import dossier_trade, export_table, partner_dossier, partner_list
from .templatetags.public import money


class PartnerListView(PublicListMixin, ListView):
    model = Partner
    filterset_class = PartnerFilter
    template_name = "partners/partner_list.html"
    paginate_by = 30
    export_name = "partners"
    list_description = gettext_lazy(
        "The governments Québec works with: countries, federated states and provinces, regions"
        " and cities."
    )
    # The sort orders: key -> (label, ordering in the page's language, made for the request).
    sort_options = {
        "name": (gettext_lazy("Name"), lambda: (localized("name"), "pk")),
        "region": (
            gettext_lazy("World region"),
            lambda: (
                localized_choice("world_region", WorldRegion.choices),
                localized("name"),
                "pk",
            ),
        ),
        "agreements": (
            gettext_lazy("Agreements in force"),
            lambda: ("-agreements_in_force", localized("name"), "pk"),
        ),
    }
    default_sort = "name"
    filter_shows = (Sector,)
    # A row's count of agreements in force changes with the agreements, not with the partner.
    shown_values = ("pk", "agreements_in_force")

    def base_queryset(self):
        return partner_list()

    def export_rows(self, queryset):
        return export_table(queryset, self.request.build_absolute_uri)


class PartnerDetailView(PublicDetailMixin, DetailView):
    model = Partner
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return super().get_queryset().select_related("parent").prefetch_related("sectors")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(partner_dossier(self.object))
        # The trade section shows the partner and its figures only: kept by their versions, an
        # edit of one of its agreements leaves it found (its queries and chart not run).
        context["trade_section"] = fragments.section(
            "partner-trade",
            self.object.pk,
            (Partner, TradeFigure),
            "partners/includes/dossier_trade.html",
            self.trade_context,
            kept=self.object.is_published,
        )
        return context

    def trade_context(self) -> dict:
        partner = self.object
        context = {"partner": partner, **dossier_trade(partner)}
        if context["trade"]:
            context["trade_chart"] = partner_trade_chart(
                partner, context["trade"], format_value=money
            )
        return context
