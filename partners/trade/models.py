"""Trade in goods with each partner: products, yearly figures and the imports that wrote them."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class FigureBasis(models.TextChoices):
    """How a figure is known: as its source reports it, or derived from what the source gives
    (a share of a total, a growth rate). Pages mark derived figures as estimates."""

    REPORTED = "reported", _("reported by the source")
    DERIVED = "derived", _("derived (from a share or a growth rate)")


class TradeFigureQuerySet(models.QuerySet):
    def delete_set(self) -> int:
        """Delete these figures in one statement, loading none of them, and return how many.

        QuerySet.delete() would load and delete them one by one as soon as any receiver listens
        to a figure's delete signals (the page cache does, for every model): minutes for a
        large import. No per-figure signal is sent here, so the caller sends what stands for
        them once (`content_changed`, as an import's rollback does). Nothing refers to a figure
        through a foreign key, so there is nothing to cascade."""
        return self._raw_delete(self.db)

    def totals(self):
        return self.filter(product__isnull=True)

    def by_product(self):
        return self.filter(product__isnull=False)

    def visible(self):
        """Figures the public may see: those of published partners."""
        return self.filter(partner__publication_status="published")

    def yearly_totals(self) -> list[dict]:
        """One row a partner and year with exports, imports, two-way total and balance, by
        partner and year.

        The two-way total is exports plus imports where both are known, else the stored
        two-way figure (a source may give only that, as for South Korea in 2016); the balance
        only where both are known. Those two are added here, from the sums: written as SQL
        expressions over the sums they cost more to build and compile than the query takes to
        run.
        """

        def derived(flow):
            return Count("pk", filter=Q(flow=flow, basis=FigureBasis.DERIVED))

        rows = list(
            self.totals()
            .values("partner", "year")
            .annotate(
                exports=Sum("value_cad", filter=Q(flow=TradeFlow.EXPORT)),
                imports=Sum("value_cad", filter=Q(flow=TradeFlow.IMPORT)),
                stored_total=Sum("value_cad", filter=Q(flow=TradeFlow.TOTAL)),
                exports_derived=derived(TradeFlow.EXPORT),
                imports_derived=derived(TradeFlow.IMPORT),
                stored_total_derived=derived(TradeFlow.TOTAL),
            )
            .order_by("partner", "year")
        )
        for row in rows:
            exports, imports = row["exports"], row["imports"]
            both = exports is not None and imports is not None
            row["total"] = exports + imports if both else row["stored_total"]
            row["balance"] = exports - imports if both else None
        return rows


class TradeFigure(models.Model):
    """Value in Canadian dollars of goods traded with a partner in a year, in total or by product.

    A row without product is the total for that flow. Balances, changes and shares are
    computed from these rows, never stored.
    """

    partner = models.ForeignKey(
        "partners.Partner",
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
    basis = models.CharField(
        _("how the figure is known"),
        max_length=10,
        choices=FigureBasis,
        default=FigureBasis.REPORTED,
        # Also the database's, for the import's COPY writer, which names the columns it fills.
        db_default=FigureBasis.REPORTED,
        help_text=_("Derived: computed from a share or a growth rate that the source gives."),
    )
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

    @property
    def is_derived(self) -> bool:
        return self.basis == FigureBasis.DERIVED

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
    source = models.CharField(
        pgettext_lazy("trade import", "imported through"), max_length=10, choices=ImportSource
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("trade import", "imported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(pgettext_lazy("trade import", "imported at"))
    rows = models.PositiveIntegerField(_("data rows"), default=0)
    created_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    products_created = models.ManyToManyField(
        Product, verbose_name=_("products created"), blank=True, related_name="+"
    )
    seconds = models.FloatField(_("duration (seconds)"), default=0)
    rolled_back_at = models.DateTimeField(
        pgettext_lazy("trade import", "rolled back at"), null=True, blank=True
    )
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("trade import", "rolled back by"),
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
        """The file and when it was imported, in local time (TIME_ZONE)."""
        when = date_format(timezone.localtime(self.imported_at), "SHORT_DATETIME_FORMAT")
        return f"{self.file_name} ({when})"

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
