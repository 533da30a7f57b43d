"""Reads for the public agreement pages: published agreements only, filtered, sorted, and the
pieces of the detail page (history, calls for projects, the mission of signature)."""

from django.db.models import F, Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from missions.models import Mission
from partners.models import Partner
from partners.publishing.exports import iso_date, iso_datetime
from partners.publishing.language import localized, text_in

from .filters import AgreementFilter
from .models import Agreement, AgreementEvent

# The list's sort orders: key -> (label, ordering). Agreements of unknown date come last.
SORTS = {
    "recent": (
        gettext_lazy("Most recent signature"),
        lambda: (F("signed_on").desc(nulls_last=True), localized("title"), "pk"),
    ),
    "oldest": (
        gettext_lazy("Oldest signature"),
        lambda: (F("signed_on").asc(nulls_last=True), localized("title"), "pk"),
    ),
    "title": (gettext_lazy("Title"), lambda: (localized("title"), "pk")),
}
DEFAULT_SORT = "recent"


# What a list shows of an agreement (and its exports too): not its summary or other texts.
LISTED_FIELDS = (
    "slug",
    "title_fr",
    "title_en",
    "kind",
    "status",
    "signed_on",
    "signed_on_precision",
)


def published_agreements() -> QuerySet:
    """Published agreements; each page adds what it shows of them (the feed, no parties)."""
    return Agreement.objects.published()


def party_names() -> Prefetch:
    """The parties of each agreement, by name in the page's language, as a list names them."""
    return Prefetch(
        "parties",
        queryset=Partner.objects.only("slug", "name_fr", "name_en").order_by(
            localized("name"), "pk"
        ),
    )


def agreement_filterset(data, *, request=None) -> AgreementFilter:
    """The list's filters over the published agreements.

    A value that is malformed or unknown (year `abc`, a partner that does not exist) is left out
    of the form's cleaned data, so the other filters still apply; `filterset.errors` says which.
    """
    return AgreementFilter(data, queryset=published_agreements(), request=request)


def matching_agreements(filterset: AgreementFilter, sort: str = DEFAULT_SORT) -> QuerySet:
    """The list's agreements in its order, and nothing of what it shows of them: what the page
    cache reads to check a page (how many, which ones on it)."""
    _label, ordering = SORTS.get(sort, SORTS[DEFAULT_SORT])
    return filterset.qs.order_by(*ordering())


def filtered_agreements(filterset: AgreementFilter, sort: str = DEFAULT_SORT) -> QuerySet:
    """The list's agreements, sorted, with what the list shows of them (title, status,
    signature, parties)."""
    return (
        matching_agreements(filterset, sort)
        .only(*LISTED_FIELDS)
        .with_latest_step()
        .prefetch_related(party_names())
    )


def agreement_detail() -> QuerySet:
    """Agreements with everything their page shows, in a fixed number of queries."""
    return Agreement.objects.prefetch_related(
        Prefetch("parties", queryset=Partner.objects.order_by(localized("name"), "pk")),
        "sectors",
        "events",
        "funding_calls",
        Prefetch(
            "missions_signed",
            queryset=Mission.objects.published().order_by("-start_date", "pk"),
            to_attr="published_missions",
        ),
    )


def timeline(events: list[AgreementEvent]) -> tuple[list[AgreementEvent], list[dict]]:
    """Dated events in order, then the events of unknown date told once per kind:
    {kind, label, count, events} ("renewed 7 times, dates not specified")."""
    dated = [event for event in events if event.date is not None]
    undated = [event for event in events if event.date is None]
    groups = []
    for kind in dict.fromkeys(event.kind for event in undated):
        same = [event for event in undated if event.kind == kind]
        groups.append(
            {"kind": kind, "label": same[0].kind_label, "count": len(same), "events": same}
        )
    return dated, groups


def export_table(agreements, absolute_url) -> tuple[list[tuple[str, str]], list[tuple]]:
    """(header, rows) of an export: one row an agreement, every public field, texts and labels
    in the page's language, dates in ISO form at their precision (publishing/exports.py).
    `agreements`: the list's (filtered_agreements()), whose other fields the export reads."""
    header = [
        ("id", _("Identifier")),
        ("url", _("Page")),
        ("title", _("Title")),
        ("reference", _("Reference number")),
        ("kind", _("Kind (code)")),
        ("kind_label", _("Kind")),
        ("status", _("Status (code)")),
        ("status_label", _("Status")),
        ("party_ids", _("Parties (identifiers)")),
        ("parties", _("Parties")),
        ("sector_ids", _("Sectors (identifiers)")),
        ("sectors", _("Sectors")),
        ("signed_on", _("Signature date")),
        ("signature_place", _("Place of signature")),
        ("in_force_on", _("Entry into force")),
        ("ends_on", _("End date")),
        ("summary", _("Summary")),
        ("full_text_url", _("Full text (PDF)")),
        ("full_text_language", _("Language of the full text")),
        ("last_modified", _("Last modified")),
    ]
    rows = [
        (
            agreement.slug,
            absolute_url(agreement.get_absolute_url()),
            text_in(agreement, "title"),
            agreement.reference or None,
            agreement.kind,
            agreement.kind_label,
            agreement.status,
            agreement.status_label,
            [party.slug for party in agreement.parties.all()],
            [text_in(party, "name") for party in agreement.parties.all()],
            [sector.slug for sector in agreement.sectors.all()],
            [text_in(sector, "name") for sector in agreement.sectors.all()],
            iso_date(agreement.signed_on, agreement.signed_on_precision),
            text_in(agreement, "signature_place") or None,
            iso_date(agreement.in_force_on),
            iso_date(agreement.ends_on),
            text_in(agreement, "summary") or None,
            absolute_url(reverse("agreements:document", kwargs={"slug": agreement.slug}))
            if agreement.document
            else None,
            agreement.document_language if agreement.document else None,
            iso_datetime(agreement.updated_at),
        )
        for agreement in agreements.defer(None).prefetch_related("sectors")
    ]
    return header, rows
