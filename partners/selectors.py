"""Reads for the public partner pages.

The partner dossier is a composite page: it reads upward, from the agreements and missions
apps, the records that name the partner. These are the only upward imports of the partners
app (tests/guards/test_layers.py holds the list).
"""

from django.db.models import Count, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber

# Upward reads of the dossier (composite page): the agreements and missions of a partner.
from agreements.models import STATUS_GROUPS, Agreement, AgreementStatus
from missions.models import Mission
from partners.publishing.language import localized
from partners.trade.models import TradeFlow
from partners.trade.selectors import has_estimates, main_products, trade_rank, yearly_trade

from .models import Partner

# A dossier shows the latest of each list and links to the whole list, filtered.
DOSSIER_LIMIT = 10
# What the partner list and its exports show of a partner (not its overview).
LISTED_PARTNER = ("slug", "name_fr", "name_en", "iso_code", "kind", "world_region", "parent")
# What the dossier's lists show of each record (not their long texts).
AGREEMENT_ITEM = (
    "slug",
    "title_fr",
    "title_en",
    "kind",
    "status",
    "signed_on",
    "signed_on_precision",
)
MISSION_ITEM = ("slug", "title_fr", "title_en", "start_date")


def partner_list():
    # A count per listed partner (a subquery served by the parties' and in-force indexes), not a
    # GROUP BY of every partner joined to every agreement before the page is cut.
    # Counted as the dossier counts them: the partner's agreements and those of the partners
    # within it (China's with Shandong's and Shanghai's), each agreement once; to three levels
    # (a country, its states, their cities).
    within = (
        Q(partner=OuterRef("pk"))
        | Q(partner__parent=OuterRef("pk"))
        | Q(partner__parent__parent=OuterRef("pk"))
    )
    in_force = (
        Partner.agreements.through.objects.filter(
            within,
            agreement__publication_status="published",
            agreement__status=AgreementStatus.IN_FORCE,
        )
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(n=Count("agreement", distinct=True))
        .values("n")
    )
    return (
        Partner.objects.published()
        .select_related("parent")
        .only(*LISTED_PARTNER, *(f"parent__{name}" for name in ("slug", "name_fr", "name_en")))
        .annotate(agreements_in_force=Coalesce(Subquery(in_force), 0))
    )


def partner_dossier(partner: Partner) -> dict:
    family = Partner.objects.descendant_ids([partner])
    agreements = Agreement.objects.published().with_party_among(family)
    # The latest few of each status and how many there are of each, in one query: windows number
    # and count the agreements within their status.
    latest = (
        agreements.only(*AGREEMENT_ITEM)
        .with_latest_step()
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("status")],
                order_by=[
                    F("signed_on").desc(nulls_last=True),
                    localized("title").asc(),
                    F("pk").asc(),
                ],
            ),
            status_count=Window(Count("pk"), partition_by=[F("status")]),
        )
        .filter(position__lte=DOSSIER_LIMIT)
        .order_by(F("signed_on").desc(nulls_last=True), localized("title"), "pk")
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
        .order_by(localized("name"), "pk"),
        "offices": partner.offices.order_by(localized("city"), "pk"),
        "agreement_groups": [
            (STATUS_GROUPS[status], status, groups[status][0].status_count, groups[status])
            for status in order
            if status in groups
        ],
        "agreement_count": sum(items[0].status_count for items in groups.values()),
        "missions": missions.order_by("-start_date")[:DOSSIER_LIMIT],
        "mission_count": missions.count(),
        "trade": trade,
        "trade_latest": trade[-1] if trade else None,
        "trade_estimates": has_estimates(
            trade, [*products[TradeFlow.EXPORT], *products[TradeFlow.IMPORT]]
        ),
        "trade_rank": trade_rank(partner, trade[-1]["year"], world=trade[-1]["world"])
        if trade and trade[-1]["world"]
        else None,
        "products_year": products_year,
        "top_exports": products[TradeFlow.EXPORT],
        "top_imports": products[TradeFlow.IMPORT],
    }
