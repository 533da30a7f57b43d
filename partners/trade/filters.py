"""The trade explorer's filters: which partners and years, and how the table is sorted."""

import django_filters
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.models import Partner
from partners.publishing.language import localized
from partners.publishing.widgets import NumberInput, Select, SelectMultiple, capitalised

from .models import TradeFigure

SORTS = {
    "partner": gettext_lazy("Partner"),
    "year": gettext_lazy("Year"),
    "exports": gettext_lazy("Exports"),
    "imports": gettext_lazy("Imports"),
    "total": gettext_lazy("Total trade"),
    "balance": gettext_lazy("Balance"),
    "change": gettext_lazy("Change over the previous year"),
}


def partners_with_trade(request=None):
    """The partners the explorer offers: published, with trade figures, by name in the page's
    language. Only what the choices and the rows show of them."""
    return (
        Partner.objects.published()
        .filter(pk__in=TradeFigure.objects.values("partner"))
        .only("slug", "name_fr", "name_en", "iso_code", "article_name_fr", "article_name_en")
        .order_by(localized("name"), "pk")
    )


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a year is a whole number (NumberFilter reads decimals)


class TradeExplorerForm(forms.Form):
    """The filters' form, with the table's sort and order: the rows are sums computed per
    partner and year (selectors.trade_rows), so they are sorted there, not by a filter."""

    field_order = ["partner", "year_from", "year_to", "sort", "order"]

    sort = forms.ChoiceField(
        choices=list(SORTS.items()),
        widget=Select,
        required=False,
        label=gettext_lazy("Sort by"),
    )
    order = forms.ChoiceField(
        choices=capitalised(
            [("asc", gettext_lazy("ascending")), ("desc", gettext_lazy("descending"))]
        ),
        widget=Select,
        required=False,
        label=gettext_lazy("Order"),
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("year_from"), data.get("year_to")
        if low and high and low > high:
            raise forms.ValidationError(_("The first year must come before the last."))
        return data


class TradeFilter(django_filters.FilterSet):
    """Trade figures of the chosen partners and years. A parameter that is malformed or unknown
    makes the form invalid: the explorer then shows every partner and year, and says so."""

    partner = django_filters.ModelMultipleChoiceFilter(
        queryset=partners_with_trade,
        to_field_name="slug",
        method="filter_partner",
        # The partners with trade figures: a new partner's first figures add it.
        widget=SelectMultiple(cached_as="trade-partners", shows=(Partner, TradeFigure)),
        label=gettext_lazy("Partners"),
        help_text=gettext_lazy("None chosen: every partner with trade figures."),
    )
    year_from = YearFilter(
        method="filter_year_from",
        widget=NumberInput,
        min_value=1900,
        max_value=2100,
        label=gettext_lazy("From the year"),
    )
    year_to = YearFilter(
        field_name="year",
        lookup_expr="lte",
        widget=NumberInput,
        min_value=1900,
        max_value=2100,
        label=gettext_lazy("To the year"),
    )

    class Meta:
        model = TradeFigure
        fields = []
        form = TradeExplorerForm

    @classmethod
    def parameters(cls) -> set[str]:
        """Every query parameter the form reads: the filters, the sort and the order."""
        return {*cls.base_filters, *TradeExplorerForm.base_fields}

    def filter_queryset(self, queryset):
        # As FilterSet's, for the filters only: the sort and the order are the rows'.
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_partner(self, queryset, name, partners):
        if not partners:  # none chosen: every partner offered (selectors.trade_rows)
            return queryset
        return queryset.filter(partner__in=[partner.pk for partner in partners])

    def filter_year_from(self, queryset, name, year):
        # The year before too: the first year's change over the previous one needs it.
        return queryset.filter(year__gte=year - 1)
