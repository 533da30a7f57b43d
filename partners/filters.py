import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement

from .models import Partner, PartnerKind, Sector, WorldRegion
from .widgets import Select


def published_sectors(request=None):
    return Sector.objects.order_by("position")


class PartnerFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(
        widget=Select,
        field_name="world_region",
        choices=WorldRegion.choices,
        label=_("World region"),
    )
    kind = django_filters.ChoiceFilter(widget=Select, choices=PartnerKind.choices, label=_("Kind"))
    sector = django_filters.ModelChoiceFilter(
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
