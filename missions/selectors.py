"""Reads for the public mission pages: published missions only, filtered and sorted, and the
whole report for the detail page."""

from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Agreement
from partners.publishing.exports import iso_date, iso_datetime
from partners.publishing.language import text_in

from .filters import MissionFilter
from .models import FollowUpAction, Mission, MissionPlace, Recommendation

# The list's sort orders: key -> (label, ordering).
SORTS = {
    "recent": (gettext_lazy("Most recent"), lambda: (F("start_date").desc(), "pk")),
    "oldest": (gettext_lazy("Oldest"), lambda: (F("start_date").asc(), "pk")),
}
DEFAULT_SORT = "recent"


# What a list shows of a mission (and its exports too): not the report's texts.
LISTED_FIELDS = (
    "slug",
    "title_fr",
    "title_en",
    "ministry_fr",
    "ministry_en",
    "start_date",
    "end_date",
)


def places():
    return Prefetch("places", queryset=MissionPlace.objects.select_related("partner"))


def cities() -> Prefetch:
    """The cities of each mission's stops, which a list names (not their partners)."""
    return Prefetch("places", queryset=MissionPlace.objects.only("mission", "city_fr", "city_en"))


def published_missions() -> QuerySet:
    """Published missions; each page adds what it shows of them (the feed, no places)."""
    return Mission.objects.published()


def mission_filterset(data, *, request=None) -> MissionFilter:
    """The list's filters over the published missions; a malformed or unknown value is left out
    (and reported by `filterset.errors`) while the other filters apply."""
    return MissionFilter(data, queryset=published_missions(), request=request)


def matching_missions(filterset: MissionFilter, sort: str = DEFAULT_SORT) -> QuerySet:
    """The list's missions in its order, and nothing of what it shows of them: what the page
    cache reads to check a page (how many, which ones on it)."""
    _label, ordering = SORTS.get(sort, SORTS[DEFAULT_SORT])
    return filterset.qs.order_by(*ordering())


def filtered_missions(filterset: MissionFilter, sort: str = DEFAULT_SORT) -> QuerySet:
    """The list's missions, sorted, with what the list shows of them (title, ministry, dates,
    cities)."""
    return matching_missions(filterset, sort).only(*LISTED_FIELDS).prefetch_related(cities())


def mission_detail() -> QuerySet:
    """Missions with the whole report prefetched: places, delegation, sectors, recommendations
    with their public follow-ups, and the published agreements signed during the mission."""
    return Mission.objects.prefetch_related(
        places(),
        "delegation",
        "sectors",
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.prefetch_related(
                Prefetch(
                    "follow_ups",
                    queryset=FollowUpAction.objects.filter(is_public=True).order_by("due_on", "pk"),
                    to_attr="public_follow_ups",
                )
            ),
        ),
        Prefetch(
            "agreements_signed",
            queryset=Agreement.objects.published().order_by("signed_on", "pk"),
            to_attr="published_agreements",
        ),
    )


def export_table(missions, absolute_url) -> tuple[list[tuple[str, str]], list[tuple]]:
    """(header, rows) of an export: one row a mission, every public field, texts in the page's
    language, dates in ISO form (publishing/exports.py). `missions`: the list's
    (filtered_missions()), whose other fields and relations the export reads."""
    header = [
        ("id", _("Identifier")),
        ("url", _("Page")),
        ("title", _("Title")),
        ("ministry", _("Ministry")),
        ("start_date", _("Start date")),
        ("end_date", _("End date")),
        ("original_language", _("Original language")),
        ("places", _("Places")),
        ("place_partner_ids", _("Partners visited (identifiers)")),
        ("delegation", _("Delegation")),
        ("accompanying_organisations", _("Accompanying organisations")),
        ("sector_ids", _("Sectors (identifiers)")),
        ("sectors", _("Sectors")),
        ("summary", _("Summary")),
        ("context", _("Context")),
        ("objectives", _("Objectives")),
        ("results", _("Results")),
        ("agreement_ids", _("Agreements signed (identifiers)")),
        ("author_unit", _("Written by")),
        ("written_on", _("Written on")),
        ("filed_by", _("Filed by")),
        ("filed_on", _("Filed on")),
        ("last_modified", _("Last modified")),
    ]
    # The list's own prefetch (the cities) gives way to the export's (cities and their partners).
    missions = (
        missions.defer(None)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "places",
                queryset=MissionPlace.objects.select_related("partner").only(
                    "mission", "city_fr", "city_en", "partner__slug"
                ),
                to_attr="stops",
            ),
            "delegation",
            "sectors",
            Prefetch(
                "agreements_signed",
                queryset=Agreement.objects.published().only("slug").order_by("signed_on", "pk"),
                to_attr="published_agreements",
            ),
        )
    )
    rows = [
        (
            mission.slug,
            absolute_url(mission.get_absolute_url()),
            text_in(mission, "title"),
            text_in(mission, "ministry"),
            iso_date(mission.start_date),
            iso_date(mission.end_date),
            mission.original_language or None,
            [text_in(place, "city") for place in mission.stops],
            list(dict.fromkeys(place.partner.slug for place in mission.stops)),
            [
                f"{member.name} ({text_in(member, 'title')})"
                if text_in(member, "title")
                else member.name
                for member in mission.delegation.all()
            ],
            text_in(mission, "accompanying_organisations") or None,
            [sector.slug for sector in mission.sectors.all()],
            [text_in(sector, "name") for sector in mission.sectors.all()],
            text_in(mission, "summary") or None,
            text_in(mission, "context") or None,
            text_in(mission, "objectives") or None,
            text_in(mission, "results") or None,
            [agreement.slug for agreement in mission.published_agreements],
            text_in(mission, "author_unit") or None,
            iso_date(mission.written_on),
            text_in(mission, "filed_by") or None,
            iso_date(mission.filed_on),
            iso_datetime(mission.updated_at),
        )
        for mission in missions
    ]
    return header, rows
