import django_filters
from django.utils.translation import gettext_lazy as _

from partners.filters import partner_filter, sector_filter
from partners.publishing.language import active_language
from partners.publishing.search import matching
from partners.publishing.widgets import EVERY, NumberInput, Select, TextInput, capitalised

from .models import Agreement, AgreementKind, AgreementStatus


class AgreementFilter(django_filters.FilterSet):
    partner = partner_filter()
    sector = sector_filter()
    status = django_filters.ChoiceFilter(
        widget=Select,
        choices=capitalised(AgreementStatus.choices),
        label=_("Status"),
        empty_label=EVERY,
    )
    kind = django_filters.ChoiceFilter(
        widget=Select,
        choices=capitalised(AgreementKind.choices),
        label=_("Kind"),
        empty_label=EVERY,
    )
    year_from = django_filters.NumberFilter(
        widget=NumberInput,
        field_name="signed_on__year",
        lookup_expr="gte",
        label=_("Signed from the year"),
        min_value=1900,
        max_value=2100,
    )
    year_to = django_filters.NumberFilter(
        widget=NumberInput,
        field_name="signed_on__year",
        lookup_expr="lte",
        label=_("Signed up to the year"),
        min_value=1900,
        max_value=2100,
    )
    q = django_filters.CharFilter(
        widget=TextInput, method="filter_text", label=_("Words in the title or summary")
    )

    class Meta:
        model = Agreement
        fields = []

    def filter_partner(self, queryset, name, partner):
        return queryset.with_party([partner])

    def filter_text(self, queryset, name, value):
        # The search box's matching: the page's language, accents and case ignored.
        return matching(queryset, value, active_language())
