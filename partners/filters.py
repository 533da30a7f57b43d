import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from partners.publishing.language import find_by_slug, localized
from partners.publishing.models import SLUG
from partners.publishing.widgets import EVERY, EVERY_FEMININE, Select, by_label, capitalised

from .models import Partner, PartnerKind, Sector, WorldRegion

# The choices of the partner and sector filters of every list: only what a choice shows (its
# slug and name), not the records' long texts.


def published_partners(request=None):
    """Published partners, by name in the page's language."""
    return (
        Partner.objects.published()
        .only("slug", "name_fr", "name_en")
        .order_by(localized("name"), "pk")
    )


def published_sectors(request=None):
    return Sector.objects.only("slug", "name_fr", "name_en").order_by("position")


def partner_filter() -> django_filters.ModelChoiceFilter:
    """The partner filter of the agreement and mission lists: a published partner, by its slug;
    the list's `filter_partner` method takes in the partners under it."""
    return django_filters.ModelChoiceFilter(
        widget=Select(cached_as="published-partners"),
        queryset=published_partners,
        to_field_name="slug",
        method="filter_partner",
        label=_("Partner"),
        empty_label=EVERY,
        help_text=_("A country includes its provinces, states and cities."),
    )


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    """A record by its slug in the page's language, or in the other one: the language switch
    keeps the list's filters, so `/en/agreements/?sector=sante` is the French page's sector."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            if not SLUG.match(str(value)):  # no slug has it (a NUL byte PostgreSQL refuses)
                raise self.queryset.model.DoesNotExist
            return find_by_slug(self.queryset, str(value))[0]
        except self.queryset.model.DoesNotExist:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


def sector_filter() -> django_filters.ModelChoiceFilter:
    """The sector filter of every list, by the sector's slug (in either language)."""
    return SlugChoiceFilter(
        widget=Select(cached_as="sectors"),
        field_name="sectors",
        queryset=published_sectors,
        to_field_name="slug",
        label=_("Sector"),
        empty_label=EVERY,
    )


class PartnerFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(
        widget=Select,
        field_name="world_region",
        choices=by_label(WorldRegion.choices),
        label=_("World region"),
        empty_label=EVERY_FEMININE,
    )
    kind = django_filters.ChoiceFilter(
        widget=Select,
        # The world row (Québec's totals with all partners) is never a public profile.
        choices=by_label([c for c in PartnerKind.choices if c[0] != PartnerKind.WORLD]),
        label=_("Kind"),
        empty_label=EVERY,
    )
    sector = sector_filter()
    agreements = django_filters.ChoiceFilter(
        widget=Select,
        choices=capitalised(
            [("yes", _("with agreements in force")), ("no", _("without agreements in force"))]
        ),
        method="filter_agreements",
        label=_("Agreements"),
        empty_label=EVERY_FEMININE,
    )

    class Meta:
        model = Partner
        fields = []

    def filter_agreements(self, queryset, name, value):
        # The agreements' side of the parties, through the reverse relation: partners sit below
        # agreements and do not import them.
        in_force = Exists(
            Partner.agreements.through.objects.filter(
                # As the list counts them: with the partners within (selectors.partner_list).
                Q(partner=OuterRef("pk"))
                | Q(partner__parent=OuterRef("pk"))
                | Q(partner__parent__parent=OuterRef("pk")),
                agreement__publication_status="published",
                agreement__status="in_force",
            )
        )
        return queryset.filter(in_force) if value == "yes" else queryset.exclude(in_force)
