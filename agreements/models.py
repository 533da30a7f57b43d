import datetime

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.models import Partner, Sector
from partners.publishing.models import (
    DatePrecision,
    Publishable,
    PublishableQuerySet,
    choice_label,
    format_partial_date,
    normalise_partial_date,
    partial_date_constraint,
    partial_date_phrase,
    record_url,
    slug_constraints,
    translated_slug,
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


class EventKind(models.TextChoices):
    SIGNED = "signed", _("signed")
    ENTERED_INTO_FORCE = "in_force", _("entered into force")
    RENEWED = "renewed", _("renewed")
    AMENDED = "amended", _("amended")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")
    SUPERSEDED = "superseded", _("superseded")


# Status and event words agree with the record's kind (French: "protocole d'entente signé",
# "entente signée"): one context a kind, so that each language's catalog agrees them.
STATUS_WORDS = {
    AgreementKind.AGREEMENT: {
        AgreementStatus.NEGOTIATION: pgettext_lazy("agreement status", "under negotiation"),
        AgreementStatus.SIGNED: pgettext_lazy("agreement status", "signed"),
        AgreementStatus.IN_FORCE: pgettext_lazy("agreement status", "in force"),
        AgreementStatus.EXPIRED: pgettext_lazy("agreement status", "expired"),
        AgreementStatus.TERMINATED: pgettext_lazy("agreement status", "terminated"),
        AgreementStatus.SUPERSEDED: pgettext_lazy("agreement status", "superseded"),
    },
    AgreementKind.MEMORANDUM: {
        AgreementStatus.NEGOTIATION: pgettext_lazy("memorandum status", "under negotiation"),
        AgreementStatus.SIGNED: pgettext_lazy("memorandum status", "signed"),
        AgreementStatus.IN_FORCE: pgettext_lazy("memorandum status", "in force"),
        AgreementStatus.EXPIRED: pgettext_lazy("memorandum status", "expired"),
        AgreementStatus.TERMINATED: pgettext_lazy("memorandum status", "terminated"),
        AgreementStatus.SUPERSEDED: pgettext_lazy("memorandum status", "superseded"),
    },
    AgreementKind.DECLARATION: {
        AgreementStatus.NEGOTIATION: pgettext_lazy("declaration status", "under negotiation"),
        AgreementStatus.SIGNED: pgettext_lazy("declaration status", "signed"),
        AgreementStatus.IN_FORCE: pgettext_lazy("declaration status", "in force"),
        AgreementStatus.EXPIRED: pgettext_lazy("declaration status", "expired"),
        AgreementStatus.TERMINATED: pgettext_lazy("declaration status", "terminated"),
        AgreementStatus.SUPERSEDED: pgettext_lazy("declaration status", "superseded"),
    },
    AgreementKind.PROGRAMME: {
        AgreementStatus.NEGOTIATION: pgettext_lazy("programme status", "under negotiation"),
        AgreementStatus.SIGNED: pgettext_lazy("programme status", "signed"),
        AgreementStatus.IN_FORCE: pgettext_lazy("programme status", "in force"),
        AgreementStatus.EXPIRED: pgettext_lazy("programme status", "expired"),
        AgreementStatus.TERMINATED: pgettext_lazy("programme status", "terminated"),
        AgreementStatus.SUPERSEDED: pgettext_lazy("programme status", "superseded"),
    },
}
EVENT_WORDS = {
    AgreementKind.AGREEMENT: {
        EventKind.SIGNED: pgettext_lazy("agreement event", "signed"),
        EventKind.ENTERED_INTO_FORCE: pgettext_lazy("agreement event", "entered into force"),
        EventKind.RENEWED: pgettext_lazy("agreement event", "renewed"),
        EventKind.AMENDED: pgettext_lazy("agreement event", "amended"),
        EventKind.EXPIRED: pgettext_lazy("agreement event", "expired"),
        EventKind.TERMINATED: pgettext_lazy("agreement event", "terminated"),
        EventKind.SUPERSEDED: pgettext_lazy("agreement event", "superseded"),
    },
    AgreementKind.MEMORANDUM: {
        EventKind.SIGNED: pgettext_lazy("memorandum event", "signed"),
        EventKind.ENTERED_INTO_FORCE: pgettext_lazy("memorandum event", "entered into force"),
        EventKind.RENEWED: pgettext_lazy("memorandum event", "renewed"),
        EventKind.AMENDED: pgettext_lazy("memorandum event", "amended"),
        EventKind.EXPIRED: pgettext_lazy("memorandum event", "expired"),
        EventKind.TERMINATED: pgettext_lazy("memorandum event", "terminated"),
        EventKind.SUPERSEDED: pgettext_lazy("memorandum event", "superseded"),
    },
    AgreementKind.DECLARATION: {
        EventKind.SIGNED: pgettext_lazy("declaration event", "signed"),
        EventKind.ENTERED_INTO_FORCE: pgettext_lazy("declaration event", "entered into force"),
        EventKind.RENEWED: pgettext_lazy("declaration event", "renewed"),
        EventKind.AMENDED: pgettext_lazy("declaration event", "amended"),
        EventKind.EXPIRED: pgettext_lazy("declaration event", "expired"),
        EventKind.TERMINATED: pgettext_lazy("declaration event", "terminated"),
        EventKind.SUPERSEDED: pgettext_lazy("declaration event", "superseded"),
    },
    AgreementKind.PROGRAMME: {
        EventKind.SIGNED: pgettext_lazy("programme event", "signed"),
        EventKind.ENTERED_INTO_FORCE: pgettext_lazy("programme event", "entered into force"),
        EventKind.RENEWED: pgettext_lazy("programme event", "renewed"),
        EventKind.AMENDED: pgettext_lazy("programme event", "amended"),
        EventKind.EXPIRED: pgettext_lazy("programme event", "expired"),
        EventKind.TERMINATED: pgettext_lazy("programme event", "terminated"),
        EventKind.SUPERSEDED: pgettext_lazy("programme event", "superseded"),
    },
}
# The dossier's groups of agreements by status: headings that name what they hold.
STATUS_GROUPS = {
    AgreementStatus.NEGOTIATION: _("Agreements under negotiation"),
    AgreementStatus.SIGNED: _("Signed agreements"),
    AgreementStatus.IN_FORCE: _("Agreements in force"),
    AgreementStatus.EXPIRED: _("Expired agreements"),
    AgreementStatus.TERMINATED: _("Terminated agreements"),
    AgreementStatus.SUPERSEDED: _("Superseded agreements"),
}
# "Signed during" a mission, agreeing with the kind.
SIGNED_DURING = {
    AgreementKind.AGREEMENT: pgettext_lazy("agreement", "Signed during"),
    AgreementKind.MEMORANDUM: pgettext_lazy("memorandum", "Signed during"),
    AgreementKind.DECLARATION: pgettext_lazy("declaration", "Signed during"),
    AgreementKind.PROGRAMME: pgettext_lazy("programme", "Signed during"),
}


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

    def with_latest_step(self):
        """Each agreement's latest dated step (signed 1995, renewed 2011) as `step_kind`,
        `step_date` and `step_precision`, in the same query: what its card says of it."""
        latest = AgreementEvent.objects.filter(
            agreement=OuterRef("pk"), date__isnull=False
        ).order_by("-date", "-pk")
        return self.annotate(
            step_kind=Subquery(latest.values("kind")[:1]),
            step_date=Subquery(latest.values("date")[:1]),
            step_precision=Subquery(latest.values("date_precision")[:1]),
        )


class Agreement(Publishable):
    """A cooperation agreement between Québec and one or more partners."""

    title = models.CharField(_("title"), max_length=300)
    slug = translated_slug()
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
            *slug_constraints(
                "agreement",
                {
                    "fr": _("Another agreement already has this slug in French."),
                    "en": _("Another agreement already has this slug in English."),
                },
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
            # The list's count and latest change (COUNT and MAX(updated_at) of the published
            # agreements), the home page's counts: read from the index alone on PostgreSQL
            # (`include` is PostgreSQL's; SQLite creates the index without it).
            models.Index(
                fields=["updated_at"],
                include=["id", "status"],
                name="agreement_pub_updated_idx",
                condition=Q(publication_status="published"),
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
        """The status in words agreeing with the kind ("protocole d'entente signé")."""
        words = STATUS_WORDS.get(self.kind, STATUS_WORDS[AgreementKind.AGREEMENT])
        return words.get(self.status) or choice_label(AgreementStatus, self.status)

    @property
    def signed_during_label(self):
        return SIGNED_DURING.get(self.kind, SIGNED_DURING[AgreementKind.AGREEMENT])

    def event_word(self, event_kind: str):
        words = EVENT_WORDS.get(self.kind, EVENT_WORDS[AgreementKind.AGREEMENT])
        return words.get(event_kind) or choice_label(EventKind, event_kind)

    @property
    def latest_step(self) -> tuple[str, datetime.date | None, str]:
        """(event kind, date, precision) of the latest dated step, from with_latest_step(),
        else the signature."""
        kind = getattr(self, "step_kind", None)
        if kind and kind != EventKind.SIGNED:
            return kind, self.step_date, self.step_precision
        return EventKind.SIGNED, self.signed_on, self.signed_on_precision

    @property
    def step_joins_status(self) -> bool:
        """Whether the status already says the latest step ("Signé" then "en septembre
        2017"), so that a card says it once."""
        return self.status == AgreementStatus.SIGNED and self.latest_step[0] == EventKind.SIGNED

    @property
    def step_date_display(self) -> str:
        """When the latest step was taken: "en 2011", "le 2 septembre 2017"."""
        _kind, date, precision = self.latest_step
        if date is None or precision == DatePrecision.UNKNOWN:
            return str(pgettext_lazy("date", "signature date unknown"))
        return partial_date_phrase(date, precision)

    @property
    def step_display(self) -> str:
        """The latest step in words: "renouvelée en 2011", "signée en 1995", "date de
        signature inconnue"."""
        kind, date, precision = self.latest_step
        if date is None or precision == DatePrecision.UNKNOWN:
            return self.step_date_display
        return pgettext_lazy("step and date", "%(step)s %(date)s") % {
            "step": self.event_word(kind),
            "date": self.step_date_display,
        }

    @property
    def kind_label(self):
        return choice_label(AgreementKind, self.kind)

    @property
    def signed_on_display(self) -> str:
        if self.signed_on is None or self.signed_on_precision == DatePrecision.UNKNOWN:
            return str(pgettext_lazy("date", "signature date unknown"))
        return format_partial_date(self.signed_on, self.signed_on_precision)

    @property
    def signature_year(self) -> int | None:
        return self.signed_on.year if self.signed_on else None


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
        """The event in words agreeing with its agreement's kind ("signé", "renouvelée")."""
        return self.agreement.event_word(self.kind)

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
