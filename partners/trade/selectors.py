"""Reads of the trade figures: yearly totals with their change, main products, and the
explorer's rows, their sums by year and their download."""

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from partners.models import WORLD_CODE, Partner, PartnerKind
from partners.publishing.language import text_in
from partners.publishing.results import cached_results

from .filters import TradeFilter
from .models import Product, TradeFigure, TradeFlow

CENTS = Decimal("0.01")
TENTH = Decimal("0.1")

PRODUCT_LABELS = ("product__label_fr", "product__label_en")


def with_change(rows: list[dict]) -> list[dict]:
    """Add the year-over-year change of exports, imports and the two-way total (None where a
    year is missing), and whether each figure is derived rather than reported (`*_derived`): a
    total or balance is derived if a figure it sums is, a change if either year's figure is."""
    previous = None
    for row in rows:
        split = row["exports"] is not None and row["imports"] is not None
        row.setdefault("exports_derived", 0)
        row.setdefault("imports_derived", 0)
        row.setdefault("stored_total_derived", 0)
        either = bool(row["exports_derived"] or row["imports_derived"])
        row["total_derived"] = either if split else bool(row["stored_total_derived"])
        row["balance_derived"] = either
        follows = previous is not None and previous["year"] == row["year"] - 1
        for key, change in (
            ("total", "change"),
            ("exports", "exports_change"),
            ("imports", "imports_change"),
        ):
            row[change] = None
            row[f"{change}_derived"] = False
            if follows and previous[key] and row[key] is not None:
                row[change] = row[key] / previous[key] - 1
                row[f"{change}_derived"] = bool(row[f"{key}_derived"] or previous[f"{key}_derived"])
        previous = row
    return rows


ESTIMATE_FLAGS = ("exports_derived", "imports_derived", "total_derived", "balance_derived")


def has_estimates(rows, products=()) -> bool:
    """Whether any figure shown is derived (the page then explains its "≈")."""
    return any(row.get(flag) for row in rows for flag in ESTIMATE_FLAGS) or any(
        figure.is_derived for figure in products
    )


def world_totals(years) -> dict[int, dict]:
    """Québec's exports, imports and total with all partners, by year: the world row's figures
    (partners.reference.world_partner), for shares and ranks. Empty where none is stored."""
    rows = TradeFigure.objects.filter(partner__iso_code=WORLD_CODE, year__in=list(years))
    return {row["year"]: row for row in with_change(rows.yearly_totals())}


def world_partner():
    """The world row's partner id, as a subquery PostgreSQL runs once (an InitPlan)."""
    return Subquery(Partner.objects.filter(iso_code=WORLD_CODE).order_by().values("pk")[:1])


def world_of(found: list[dict], rows: list[dict], shown) -> dict[int, dict]:
    """world_totals() of the years of `rows`, from `found`: the yearly totals of a query that
    read the world row's figures with the partners' (`| Q(partner=world_partner())`), one query
    instead of two. The rows of a partner not `shown` are the world's; where there are none
    (no figure of the world, or the world is itself shown) world_totals() reads them."""
    years = {row["year"] for row in rows}
    world = [row for row in found if row["partner"] not in shown]
    if not world:
        return world_totals(years)
    return {row["year"]: row for row in with_change([r for r in world if r["year"] in years])}


def with_shares(rows: list[dict], world: dict[int, dict]) -> list[dict]:
    """Add each row's share of Québec's exports, imports and total trade that year (None where
    the world row does not give that total); derived where either figure is."""
    for row in rows:
        totals = world.get(row["year"], {})
        for key in ("exports", "imports", "total"):
            whole = totals.get(key)
            value = row.get(key)
            row[f"{key}_share"] = value / whole if whole and value is not None else None
            row[f"{key}_share_derived"] = bool(
                row.get(f"{key}_derived") or totals.get(f"{key}_derived")
            )
    return rows


def trade_rank(partner, year: int, *, world: dict | None = None) -> tuple[int, int] | None:
    """(rank, partners ranked): the partner's place among Québec's trading partners by total
    trade in `year`, computed from the stored figures. None unless the partners' figures add up
    to Québec's total with all partners (the world row): ranked among a few partners only, a
    "1st" would say what the figures do not."""
    world = world if world is not None else world_totals([year]).get(year)
    if not world or not world["total"]:
        return None
    rows = [
        row
        for row in TradeFigure.objects.filter(
            year=year, partner__kind=PartnerKind.SOVEREIGN_STATE
        ).yearly_totals()
        if row["total"] is not None
    ]
    if sum(row["total"] for row in rows) < world["total"] * COVERED:
        return None
    ranked = sorted(rows, key=lambda row: -row["total"])
    for position, row in enumerate(ranked, start=1):
        if row["partner"] == partner.pk:
            return position, len(ranked)
    return None


# The share of Québec's total with all partners that the countries' figures must cover before
# a rank is given (rounding in the sources leaves a little out).
COVERED = Decimal("0.995")


def yearly_trade(partner_ids) -> list[dict]:
    """A partner's years, with their changes and the partner's shares of Québec's trade."""
    ids = set(partner_ids)
    found = TradeFigure.objects.filter(Q(partner__in=ids) | Q(partner=world_partner()))
    found = found.yearly_totals()
    rows = with_change([row for row in found if row["partner"] in ids])
    world = world_of(found, rows, ids)
    for row in rows:
        row["world"] = world.get(row["year"])
    return with_shares(rows, world)


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
        .only("year", "flow", "value_cad", "basis", "product__hs_code", *PRODUCT_LABELS)
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


def main_products_of(rows, *, limit: int = 5) -> list[dict]:
    """The explorer's main products: for each partner of `rows` (the explorer's rows), the
    latest year with figures by product and its main products each way, with their share of
    the flow's total that year. Two queries whatever the number of partners: the latest years,
    then the figures, a window ranking the products within each partner and flow.

    [{partner, year, exports: [figures], imports: [figures]}], in the rows' order of partners.
    """
    partners = {row["partner"].pk: row["partner"] for row in rows}
    if not partners:
        return []
    totals = {(row["partner"].pk, row["year"]): row for row in rows}
    # Each partner's latest year with figures by product, read once a partner (one backward
    # step on the unique key's index), then a condition a year: a subquery correlated to each
    # figure would be run once for every figure of the partners (10,000 for China).
    latest = Subquery(
        TradeFigure.objects.by_product()
        .filter(partner=OuterRef("pk"))
        .order_by("-year")
        .values("year")[:1]
    )
    by_year: dict[int, list[int]] = {}
    for pk, year in (
        Partner.objects.filter(pk__in=list(partners))
        .annotate(latest=latest)
        .order_by()
        .values_list("pk", "latest")
    ):
        if year is not None:
            by_year.setdefault(year, []).append(pk)
    if not by_year:
        return []
    latest_years = Q()
    for year, pks in sorted(by_year.items()):
        latest_years |= Q(year=year, partner__in=sorted(pks))
    figures = (
        TradeFigure.objects.by_product()
        .filter(latest_years, flow__in=[TradeFlow.EXPORT, TradeFlow.IMPORT])
        .select_related("product")
        .only("partner", "year", "flow", "value_cad", "basis", "product__hs_code", *PRODUCT_LABELS)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("partner"), F("flow")],
                order_by=[F("value_cad").desc(), "pk"],
            ),
        )
        .filter(position__lte=limit)
        # By the partner's id, not its name (the partner's default order would join it).
        .order_by("partner_id", "flow", "position")
    )
    found: dict[int, dict] = {}
    for figure in figures:
        entry = found.setdefault(
            figure.partner_id,
            {
                "partner": partners[figure.partner_id],
                "year": figure.year,
                "exports": [],
                "imports": [],
            },
        )
        key = "exports" if figure.flow == TradeFlow.EXPORT else "imports"
        total = totals.get((figure.partner_id, figure.year), {}).get(key)
        figure.share = float(figure.value_cad) / float(total) if total else None
        entry[key].append(figure)
    return [found[pk] for pk in partners if pk in found]


def by_partner(rows) -> list[tuple]:
    """The explorer's rows grouped by partner, in the rows' order of partners, each partner's
    years in order: what its one chart a partner draws."""
    groups: dict[int, tuple] = {}
    for row in rows:
        groups.setdefault(row["partner"].pk, (row["partner"], []))[1].append(row)
    return [(partner, sorted(years, key=lambda r: r["year"])) for partner, years in groups.values()]


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
    # With the world row's figures (shares), in the same query.
    found = (figures | TradeFigure.objects.filter(partner=world_partner())).yearly_totals()
    grouped: dict[int, list[dict]] = {}
    for row in found:
        if row["partner"] in partners:
            grouped.setdefault(row["partner"], []).append(row)
    rows = []
    for partner_id, partner_rows in grouped.items():
        for row in with_change(partner_rows):
            if year_from and row["year"] < year_from:
                continue  # read for the first year's change only
            rows.append({**row, "partner": partners[partner_id]})
    with_shares(rows, world_of(found, rows, partners))
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


def explorer_series(filterset: TradeFilter) -> tuple[list[dict], list[dict]]:
    """(rows, main products): the explorer's rows (trade_rows()) and main_products_of() them,
    kept by what they were computed from (the chosen partners, years, sort and order; every
    partner when the form is invalid) and the versions the explorer's page holds (the trade and
    partners topics: partners/publishing/results.py). A trade import moves them."""

    def compute():
        rows = trade_rows(filterset)
        return rows, main_products_of(rows)

    return cached_results(
        "trade-explorer", explorer_parts(filterset), compute, page="trade:explorer"
    )


def explorer_parts(filterset: TradeFilter) -> tuple:
    """What the explorer's figures are computed from: the chosen partners, years, sort and
    order; every partner when the form is invalid."""
    if not filterset.is_valid():
        return ("invalid",)
    choices = filterset.form.cleaned_data
    chosen = tuple(sorted(partner.pk for partner in choices.get("partner") or ()))
    return (chosen, choices.get("year_from"), choices.get("year_to"), current_sort(filterset))


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


def product_figures(rows) -> dict[tuple[int, int], list[dict]]:
    """The figures by product behind the explorer's rows: {(partner id, year): [{hs_code,
    label, exports, imports}]} by HS code, in one query."""
    partners = {row["partner"].pk for row in rows}
    years = {row["year"] for row in rows}
    if not rows:
        return {}
    figures = (
        TradeFigure.objects.by_product()
        .filter(partner__in=partners, year__in=years)
        .values_list("partner", "year", "flow", "value_cad", "product__hs_code", *PRODUCT_LABELS)
        .order_by("partner", "year", "product__hs_code")
    )
    products: dict[tuple[int, int], dict[str, dict]] = {}
    for partner, year, flow, value, hs_code, label_fr, label_en in figures.iterator():
        product = products.setdefault((partner, year), {}).setdefault(
            hs_code,
            {
                "hs_code": hs_code,
                "label": Product(label_fr=label_fr, label_en=label_en),
                "export": None,
                "import": None,
                "total": None,
            },
        )
        product[flow] = value
    return {key: list(found.values()) for key, found in products.items()}


def trade_table(rows) -> tuple[list[tuple[str, str]], Iterator[list]]:
    """The explorer's rows as a download, with their products: (header, values) for
    publishing.exports. Each partner and year gives its total row (no HS code), then a row for
    each product by HS code, with that product's exports and imports (and their sum and balance
    where both are known). Amounts in dollars and cents, the change in percent to one decimal,
    an unknown figure empty."""
    header = [
        ("partner_id", _("Partner (identifier)")),
        ("partner", _("Partner")),
        ("iso_code", _("ISO code")),
        ("year", _("Year")),
        ("hs_code", pgettext("column title", "HS code")),
        ("product", _("Product")),
        ("exports", _("Exports (CAD)")),
        ("imports", _("Imports (CAD)")),
        ("total", _("Total trade (CAD)")),
        ("balance", _("Balance (CAD)")),
        ("change", _("Change over the previous year (%)")),
    ]
    by_product = product_figures(rows)

    def amount(value):
        return None if value is None else value.quantize(CENTS)

    def values():
        for row in rows:
            partner = row["partner"]
            yield [
                partner.slug,
                text_in(partner, "name"),
                partner.iso_code or None,
                row["year"],
                None,
                None,
                *(amount(row[key]) for key in ("exports", "imports", "total", "balance")),
                None if row["change"] is None else (row["change"] * 100).quantize(TENTH),
            ]
            for product in by_product.get((partner.pk, row["year"]), []):
                exports, imports = product["export"], product["import"]
                both = exports is not None and imports is not None
                yield [
                    partner.slug,
                    text_in(partner, "name"),
                    partner.iso_code or None,
                    row["year"],
                    product["hs_code"],
                    text_in(product["label"], "label"),
                    amount(exports),
                    amount(imports),
                    amount(exports + imports if both else product["total"]),
                    amount(exports - imports if both else None),
                    None,
                ]

    return header, values()
