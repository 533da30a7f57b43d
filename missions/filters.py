import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.filters import partner_filter, sector_filter
from partners.publishing import fragments
from partners.publishing.language import InLanguage, active_language, other_language, sort_key
from partners.publishing.widgets import EVERY, NumberInput, Select

from .models import Mission


def ministries() -> dict[str, list[tuple]]:
    """The ministries that led published missions: {name in the page's language (French where
    it has no translation, an `InLanguage` that says so): [(French name, English name) as
    stored]}, sorted in the page's language with its collation."""
    current = active_language()
    names: dict[str, list[tuple]] = {}
    pairs = (
        Mission.objects.published().order_by().values_list("ministry_fr", "ministry_en").distinct()
    )
    for french, english in pairs:
        stored_names = {"fr": french, "en": english}
        shown = stored_names[current] or stored_names[other_language(current)]
        if shown and not stored_names[current]:
            shown = InLanguage(shown, other_language(current))
        if shown:
            names.setdefault(shown, []).append((french, english))
    return dict(sorted(names.items(), key=lambda item: sort_key(item[0], current)))


def stored(field: str, value):
    return Q(**{f"{field}__isnull": True}) if value is None else Q(**{field: value})


class MissionFilter(django_filters.FilterSet):
    partner = partner_filter()
    ministry = django_filters.ChoiceFilter(
        widget=Select,
        choices=[],
        method="filter_ministry",
        label=_("Ministry"),
        empty_label=EVERY,
    )
    year = django_filters.NumberFilter(
        widget=NumberInput,
        field_name="start_date__year",
        label=_("Year"),
        min_value=1900,
        max_value=2100,
    )
    sector = sector_filter()

    class Meta:
        model = Mission
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # The ministries that have published missions, named in the page's language (read once
        # per version of the missions). A name in the other language (a link from the other
        # language's page) means the same ministry.
        self.ministries = fragments.versioned("mission-ministries", (Mission,), ministries)
        value = data.get("ministry") if data is not None else None
        if value and value not in self.ministries:
            same = next(
                (
                    shown
                    for shown, pairs in self.ministries.items()
                    if any(value in p for p in pairs)
                ),
                None,
            )
            if same is not None:
                data = data.copy()
                data["ministry"] = same
        super().__init__(data, *args, **kwargs)
        ministry = self.filters["ministry"]
        ministry.extra["choices"] = [(name, name) for name in self.ministries]
        # A form field built before (the API schema reads the class's filters) would keep
        # its old choices through the copy: build it again from these.
        ministry.__dict__.pop("_field", None)

    def filter_partner(self, queryset, name, partner):
        return queryset.in_partner([partner])

    def filter_ministry(self, queryset, name, value):
        condition = Q(pk__in=[])
        for french, english in self.ministries.get(value, []):
            condition |= stored("ministry_fr", french) & stored("ministry_en", english)
        return queryset.filter(condition)
