"""Reads for the public partner pages and the trade explorer."""

from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Subquery,
    Window,
)
from django.db.models.functions import Cast, Coalesce, RowNumber

from agreements.models import Agreement, AgreementStatus
from missions.models import Mission

from .models import Partner, TradeFigure, TradeFlow

# A dossier shows the latest of each list and links to the whole list, filtered.
DOSSIER_LIMIT = 10


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


def top_products(partner, year: int, flow: str, limit: int = 5):
    total = TradeFigure.objects.totals().filter(
        partner=OuterRef("partner"), year=OuterRef("year"), flow=OuterRef("flow")
    )
    return (
        TradeFigure.objects.by_product()
        .filter(partner=partner, year=year, flow=flow)
        .select_related("product")
        .annotate(total=Subquery(total.values("value_cad")[:1]))
        .annotate(
            share=ExpressionWrapper(
                Cast("value_cad", FloatField()) / Cast("total", FloatField()),
                output_field=FloatField(),
            )
        )
        .order_by("-value_cad")[:limit]
    )


def partner_dossier(partner: Partner) -> dict:
    family = Partner.objects.with_descendants([partner])
    agreements = Agreement.objects.published().with_party_among(family)
    counts = dict(agreements.order_by().values_list("status").annotate(n=Count("pk")))
    # The latest few of each status, in one query (a window numbers them within their status).
    latest = (
        agreements.annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("status")],
                order_by=[F("signed_on").desc(nulls_last=True), F("title_fr").asc()],
            )
        )
        .filter(position__lte=DOSSIER_LIMIT)
        .order_by(F("signed_on").desc(nulls_last=True), "title_fr")
    )
    groups = {}
    for agreement in latest:
        groups.setdefault(agreement.status, []).append(agreement)
    order = [status for status, _label in AgreementStatus.choices]
    missions = Mission.objects.published().with_stop_among(family).order_by("-start_date")
    trade = yearly_trade([partner.pk])
    latest_products_year = (
        TradeFigure.objects.by_product()
        .filter(partner=partner)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return {
        "children": partner.children.published().order_by("name_fr"),
        "offices": partner.offices.order_by("city_fr"),
        "agreement_groups": [
            (AgreementStatus(status).label, status, counts[status], groups[status])
            for status in order
            if status in groups
        ],
        "agreement_count": sum(counts.values()),
        "missions": missions[:DOSSIER_LIMIT],
        "mission_count": missions.count(),
        "trade": trade,
        "products_year": latest_products_year,
        "top_exports": top_products(partner, latest_products_year, TradeFlow.EXPORT)
        if latest_products_year
        else [],
        "top_imports": top_products(partner, latest_products_year, TradeFlow.IMPORT)
        if latest_products_year
        else [],
    }
