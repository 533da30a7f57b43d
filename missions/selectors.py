"""Reads for the public mission pages: published missions only, filtered and sorted, and the
whole report for the detail page."""

from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Agreement

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


def filtered_missions(filterset: MissionFilter, sort: str = DEFAULT_SORT) -> QuerySet:
    """The list's missions, sorted, with what the list shows of them (title, ministry, dates,
    cities)."""
    _label, ordering = SORTS.get(sort, SORTS[DEFAULT_SORT])
    return filterset.qs.only(*LISTED_FIELDS).prefetch_related(cities()).order_by(*ordering())


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
    """(header, rows) of an export: one row a mission, header in the page's language."""
    header = [
        ("title", _("Title")),
        ("ministry", _("Ministry")),
        ("start", _("Start date")),
        ("end", _("End date")),
        ("places", _("Places")),
        ("url", _("Page")),
    ]
    rows = [
        (
            mission.title,
            mission.ministry,
            mission.start_date.isoformat(),
            mission.end_date.isoformat(),
            "; ".join(place.city for place in mission.places.all()),
            absolute_url(mission.get_absolute_url()),
        )
        for mission in missions
    ]
    return header, rows
