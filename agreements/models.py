from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from partners.models import Partner, Sector
from partners.publishing.models import (
    DatePrecision,
    Publishable,
    PublishableQuerySet,
    choice_label,
    format_partial_date,
    normalise_partial_date,
    partial_date_constraint,
    record_url,
)

from .documents import pdf_text
from .validators import PdfDocumentValidator


class AgreementKind(models.TextChoices):
    AGREEMENT = "agreement", _("agreement (entente)")
    MEMORANDUM = "memorandum", _("memorandum of understanding")
    DECLARATION = "declaration", _("declaration")
    PROGRAMME = "programme", _("programme")


class AgreementStatus(models.TextChoices):
    NEGOTIATION = "negotiation", _("under negotiation")
    SIGNED = "signed", _("signed")
    IN_FORCE = "in_force", _("in force")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")
    SUPERSEDED = "superseded", _("superseded")


class DocumentLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class AgreementQuerySet(PublishableQuerySet):
    def in_force(self):
        return self.filter(status=AgreementStatus.IN_FORCE)

    def with_party(self, partners):
        """Agreements with any of these partners or a partner under them."""
        return self.with_party_among(Partner.objects.with_descendants(partners))

    def with_party_among(self, partners):
        """Agreements with a party in `partners` (a queryset or ids), as a semi-join: not a join then
        DISTINCT over whole rows, which the paginator would count again."""
        parties = Agreement.parties.through.objects.filter(partner__in=partners)
        return self.filter(pk__in=parties.values("agreement"))


class Agreement(Publishable):
    """A cooperation agreement between Québec and one or more partners."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    reference = models.CharField(
        _("reference number"),
        max_length=60,
        blank=True,
        help_text=_("The ministry's reference, if the agreement has one."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgreementKind, default=AgreementKind.AGREEMENT
    )
    parties = models.ManyToManyField(
        Partner,
        verbose_name=_("parties"),
        related_name="agreements",
        help_text=_("The partners who signed with Québec."),
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="agreements"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AgreementStatus,
        default=AgreementStatus.SIGNED,
        db_index=True,
    )
    signed_on = models.DateField(_("signature date"), null=True, blank=True)
    signed_on_precision = models.CharField(
        _("signature date known to the"),
        max_length=10,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_("If only the year is known, enter January 1st of that year and choose “year”."),
    )
    signature_place = models.CharField(_("place of signature"), max_length=200, blank=True)
    in_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    renewal_due_on = models.DateField(
        _("renewal decision due"),
        null=True,
        blank=True,
        help_text=_("The date by which Québec must decide whether to renew, if the text sets one."),
    )
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(
        _("full text"),
        upload_to="agreements/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), PdfDocumentValidator()],
        help_text=_("The signed text, as a PDF of at most 20 MB."),
    )
    document_language = models.CharField(
        _("language of the full text"),
        max_length=2,
        choices=DocumentLanguage,
        default=DocumentLanguage.FRENCH,
        blank=True,
        help_text=_(
            "The search finds the agreement by the words of its text in this language "
            "(French if not given)."
        ),
    )
    # The words of the full text, read from the PDF when it is uploaded (agreements/documents.py),
    # in the column of the document's language, the other one empty: the search documents
    # (search_fields, migration 0007) take them in that language only.
    document_text_fr = models.TextField(
        _("words of the French full text"), blank=True, editable=False
    )
    document_text_en = models.TextField(
        _("words of the English full text"), blank=True, editable=False
    )

    objects = AgreementQuerySet.as_manager()
    translation_required = ("title", "summary")
    version_children = ("events", "funding_calls")
    # What the search finds an agreement by, its title first (partners/publishing/search.py).
    search_fields = ("title", "summary", "document_text")

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        permissions = [("publish_agreement", _("Can publish and unpublish agreements"))]
        ordering = ["-signed_on", "title"]
        constraints = [
            *Publishable.publication_constraints("agreement"),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="agreement_reference_unique",
                violation_error_message=_("Another agreement already has this reference number."),
            ),
            partial_date_constraint(
                "signed_on", "signed_on_precision", "agreement_signature_date_matches_precision"
            ),
            models.CheckConstraint(
                condition=Q(in_force_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(in_force_on__gte=F("signed_on")),
                name="agreement_in_force_after_signature",
                violation_error_message=_(
                    "An agreement cannot enter into force before it is signed."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(ends_on__gte=F("signed_on")),
                name="agreement_ends_after_signature",
                violation_error_message=_("An agreement cannot end before it is signed."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(in_force_on__isnull=True)
                | Q(ends_on__gte=F("in_force_on")),
                name="agreement_ends_after_entry_into_force",
                violation_error_message=_("An agreement cannot end before it enters into force."),
            ),
        ]
        indexes = [
            # The feed's order (latest published first). The public list's order (latest
            # signed first, undated last) has a PostgreSQL-only index: SQLite cannot create an
            # index with NULLS LAST (migration 0006).
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="agreement_pub_feed_idx",
                condition=Q(publication_status="published"),
            ),
            models.Index(fields=["status", "kind"], name="agreement_status_kind_idx"),
            # Counts of agreements in force (home page, each partner of the partner list).
            models.Index(
                fields=["id"],
                name="agreement_in_force_idx",
                condition=Q(publication_status="published", status="in_force"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("agreements:detail", self.slug)

    def clean(self):
        super().clean()
        self.signed_on = normalise_partial_date(self.signed_on, self.signed_on_precision)
        if self.signed_on is None and self.signed_on_precision != DatePrecision.UNKNOWN:
            raise ValidationError(
                {"signed_on": _("Enter the signature date, or set its precision to “unknown”.")}
            )
        self.read_document_text()

    def read_document_text(self) -> None:
        """The words of the full text in the column of its language: read from a new upload,
        moved when its language changes, emptied when the document goes."""
        self.document_language = self.document_language or DocumentLanguage.FRENCH
        if not self.document:
            text = ""
        elif not getattr(self.document, "_committed", True):
            text = pdf_text(self.document)
        else:
            text = self.document_text_fr or self.document_text_en
        self.document_text_fr = text if self.document_language == DocumentLanguage.FRENCH else ""
        self.document_text_en = text if self.document_language == DocumentLanguage.ENGLISH else ""

    @property
    def status_label(self):
        return choice_label(AgreementStatus, self.status)

    @property
    def kind_label(self):
        return choice_label(AgreementKind, self.kind)

    @property
    def signed_on_display(self) -> str:
        return format_partial_date(self.signed_on, self.signed_on_precision)

    @property
    def signature_year(self) -> int | None:
        return self.signed_on.year if self.signed_on else None


class EventKind(models.TextChoices):
    SIGNED = "signed", _("signed")
    ENTERED_INTO_FORCE = "in_force", _("entered into force")
    RENEWED = "renewed", _("renewed")
    AMENDED = "amended", _("amended")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")
    SUPERSEDED = "superseded", _("superseded")


class AgreementEvent(models.Model):
    """One step in an agreement's life: signed 1995, renewed 2005, renewed 2011."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=20, choices=EventKind)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date known to the"), max_length=10, choices=DatePrecision, default=DatePrecision.DAY
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")
        # Events of unknown date come last, in the order they were entered.
        ordering = [F("date").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["-date", "-id"], name="agreement_event_date_idx")]
        constraints = [
            partial_date_constraint(
                "date", "date_precision", "agreement_event_date_matches_precision"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.date_display}"

    def clean(self):
        super().clean()
        self.date = normalise_partial_date(self.date, self.date_precision)
        if self.date is None and self.date_precision != DatePrecision.UNKNOWN:
            raise ValidationError({"date": _("Enter the date, or set its precision to “unknown”.")})

    @property
    def kind_label(self):
        return choice_label(EventKind, self.kind)

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)


class FundingCall(models.Model):
    """A call for projects held under an agreement."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="funding_calls",
    )
    number = models.PositiveSmallIntegerField(_("call number"))
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Leave empty if the sources do not say.")
    )
    budget_cad = models.DecimalField(
        _("budget (CAD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    projects_funded = models.PositiveIntegerField(_("projects funded"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"],
                name="funding_call_number_unique_per_agreement",
                violation_error_message=_("This agreement already has a call with this number."),
            ),
            models.CheckConstraint(
                condition=Q(budget_cad__isnull=True) | Q(budget_cad__gte=0),
                name="funding_call_budget_not_negative",
                violation_error_message=_("A budget cannot be negative."),
            ),
        ]

    def __str__(self):
        return _("Call %(number)s") % {"number": self.number}
