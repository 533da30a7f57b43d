"""Pieces every public record shares: publication state, its steps (Transition), and dates
known only in part.

The publication core sits at the bottom of the layers (docs/architecture.md): it imports no
content app, and code that applies to every public record finds the models by subclass
(`publishable_models()`). Its models belong to the `partners` app (app label and tables).
"""

import datetime
import functools
import re

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, pgettext, pgettext_lazy

from partners.publishing.language import active_language

# What Django's `slug` path converter accepts: such a slug needs no quoting in a URL.
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
SLUG_PLACEHOLDER = "record-slug"


@functools.lru_cache(maxsize=64)
def _url_around_slug(viewname: str, language: str, urlconf: str, prefix: str) -> tuple[str, str]:
    url = reverse(viewname, kwargs={"slug": SLUG_PLACEHOLDER}, urlconf=urlconf)
    before, _placeholder, after = url.partition(SLUG_PLACEHOLDER)
    return before, after


def record_url(viewname: str, slug: str) -> str:
    """`reverse(viewname, kwargs={"slug": slug})`, reversed once per language and URL
    configuration instead of once a record: a list of 60 records reversed 60 times."""
    if not SLUG.match(slug or ""):
        return reverse(viewname, kwargs={"slug": slug})
    before, after = _url_around_slug(
        viewname, active_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    )
    return before + slug + after


def translated_slug(max_length: int = 200) -> models.SlugField:
    """The address of a record's page, one per language (`slug_fr`, `slug_en`: the record's
    translation options list "slug"). Not unique itself: modeltranslation copies the field to
    each language's column and keeps the original column, which holds whichever language was
    active when the record was saved, so a unique original would make an English slug collide
    with another record's French one. Each language's column is unique on its own
    (`slug_constraints`)."""
    return models.SlugField(_("slug"), max_length=max_length, db_index=False)


def slug_constraints(record: str, messages: dict) -> list[models.UniqueConstraint]:
    """One slug a record per language: `messages` says, in each language's key, what staff read
    when another record already has that slug ("Another agreement already has this slug in
    English."), under that language's field."""
    return [
        models.UniqueConstraint(
            fields=[f"slug_{code}"],
            name=f"{record}_slug_{code}_unique",
            violation_error_code="unique",
            violation_error_message=message,
        )
        for code, message in messages.items()
    ]


def choice_label(choices: type[models.TextChoices], value: str):
    """What get_FOO_display() says of `value` (its label, else the value itself), without what
    makes it slow: Django hashes every choice to look one up, which translates every label."""
    try:
        return choices(value).label
    except ValueError:
        return value


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    SCHEDULED = "scheduled", _("scheduled")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")


class LanguageScope(models.TextChoices):
    """A record is published in both languages, unless staff say it exists in one only."""

    BOTH = "", _("French and English")
    FRENCH_ONLY = "fr", _("French only")
    ENGLISH_ONLY = "en", _("English only")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_status=PublicationStatus.PUBLISHED)

    def drafts(self):
        return self.exclude(publication_status=PublicationStatus.PUBLISHED)


class Publishable(models.Model):
    """A record the public sees only once it is published."""

    publication_status = models.CharField(
        _("publication status"),
        max_length=20,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    scheduled_for = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("For a scheduled record: when it goes online."),
    )
    unpublished_reason = models.TextField(_("reason for unpublishing"), blank=True)
    language_scope = models.CharField(
        _("published in"),
        max_length=2,
        choices=LanguageScope,
        default=LanguageScope.BOTH,
        blank=True,
        help_text=_(
            "Choose one language only when the record exists in that language alone "
            "(a report written in French, for example); the public page then says so."
        ),
    )
    french_changed_at = models.DateTimeField(
        _("French text last changed"), null=True, blank=True, editable=False
    )
    english_changed_at = models.DateTimeField(
        _("English text last changed"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    # Fields that must be filled in every language the record is published in.
    translation_required: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def translation_fields(cls) -> tuple[str, ...]:
        """The record's translated texts: its translated fields but its slug (an address in
        each language, not a text one translates from the other)."""
        from modeltranslation.translator import translator

        return tuple(f for f in translator.get_options_for_model(cls).fields if f != "slug")

    # Children edited with the record (its admin's inlines), kept in its pending versions:
    # names of reverse foreign keys, e.g. an agreement's ("events", "funding_calls").
    version_children: tuple[str, ...] = ()

    # Children whose texts the completeness gate checks too: (relation name, field), e.g. a
    # mission's ("places", "city").
    translated_child_fields: tuple[tuple[str, str], ...] = ()

    def translated_children(self) -> list[tuple[models.Model, str]]:
        """(child, field) pairs that the completeness gate checks too."""
        return [
            (child, name)
            for relation, name in self.translated_child_fields
            for child in getattr(self, relation).all()
        ]

    @classmethod
    def publication_constraints(cls, prefix: str) -> list:
        """Named constraints every publishable table carries."""
        return [
            models.CheckConstraint(
                condition=~models.Q(publication_status=PublicationStatus.SCHEDULED)
                | models.Q(scheduled_for__isnull=False),
                name=f"{prefix}_scheduled_has_time",
                violation_error_message=_("A scheduled record needs a publication time."),
            ),
            models.CheckConstraint(
                condition=~models.Q(publication_status=PublicationStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name=f"{prefix}_published_has_time",
                violation_error_message=_("A published record needs its publication time."),
            ),
        ]

    @property
    def is_published(self) -> bool:
        return self.publication_status == PublicationStatus.PUBLISHED


def publishable_models() -> list[type[Publishable]]:
    """Every model the public sees once it is published, found by subclass (as Wagtail's
    `publish_scheduled` finds its page models), in the order the apps are installed."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.abstract
    ]


class DatePrecision(models.TextChoices):
    """How much of a date the sources give: "signed in 2004" is a year, not January 1st."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", pgettext_lazy("date precision", "unknown")


def normalise_partial_date(value: datetime.date | None, precision: str) -> datetime.date | None:
    """Store a partial date as the first day of its month or year, so it sorts and filters."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """Say no more than is known, in the active language: 2004, septembre 2017, 2 septembre 2017."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return str(pgettext_lazy("date", "date unknown"))
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def partial_date_phrase(value: datetime.date, precision: str) -> str:
    """A partial date after a verb, with its preposition: "en 2011", "en septembre 2017",
    "le 2 septembre 2017" / "in 2011", "in September 2017", "on September 2, 2017"."""
    shown = format_partial_date(value, precision)
    if precision == DatePrecision.DAY:
        return pgettext("partial date", "on %(date)s") % {"date": shown}
    return pgettext("partial date", "in %(date)s") % {"date": shown}


def _day(date, months) -> str:
    """The day of the month; the first as the language writes it ("1er juillet")."""
    if date.day == 1:
        return pgettext("first day of the month", "1")
    return str(date.day)


# The specifiers of Django's date formats that date_format() below writes itself.
DATE_SPECIFIERS = {
    "j": _day,
    "d": lambda date, months: f"{date.day:02d}",
    "n": lambda date, months: str(date.month),
    "m": lambda date, months: f"{date.month:02d}",
    "F": lambda date, months: months[date.month - 1],
    "Y": lambda date, months: f"{date.year:04d}",
}


@functools.lru_cache(maxsize=16)
def _date_pattern(language: str, format_name: str) -> tuple[list[str], list] | None:
    """(month names, parts) of the language's date format: the format parsed and the months
    translated once, where Django's date_format() does both on every call. None for a format
    with another letter or an escape (Django formats it)."""
    pattern = formats.get_format(format_name, language)
    parts = []
    for char in pattern:
        if char in DATE_SPECIFIERS:
            parts.append(DATE_SPECIFIERS[char])
        elif char.isalpha() or char == "\\":
            return None
        else:
            parts.append(char)
    with override(language):
        months = [str(MONTHS[number]) for number in range(1, 13)]
    return months, parts


@receiver(setting_changed)
def _forget_date_patterns(**kwargs):
    _date_pattern.cache_clear()


def date_format(value: datetime.date, format_name: str = "DATE_FORMAT") -> str:
    """formats.date_format(value, format_name): the same text, several times faster."""
    compiled = _date_pattern(active_language(), format_name)
    if compiled is None:
        return formats.date_format(value, format_name)
    months, parts = compiled
    return "".join(part if isinstance(part, str) else part(value, months) for part in parts)


def partial_date_constraint(date_field: str, precision_field: str, name: str):
    """A date is missing exactly when its precision says it is unknown."""
    return models.CheckConstraint(
        condition=(
            models.Q(**{f"{date_field}__isnull": True, precision_field: DatePrecision.UNKNOWN})
            | (
                models.Q(**{f"{date_field}__isnull": False})
                & ~models.Q(**{precision_field: DatePrecision.UNKNOWN})
            )
        ),
        name=name,
        violation_error_message=_("A date is required unless its precision is “unknown”."),
    )


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
    # A step of the record's pending version (its changes), not of the record itself.
    of_changes = models.BooleanField(_("step of the pending changes"), default=False)

    class Meta:
        verbose_name = _("publication step")
        verbose_name_plural = _("publication steps")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="transition_record_idx"),
        ]

    def __str__(self):
        if self.of_changes:
            return str(CHANGE_STEPS.get(self.to_status, self.get_to_status_display()))
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


# What a step of the pending changes did (Transition.of_changes), by the status it aimed at.
CHANGE_STEPS = {
    PublicationStatus.PUBLISHED: _("changes published"),
    PublicationStatus.SCHEDULED: _("changes scheduled"),
    PublicationStatus.DRAFT: _("changes discarded"),
}


class PendingVersion(models.Model):
    """Changes to a published record waiting for a publisher (the record with its inlines).

    The public reads the record's own rows, the live version; a pending version is a snapshot
    of what the record and its inlines will be once published (partners/publishing/versions.py),
    kept apart from them, as Wagtail keeps a page's revisions.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("content"))
    changed_fields = models.JSONField(_("fields changed in the last save"), default=list)
    scheduled_for = models.DateTimeField(_("publish at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed at"))

    class Meta:
        verbose_name = _("pending version")
        verbose_name_plural = _("pending versions")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="pending_version_one_per_record"
            ),
        ]

    def __str__(self):
        return str(_("Pending version of %(record)s")) % {"record": self.record}
