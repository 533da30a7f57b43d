"""Reads of the trade figures: yearly totals with their change, main products."""

from django.db.models import F, Subquery, Window
from django.db.models.functions import RowNumber

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
