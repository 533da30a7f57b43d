"""The trade explorer: yearly trade by partner, filtered, sorted, and downloadable as shown."""

import csv

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.models import Partner
from partners.publishing.filters import ModelChoiceIterator
from partners.publishing.widgets import NumberInput, Select, SelectMultiple

from .models import TradeFigure
from .selectors import with_change

SORTS = {
    "partner": gettext_lazy("Partner"),
    "year": gettext_lazy("Year"),
    "exports": gettext_lazy("Exports"),
    "imports": gettext_lazy("Imports"),
    "total": gettext_lazy("Total trade"),
    "balance": gettext_lazy("Balance"),
    "change": gettext_lazy("Change over the previous year"),
}


class PartnersField(forms.ModelMultipleChoiceField):
    iterator = ModelChoiceIterator  # the choices in one query, not through a server-side cursor


class TradeExplorerForm(forms.Form):
    partner = PartnersField(
        queryset=Partner.objects.none(),
        to_field_name="slug",
        required=False,
        widget=SelectMultiple,
        label=gettext_lazy("Partners"),
        help_text=gettext_lazy("None chosen: every partner with trade figures."),
    )
    year_from = forms.IntegerField(
        widget=NumberInput,
        required=False,
        min_value=1900,
        max_value=2100,
        label=gettext_lazy("From the year"),
    )
    year_to = forms.IntegerField(
        widget=NumberInput,
        required=False,
        min_value=1900,
        max_value=2100,
        label=gettext_lazy("To the year"),
    )
    sort = forms.ChoiceField(
        choices=list(SORTS.items()),
        widget=Select,
        required=False,
        label=gettext_lazy("Sort by"),
    )
    order = forms.ChoiceField(
        choices=[("asc", gettext_lazy("ascending")), ("desc", gettext_lazy("descending"))],
        widget=Select,
        required=False,
        label=gettext_lazy("Order"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_trade = TradeFigure.objects.values("partner")
        self.fields["partner"].queryset = (
            Partner.objects.published()
            .filter(pk__in=with_trade)
            .only("slug", "name_fr", "name_en", "iso_code")  # what the choices and rows show
            .order_by("name_fr")
        )

    def clean(self):
        data = super().clean()
        low, high = data.get("year_from"), data.get("year_to")
        if low and high and low > high:
            raise forms.ValidationError(_("The first year must come before the last."))
        return data

    def value(self, name, default=None):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get(name) or default
        return default

    def csv_response(self, rows):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="trade.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Partner"),
                _("ISO code"),
                _("Year"),
                _("Exports (CAD)"),
                _("Imports (CAD)"),
                _("Total trade (CAD)"),
                _("Balance (CAD)"),
                _("Change over the previous year (%)"),
            ]
        )
        for row in rows:
            change = row["change"]
            writer.writerow(
                [
                    row["partner"].name,
                    row["partner"].iso_code,
                    row["year"],
                    *(
                        "" if row[key] is None else f"{row[key]:.2f}"
                        for key in ("exports", "imports", "total", "balance")
                    ),
                    "" if change is None else f"{change * 100:.1f}",
                ]
            )
        return response


def trade_rows(form: TradeExplorerForm) -> list[dict]:
    """One row a partner and year, as the explorer shows them (and the CSV gives them)."""
    visible = form.fields["partner"].queryset
    chosen = form.value("partner")
    partners = {p.pk: p for p in (chosen if chosen else visible)}
    figures = TradeFigure.objects.filter(partner__in=list(partners))
    if form.value("year_from"):
        figures = figures.filter(year__gte=form.value("year_from") - 1)  # for the first change
    if form.value("year_to"):
        figures = figures.filter(year__lte=form.value("year_to"))
    by_partner: dict[int, list[dict]] = {}
    for row in figures.yearly_totals():
        by_partner.setdefault(row["partner"], []).append(row)
    rows = []
    for partner_id, partner_rows in by_partner.items():
        for row in with_change(partner_rows):
            if form.value("year_from") and row["year"] < form.value("year_from"):
                continue
            rows.append({**row, "partner": partners[partner_id]})
    key = form.value("sort", "partner")
    descending = form.value("order", "desc" if key != "partner" else "asc") == "desc"
    if key == "partner":
        rows.sort(key=lambda r: (r["partner"].name.lower(), -r["year"]), reverse=descending)
    else:
        present = [r for r in rows if r[key] is not None]
        missing = [r for r in rows if r[key] is None]
        present.sort(key=lambda r: r[key], reverse=descending)
        rows = present + missing
    return rows
