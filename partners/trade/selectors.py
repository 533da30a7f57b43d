"""Reads of the trade figures: yearly totals with their change, main products, and the
explorer's rows, their sums by year and their download."""

from django.db.models import F, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from .filters import TradeFilter
from .models import TradeFigure, TradeFlow

PRODUCT_LABELS = ("product__label_fr", "product__label_en")


def with_change(rows: list[dict]) -> list[dict]:
    """Add the year-over-year change of the two-way total (None where a year is missing)."""
    previous = None
    for row in rows:
        row["change"] = None
        if (
            previous is not None
            and previous["year"] == row["year"] - 1
            and previous["total"]
            and row["total"] is not None
        ):
            row["change"] = row["total"] / previous["total"] - 1
        previous = row
    return rows


def yearly_trade(partner_ids) -> list[dict]:
    rows = list(TradeFigure.objects.filter(partner__in=partner_ids).yearly_totals())
    return with_change(rows)


def main_products(partner, *, year: int | None = None, limit: int = 5, yearly=None):
    """(year, {flow: figures}): the year (the latest with figures by product, unless given) and
    its main products exported and imported, each with its `share` of the flow's total.

    One query: a window ranks the products within each flow. The flows' totals are the yearly
    rows' exports and imports (`yearly`: yearly_trade() of the partner, read if not given).
    """
    if year is None:
        year = Subquery(
            TradeFigure.objects.by_product()
            .filter(partner=partner)
            .order_by("-year")
            .values("year")[:1]
        )
    figures = (
        TradeFigure.objects.by_product()
        .filter(partner=partner, year=year, flow__in=[TradeFlow.EXPORT, TradeFlow.IMPORT])
        .select_related("product")
        .only("year", "flow", "value_cad", "product__hs_code", *PRODUCT_LABELS)
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("flow")], order_by=[F("value_cad").desc(), "pk"]
            ),
        )
        .filter(position__lte=limit)
        .order_by("flow", "position")
    )
    products = {TradeFlow.EXPORT: [], TradeFlow.IMPORT: []}
    shown_year = None
    totals = {}
    for figure in figures:
        if shown_year is None:
            shown_year = figure.year
            yearly = yearly_trade([partner.pk]) if yearly is None else yearly
            totals = next((row for row in yearly if row["year"] == shown_year), {})
        total = totals.get("exports" if figure.flow == TradeFlow.EXPORT else "imports")
        # Divided as PostgreSQL divided them before: double precision, so that shares round
        # the same.
        figure.share = float(figure.value_cad) / float(total) if total else None
        products[figure.flow].append(figure)
    return shown_year, products


def trade_filterset(data) -> TradeFilter:
    """The explorer's filters over every trade figure; unbound without parameters."""
    return TradeFilter(data or None, queryset=TradeFigure.objects.all())


def default_order(key: str) -> str:
    """A column's first order: partners from A, figures and years from the largest."""
    return "asc" if key == "partner" else "desc"


def current_sort(filterset: TradeFilter) -> tuple[str, bool]:
    """(column, descending?) the rows are sorted by."""
    choices = filterset.form.cleaned_data if filterset.is_valid() else {}
    key = choices.get("sort") or "partner"
    return key, (choices.get("order") or default_order(key)) == "desc"


def trade_rows(filterset: TradeFilter) -> list[dict]:
    """One row a partner and year, as the explorer shows them (and the CSV gives them): the
    chosen partners, or every partner offered when none is chosen or a parameter is wrong."""
    valid = filterset.is_valid()
    choices = filterset.form.cleaned_data if valid else {}
    offered = filterset.form.fields["partner"].queryset
    # In the choices' order: by name in the page's language, with its collation.
    partners = {p.pk: p for p in (choices.get("partner") or offered)}
    figures = filterset.qs if valid else filterset.queryset
    if not choices.get("partner"):
        figures = figures.filter(partner__in=list(partners))
    year_from = choices.get("year_from")
    by_partner: dict[int, list[dict]] = {}
    for row in figures.yearly_totals():
        by_partner.setdefault(row["partner"], []).append(row)
    rows = []
    for partner_id, partner_rows in by_partner.items():
        for row in with_change(partner_rows):
            if year_from and row["year"] < year_from:
                continue  # read for the first year's change only
            rows.append({**row, "partner": partners[partner_id]})
    key, descending = current_sort(filterset)
    if key == "partner":
        rank = {pk: position for position, pk in enumerate(partners)}
        rows.sort(key=lambda r: (rank[r["partner"].pk], -r["year"]), reverse=descending)
    else:
        present = [r for r in rows if r[key] is not None]
        missing = [r for r in rows if r[key] is None]
        present.sort(key=lambda r: r[key], reverse=descending)
        rows = present + missing
    return rows


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


def trade_table(rows) -> tuple[list[tuple[str, str]], list[list]]:
    """The explorer's rows as a download: (header, values), for publishing.exports. Amounts in
    dollars and cents, the change in percent to one decimal, an unknown figure empty."""
    header = [
        ("partner", _("Partner")),
        ("iso_code", _("ISO code")),
        ("year", _("Year")),
        ("exports", _("Exports (CAD)")),
        ("imports", _("Imports (CAD)")),
        ("total", _("Total trade (CAD)")),
        ("balance", _("Balance (CAD)")),
        ("change", _("Change over the previous year (%)")),
    ]
    values = [
        [
            row["partner"].name,
            row["partner"].iso_code,
            row["year"],
            *(
                "" if row[key] is None else f"{row[key]:.2f}"
                for key in ("exports", "imports", "total", "balance")
            ),
            "" if row["change"] is None else f"{row['change'] * 100:.1f}",
        ]
        for row in rows
    ]
    return header, values
