"""Reads for the public partner pages and the trade explorer."""

from django.db.models import Count, F, OuterRef, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber

from agreements.models import Agreement, AgreementStatus
from missions.models import Mission

from .models import Partner, TradeFigure, TradeFlow

# A dossier shows the latest of each list and links to the whole list, filtered.
DOSSIER_LIMIT = 10
# What the partner list and its exports show of a partner (not its overview).
LISTED_PARTNER = ("slug", "name_fr", "name_en", "iso_code", "kind", "world_region", "parent")
# What the dossier's lists show of each record (not their long texts).
AGREEMENT_ITEM = ("slug", "title_fr", "title_en", "status", "signed_on", "signed_on_precision")
MISSION_ITEM = ("slug", "title_fr", "title_en", "start_date")
PRODUCT_LABELS = ("product__label_fr", "product__label_en")


def partner_list():
    # A count per listed partner (a subquery served by the parties' and in-force indexes), not a
    # GROUP BY of every partner joined to every agreement before the page is cut.
    in_force = (
        Agreement.parties.through.objects.filter(
            partner=OuterRef("pk"),
            agreement__publication_status="published",
            agreement__status=AgreementStatus.IN_FORCE,
        )
        .order_by()
        .values("partner")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        Partner.objects.published()
        .select_related("parent")
        .only(*LISTED_PARTNER, *(f"parent__{name}" for name in ("slug", "name_fr", "name_en")))
        .annotate(agreements_in_force=Coalesce(Subquery(in_force), 0))
    )


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


def partner_dossier(partner: Partner) -> dict:
    family = Partner.objects.descendant_ids([partner])
    agreements = Agreement.objects.published().with_party_among(family)
    # The latest few of each status and how many there are of each, in one query: windows number
    # and count the agreements within their status.
    latest = (
        agreements.only(*AGREEMENT_ITEM)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("status")],
                order_by=[F("signed_on").desc(nulls_last=True), F("title_fr").asc()],
            ),
            status_count=Window(Count("pk"), partition_by=[F("status")]),
        )
        .filter(position__lte=DOSSIER_LIMIT)
        .order_by(F("signed_on").desc(nulls_last=True), "title_fr")
    )
    groups = {}
    for agreement in latest:
        groups.setdefault(agreement.status, []).append(agreement)
    order = [status for status, _label in AgreementStatus.choices]
    missions = Mission.objects.published().with_stop_among(family).only(*MISSION_ITEM)
    trade = yearly_trade([partner.pk])
    products_year, products = main_products(partner, yearly=trade)
    return {
        "children": partner.children.published()
        .only("parent", "slug", "name_fr", "name_en")
        .order_by("name_fr"),
        "offices": partner.offices.order_by("city_fr"),
        "agreement_groups": [
            (AgreementStatus(status).label, status, groups[status][0].status_count, groups[status])
            for status in order
            if status in groups
        ],
        "agreement_count": sum(items[0].status_count for items in groups.values()),
        "missions": missions.order_by("-start_date")[:DOSSIER_LIMIT],
        "mission_count": missions.count(),
        "trade": trade,
        "products_year": products_year,
        "top_exports": products[TradeFlow.EXPORT],
        "top_imports": products[TradeFlow.IMPORT],
    }
