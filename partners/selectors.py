"""Reads for the public partner pages.

The partner dossier is a composite page: it reads upward, from the agreements and missions
apps, the records that name the partner. These are the only upward imports of the partners
app (tests/guards/test_layers.py holds the list).
"""

import datetime

from django.db.models import Count, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext as _

# Upward reads of the dossier (composite page): the agreements and missions of a partner.
from agreements.models import STATUS_GROUPS, Agreement, AgreementStatus
from missions.models import Mission
from partners.publishing.exports import iso_date, iso_datetime
from partners.publishing.language import localized, text_in
from partners.publishing.results import cached_results
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
    # The family is found in the partners' table first (a few hundred rows), then its parties
    # through the parties' index: an OR across the parties' joins to the partners would read
    # every party of every agreement for each partner listed.
    listed = OuterRef(OuterRef("pk"))
    family = Partner.objects.filter(
        Q(pk=listed) | Q(parent=listed) | Q(parent__parent=listed)
    ).values("pk")
    in_force = (
        Partner.agreements.through.objects.filter(
            partner__in=family,
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
    """What the dossier shows of the records that name the partner (its lists and counts; its
    trade is `dossier_trade()`, kept with its section),
    kept by the versions its page holds (partners/publishing/results.py): the partner's share of
    the agreements and missions, the partners', the sectors' and the trade topics'. An edit of
    one of its agreements moves its version; one of another partner's leaves it found."""
    return cached_results(
        "partner-dossier",
        (partner.pk,),
        lambda: _dossier(partner),
        page="partners:detail",
        kwargs={"slug": partner.slug},
    )


def _dossier(partner: Partner) -> dict:
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
    # The latest missions and how many there are, in one query: a window counts them all
    # before the list is cut.
    missions = list(
        Mission.objects.published()
        .with_stop_among(family)
        .only(*MISSION_ITEM)
        .annotate(listed_of=Window(Count("pk")))
        .order_by("-start_date")[:DOSSIER_LIMIT]
    )
    return {
        "children": list(
            partner.children.published()
            .only("parent", "slug", "name_fr", "name_en")
            .order_by(localized("name"), "pk")
        ),
        "offices": list(partner.offices.order_by(localized("city"), "pk")),
        "agreement_groups": [
            (STATUS_GROUPS[status], status, groups[status][0].status_count, groups[status])
            for status in order
            if status in groups
        ],
        "agreement_count": sum(items[0].status_count for items in groups.values()),
        "missions": missions,
        "mission_count": missions[0].listed_of if missions else 0,
    }


def dossier_trade(partner: Partner) -> dict:
    """What the dossier's trade section shows: the partner's years, its latest shares and rank,
    its main products. Read only when the section is written (partners/publishing/fragments.py
    `section()`, kept by the partners' and the trade's versions)."""
    trade = yearly_trade([partner.pk])
    products_year, products = main_products(partner, yearly=trade)
    return {
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


def export_table(partners, absolute_url) -> tuple[list[tuple[str, str]], list[tuple]]:
    """(header, rows) of an export: one row a partner, every public field, texts and labels in
    the page's language (publishing/exports.py). `partners`: the list's (partner_list())."""
    header = [
        ("id", _("Identifier")),
        ("url", _("Page")),
        ("name", _("Name")),
        ("iso_code", _("ISO code")),
        ("kind", _("Kind (code)")),
        ("kind_label", _("Kind")),
        ("parent_id", _("Belongs to (identifier)")),
        ("parent", _("Belongs to")),
        ("world_region", _("World region (code)")),
        ("world_region_label", _("World region")),
        ("since_year", _("Relations since")),
        ("sector_ids", _("Priority sectors (identifiers)")),
        ("sectors", _("Priority sectors")),
        ("overview", _("Overview")),
        ("agreements_in_force", _("Agreements in force")),
        ("last_modified", _("Last modified")),
    ]
    rows = [
        (
            partner.slug,
            absolute_url(partner.get_absolute_url()),
            text_in(partner, "name"),
            partner.iso_code or None,
            partner.kind,
            partner.get_kind_display(),
            partner.parent.slug if partner.parent_id else None,
            text_in(partner.parent, "name") if partner.parent_id else None,
            partner.world_region or None,
            partner.world_region_label if partner.world_region else None,
            iso_date(datetime.date(partner.since_year, 1, 1), "year")
            if partner.since_year
            else None,
            [sector.slug for sector in partner.sectors.all()],
            [text_in(sector, "name") for sector in partner.sectors.all()],
            text_in(partner, "overview") or None,
            partner.agreements_in_force,
            iso_datetime(partner.updated_at),
        )
        for partner in partners.defer(None).prefetch_related("sectors")
    ]
    return header, rows
