import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement

from .models import Partner, PartnerKind, Sector, WorldRegion
from .widgets import Select


class ModelChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """A select's records read in one query. Django reads them with iterator(), which opens a
    server-side cursor on PostgreSQL: declare, fetch and close cost three round trips more for
    a list of a few hundred records that the page shows whole."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if getattr(self.field, "null_label", None) is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = ModelChoiceIterator


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


# The choices of the partner and sector filters of every list: only what a choice shows (its
# slug and name), not the records' long texts.


def published_partners(request=None):
    """Published partners, by name in the page's language."""
    language = (get_language() or "fr")[:2]
    return (
        Partner.objects.published()
        .only("slug", "name_fr", "name_en")
        .order_by(f"name_{language}", "pk")
    )


def published_sectors(request=None):
    return Sector.objects.only("slug", "name_fr", "name_en").order_by("position")


class PartnerFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(
        widget=Select,
        field_name="world_region",
        choices=WorldRegion.choices,
        label=_("World region"),
    )
    kind = django_filters.ChoiceFilter(widget=Select, choices=PartnerKind.choices, label=_("Kind"))
    sector = ModelChoiceFilter(
        widget=Select,
        field_name="sectors",
        queryset=published_sectors,
        to_field_name="slug",
        label=_("Sector"),
    )
    agreements = django_filters.ChoiceFilter(
        widget=Select,
        choices=[("yes", _("with agreements in force")), ("no", _("without agreements in force"))],
        method="filter_agreements",
        label=_("Agreements"),
    )

    class Meta:
        model = Partner
        fields = []

    def filter_agreements(self, queryset, name, value):
        in_force = Exists(Agreement.objects.published().in_force().filter(parties=OuterRef("pk")))
        return queryset.filter(in_force) if value == "yes" else queryset.exclude(in_force)
