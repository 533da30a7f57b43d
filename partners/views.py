from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from partners.publishing import fragments
from partners.publishing.language import localized, localized_choice
from partners.publishing.results import cached_results
from partners.publishing.views import PublicDetailMixin, PublicListMixin
from partners.trade.charts import partner_trade_chart
from partners.trade.models import TradeFigure

from .filters import PartnerFilter
from .models import Partner, Sector, WorldRegion
from .selectors import dossier_trade, export_table, partner_dossier, partner_list
from .templatetags.public import money

DOSSIER_BREADCRUMBS = "partners/includes/dossier_breadcrumbs.html"
DOSSIER_CONTENT = "partners/includes/dossier_content.html"
# The templates the dossier's content is written with: a change to one gives other keys.
DOSSIER_TEMPLATES = (
    DOSSIER_BREADCRUMBS,
    DOSSIER_CONTENT,
    "partners/includes/dossier_agreement.html",
    "partners/includes/dossier_trade.html",
    "partners/includes/products.html",
)


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
        partner = self.object
        # What the dossier shows under its title (the partner, its lists, its trade) and its
        # breadcrumbs (the partner it belongs to) are written from their own templates and kept
        # as its results are, by the versions its page holds (partners/publishing/results.py:
        # the partner's, its share of the agreements and missions, the sectors' and the
        # trade's): a dossier gone cold for another reason than an edit of what it shows reads
        # them back, its cards and its trade section not looked up. Written each time where no
        # versions are known (a draft, a preview).
        written = cached_results(
            "partner-dossier-page",
            (
                partner.pk,
                fragments.sources_digest(DOSSIER_TEMPLATES),
                *fragments.written_at(),
            ),
            self.dossier,
            page="partners:detail",
            kwargs={"slug": partner.slug},
        )
        context["dossier"] = {part: mark_safe(html) for part, html in written.items()}
        return context

    def dossier(self) -> dict:
        """The HTML of the dossier's breadcrumbs and of what it shows under its title."""
        return {
            "breadcrumbs": render_to_string(DOSSIER_BREADCRUMBS, {"partner": self.object}),
            "content": render_to_string(DOSSIER_CONTENT, self.dossier_context()),
        }

    def dossier_context(self) -> dict:
        """The context of what the dossier shows under its title (DOSSIER_CONTENT)."""
        context = {"partner": self.object, **partner_dossier(self.object)}
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
