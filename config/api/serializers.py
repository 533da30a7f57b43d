"""What the API says of each record. Every text in both languages, every date in ISO 8601 to
the precision it is known, every record by its stable identifier (slug, HS code) with its
public pages and its API address. Children come from the published querysets the views
prefetch (config/api/views.py); a related record that is not published is left out here."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agreements.models import (
    Agreement,
    AgreementEvent,
    AgreementKind,
    AgreementStatus,
    EventKind,
    FundingCall,
)
from missions.models import (
    DelegationMember,
    FollowUpAction,
    FollowUpStatus,
    Mission,
    MissionPlace,
    Recommendation,
)
from partners.models import Office, OfficeKind, Partner, PartnerKind, Sector, WorldRegion
from partners.trade.models import Product, TradeFigure, TradeFlow

from .fields import (
    ApiAddressField,
    ChoiceLabelField,
    IdentifierField,
    LanguagesField,
    PartialDateField,
    PublicPageField,
    TranslatedField,
    TranslatedLinesField,
    identifier,
)


def published(records) -> list:
    """The published ones among related records, by slug (the same order in every language)."""
    return sorted(
        (record for record in records if record.is_published),
        key=lambda r: getattr(r, identifier(type(r))),
    )


class References:
    """Related records written by one serializer instance each, made once for every record of
    the answer (DRF copies every field of a serializer it makes: once a record, not once a
    child)."""

    def reference(self, serializer_class, record):
        made = self.__dict__.setdefault("_references", {})
        if serializer_class not in made:
            made[serializer_class] = serializer_class(context=self.context)
        return made[serializer_class].to_representation(record)

    def references(self, serializer_class, records):
        return [self.reference(serializer_class, record) for record in published(records)]


class SectorRefSerializer(serializers.ModelSerializer):
    slug = IdentifierField()
    name = TranslatedField("name")
    api_url = ApiAddressField("api:sector-detail")

    class Meta:
        model = Sector
        fields = ["slug", "name", "api_url"]


class SectorSerializer(serializers.ModelSerializer):
    slug = IdentifierField()
    name = TranslatedField("name")
    description = TranslatedField("description")
    page = PublicPageField(help_text="The partner list filtered by the sector.")
    api_url = ApiAddressField("api:sector-detail")

    class Meta:
        model = Sector
        fields = ["slug", "name", "description", "position", "page", "api_url"]


class PartnerRefSerializer(serializers.ModelSerializer):
    """A published partner named by another record."""

    name = TranslatedField("name")
    page = PublicPageField()
    api_url = ApiAddressField("api:partner-detail")

    class Meta:
        model = Partner
        fields = ["slug", "iso_code", "kind", "name", "updated_at", "page", "api_url"]


class OfficeSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    city = TranslatedField("city")
    kind_label = ChoiceLabelField(OfficeKind, "kind")

    class Meta:
        model = Office
        fields = ["name", "city", "kind", "kind_label", "opened_year", "closed_year"]


class PartnerSerializer(References, serializers.ModelSerializer):
    name = TranslatedField("name")
    overview = TranslatedField("overview")
    kind_label = ChoiceLabelField(PartnerKind, "kind")
    world_region = serializers.SerializerMethodField()
    world_region_label = serializers.SerializerMethodField()
    parent = serializers.SerializerMethodField(help_text="The published partner it belongs to.")
    children = serializers.SerializerMethodField(help_text="Its published partners.")
    offices = OfficeSerializer(many=True, read_only=True)
    sectors = SectorRefSerializer(many=True, read_only=True)
    agreements_in_force = serializers.IntegerField(
        read_only=True, help_text="Published agreements in force with the partner."
    )
    languages = LanguagesField()
    page = PublicPageField()
    api_url = ApiAddressField("api:partner-detail")

    class Meta:
        model = Partner
        fields = [
            "slug",
            "iso_code",
            "kind",
            "kind_label",
            "world_region",
            "world_region_label",
            "name",
            "overview",
            "since_year",
            "parent",
            "children",
            "offices",
            "sectors",
            "agreements_in_force",
            "languages",
            "published_at",
            "updated_at",
            "page",
            "api_url",
        ]

    @extend_schema_field({"type": "string", "nullable": True, "enum": [*WorldRegion.values, None]})
    def get_world_region(self, partner):
        return partner.world_region or None

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"fr": {"type": "string"}, "en": {"type": "string"}},
            "required": ["fr", "en"],
        }
    )
    def get_world_region_label(self, partner):
        if not partner.world_region:
            return None
        return ChoiceLabelField(WorldRegion, "world_region").to_representation(partner)

    @extend_schema_field(PartnerRefSerializer(allow_null=True))
    def get_parent(self, partner):
        parent = partner.parent
        if parent is None or not parent.is_published:
            return None
        return self.reference(PartnerRefSerializer, parent)

    @extend_schema_field(PartnerRefSerializer(many=True))
    def get_children(self, partner):
        return self.references(PartnerRefSerializer, partner.children.all())


class AgreementRefSerializer(serializers.ModelSerializer):
    slug = IdentifierField()
    """A published agreement named by another record."""

    title = TranslatedField("title")
    signed_on = PartialDateField("signed_on", "signed_on_precision")
    page = PublicPageField()
    api_url = ApiAddressField("api:agreement-detail")

    class Meta:
        model = Agreement
        fields = [
            "slug",
            "reference",
            "title",
            "status",
            "signed_on",
            "updated_at",
            "page",
            "api_url",
        ]


class MissionRefSerializer(serializers.ModelSerializer):
    slug = IdentifierField()
    """A published mission named by another record."""

    title = TranslatedField("title")
    page = PublicPageField()
    api_url = ApiAddressField("api:mission-detail")

    class Meta:
        model = Mission
        fields = ["slug", "title", "start_date", "end_date", "updated_at", "page", "api_url"]


class EventSerializer(serializers.ModelSerializer):
    kind_label = ChoiceLabelField(EventKind, "kind")
    date = PartialDateField("date", "date_precision")
    note = TranslatedField("note")

    class Meta:
        model = AgreementEvent
        fields = ["kind", "kind_label", "date", "date_precision", "note"]


class FundingCallSerializer(serializers.ModelSerializer):
    budget_cad = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True, read_only=True
    )
    note = TranslatedField("note")

    class Meta:
        model = FundingCall
        fields = ["number", "year", "budget_cad", "projects_funded", "note"]


class DocumentSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField(help_text="Where the full text (PDF) downloads.")

    def get_url(self, agreement) -> str:
        request = self.context.get("request")
        url = agreement.document.url
        return request.build_absolute_uri(url) if request is not None else url


class AgreementSerializer(References, serializers.ModelSerializer):
    slug = IdentifierField()
    title = TranslatedField("title")
    summary = TranslatedField("summary")
    signature_place = TranslatedField("signature_place")
    kind_label = ChoiceLabelField(AgreementKind, "kind")
    status_label = ChoiceLabelField(AgreementStatus, "status")
    signed_on = PartialDateField("signed_on", "signed_on_precision")
    parties = serializers.SerializerMethodField(help_text="The published partners who signed.")
    sectors = SectorRefSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    funding_calls = FundingCallSerializer(many=True, read_only=True)
    document = serializers.SerializerMethodField(help_text="The full text, if published.")
    missions = serializers.SerializerMethodField(
        help_text="The published missions during which it was signed."
    )
    languages = LanguagesField()
    page = PublicPageField()
    api_url = ApiAddressField("api:agreement-detail")

    class Meta:
        model = Agreement
        fields = [
            "slug",
            "reference",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "title",
            "summary",
            "signed_on",
            "signed_on_precision",
            "signature_place",
            "in_force_on",
            "ends_on",
            "renewal_due_on",
            "parties",
            "sectors",
            "events",
            "funding_calls",
            "document",
            "missions",
            "languages",
            "published_at",
            "updated_at",
            "page",
            "api_url",
        ]

    @extend_schema_field(PartnerRefSerializer(many=True))
    def get_parties(self, agreement):
        return self.references(PartnerRefSerializer, agreement.parties.all())

    @extend_schema_field(DocumentSerializer(allow_null=True))
    def get_document(self, agreement):
        if not agreement.document:
            return None
        return DocumentSerializer(agreement, context=self.context).data

    @extend_schema_field(MissionRefSerializer(many=True))
    def get_missions(self, agreement):
        return self.references(MissionRefSerializer, agreement.published_missions)


class PlaceSerializer(References, serializers.ModelSerializer):
    city = TranslatedField("city")
    partner = serializers.SerializerMethodField(help_text="The published partner it lies in.")

    class Meta:
        model = MissionPlace
        fields = ["city", "partner"]

    @extend_schema_field(PartnerRefSerializer(allow_null=True))
    def get_partner(self, place):
        if not place.partner.is_published:
            return None
        return self.reference(PartnerRefSerializer, place.partner)


class DelegateSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")

    class Meta:
        model = DelegationMember
        fields = ["name", "title"]


class FollowUpSerializer(serializers.ModelSerializer):
    description = TranslatedField("description")
    responsible_unit = TranslatedField("responsible_unit")
    status_label = ChoiceLabelField(FollowUpStatus, "status")

    class Meta:
        model = FollowUpAction
        fields = [
            "description",
            "responsible_unit",
            "due_on",
            "status",
            "status_label",
            "updated_at",
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    text = TranslatedField("text")
    follow_ups = FollowUpSerializer(
        many=True, read_only=True, source="public_follow_ups", help_text="Public follow-ups only."
    )

    class Meta:
        model = Recommendation
        fields = ["text", "follow_ups"]


class MissionSerializer(References, serializers.ModelSerializer):
    slug = IdentifierField()
    title = TranslatedField("title")
    ministry = TranslatedField("ministry")
    summary = TranslatedField("summary")
    accompanying_organisations = TranslatedField("accompanying_organisations")
    context = TranslatedField("context")
    objectives = TranslatedLinesField("objectives")
    results = TranslatedLinesField("results")
    author_unit = TranslatedField("author_unit")
    filed_by = TranslatedField("filed_by")
    places = PlaceSerializer(many=True, read_only=True)
    delegation = DelegateSerializer(many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)
    sectors = SectorRefSerializer(many=True, read_only=True)
    agreements_signed = serializers.SerializerMethodField(
        help_text="The published agreements signed during the mission."
    )
    languages = LanguagesField()
    page = PublicPageField()
    api_url = ApiAddressField("api:mission-detail")

    class Meta:
        model = Mission
        fields = [
            "slug",
            "title",
            "ministry",
            "start_date",
            "end_date",
            "original_language",
            "summary",
            "accompanying_organisations",
            "context",
            "objectives",
            "results",
            "places",
            "delegation",
            "recommendations",
            "sectors",
            "agreements_signed",
            "author_unit",
            "written_on",
            "filed_by",
            "filed_on",
            "languages",
            "published_at",
            "updated_at",
            "page",
            "api_url",
        ]

    @extend_schema_field(AgreementRefSerializer(many=True))
    def get_agreements_signed(self, mission):
        return self.references(AgreementRefSerializer, mission.published_agreements)


AMOUNT = {"max_digits": 18, "decimal_places": 2, "coerce_to_string": False, "read_only": True}


class TradeYearSerializer(serializers.Serializer):
    """One partner's trade in one year, as the explorer's table shows it."""

    partner = PartnerRefSerializer(read_only=True)
    year = serializers.IntegerField(read_only=True)
    exports = serializers.DecimalField(allow_null=True, **AMOUNT)
    imports = serializers.DecimalField(allow_null=True, **AMOUNT)
    total = serializers.DecimalField(
        allow_null=True,
        help_text="Exports plus imports, or the two-way figure where the source gives only that.",
        **AMOUNT,
    )
    balance = serializers.DecimalField(allow_null=True, **AMOUNT)
    change = serializers.FloatField(
        allow_null=True,
        read_only=True,
        help_text="Change of the total over the previous year, as a fraction (0.1 is +10 %).",
    )


class ProductSerializer(serializers.ModelSerializer):
    label = TranslatedField("label")

    class Meta:
        model = Product
        fields = ["hs_code", "label"]


class ProductFigureSerializer(serializers.ModelSerializer):
    partner = PartnerRefSerializer(read_only=True)
    product = ProductSerializer(read_only=True)
    flow_label = ChoiceLabelField(TradeFlow, "flow")
    value_cad = serializers.DecimalField(**AMOUNT)

    class Meta:
        model = TradeFigure
        fields = ["partner", "year", "flow", "flow_label", "product", "value_cad"]
