"""The publication workflow of partners, agreements and missions (services).

draft ──submit──▶ submitted ──publish──▶ published ──unpublish (reason)──▶ unpublished
  ▲                   │  └──schedule──▶ scheduled ──(publish_scheduled, at its time)──▶ published
  └────send back──────┘                     │
  ▲                                         └──cancel──▶ draft
  └──────────────rework──────────── unpublished

Editors submit, withdraw their own submission and rework; publishers also publish, schedule,
send back, cancel and unpublish. Every step is kept as a Transition (who, when, from, to, note).
A record cannot be published or scheduled while a required field is empty in a language it is
published in.

A published record's edits wait as its pending version (versions.py). Publishing the record
again (published → published) puts the pending version live; scheduling it (published →
scheduled) leaves the record online and puts the changes live at their time (`publish_due`).
Both are publishers' steps, logged as steps of the changes (Transition.of_changes), through the
same completeness gate, checked on the record as the changes would make it.
"""

import datetime
import logging
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import versions
from .models import (
    LanguageScope,
    PublicationStatus,
    Publishable,
    Transition,
    publishable_models,
)

logger = logging.getLogger(__name__)
S = PublicationStatus
LANGUAGES = ("fr", "en")
# Inside a sentence ("résumé (anglais)"): French writes language names in lower case.
LANGUAGE_NAMES = {
    "fr": pgettext_lazy("language in a sentence", "French"),
    "en": pgettext_lazy("language in a sentence", "English"),
}

# (from, to): "edit" (editors and publishers) or "publish" (publishers only).
STEPS = {
    (S.DRAFT, S.SUBMITTED): "edit",
    (S.UNPUBLISHED, S.DRAFT): "edit",
    (S.SUBMITTED, S.DRAFT): "withdraw",  # publishers, or the editor who submitted it
    # A published record's pending changes: put live now, or at a time.
    (S.PUBLISHED, S.PUBLISHED): "publish",
    (S.PUBLISHED, S.SCHEDULED): "publish",
    (S.SCHEDULED, S.DRAFT): "publish",
    (S.SCHEDULED, S.PUBLISHED): "publish",
    (S.PUBLISHED, S.UNPUBLISHED): "publish",
    **{(source, S.PUBLISHED): "publish" for source in (S.DRAFT, S.SUBMITTED, S.UNPUBLISHED)},
    **{(source, S.SCHEDULED): "publish" for source in (S.DRAFT, S.SUBMITTED, S.UNPUBLISHED)},
}


class WorkflowError(Exception):
    """A step that is not allowed, with a message for the person who tried it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class MissingTranslation:
    field: str
    label: str
    language: str

    def __str__(self):
        return f"{self.label} ({LANGUAGE_NAMES[self.language]})"


def required_languages(record: Publishable) -> tuple[str, ...]:
    if record.language_scope == LanguageScope.FRENCH_ONLY:
        return ("fr",)
    if record.language_scope == LanguageScope.ENGLISH_ONLY:
        return ("en",)
    return LANGUAGES


def missing_translations(record: Publishable) -> list[MissingTranslation]:
    """Required fields left empty in a language the record is published in."""
    missing = []
    languages = required_languages(record)
    fields = [(record, name, None) for name in type(record).translation_required]
    fields += [(child, name, str(child)) for child, name in record.translated_children()]
    for instance, name, owner in fields:
        label = str(instance._meta.get_field(name).verbose_name)
        if owner:
            label = f"{instance._meta.verbose_name} “{owner[:40]}”: {label}"
        for language in languages:
            if not (getattr(instance, f"{name}_{language}") or "").strip():
                missing.append(MissingTranslation(name, label, language))
    return missing


def outdated_languages(record: Publishable) -> list[str]:
    """Languages whose text is older than the other language's latest change."""
    stamps = {"fr": record.french_changed_at, "en": record.english_changed_at}
    if record.language_scope or not all(stamps.values()):
        return []
    if stamps["fr"] > stamps["en"]:
        return ["en"]
    if stamps["en"] > stamps["fr"]:
        return ["fr"]
    return []


def note_text_changes(record: Publishable, changed_fields, when=None) -> None:
    """Stamp the language(s) whose translated text the person just changed."""
    when = when or timezone.now()
    translated = {
        f"{name}_{language}": language
        for name in type(record).translation_fields()
        for language in LANGUAGES
    }
    languages = {translated[field] for field in changed_fields if field in translated}
    if "fr" in languages:
        record.french_changed_at = when
    if "en" in languages:
        record.english_changed_at = when


def is_publisher(user, record: Publishable) -> bool:
    meta = record._meta
    return user is not None and user.has_perm(f"{meta.app_label}.publish_{meta.model_name}")


def submitted_by(record: Publishable):
    """Who took the record's latest step to "submitted" (None if nobody did)."""
    step = history(record).filter(to_status=S.SUBMITTED, of_changes=False).first()
    return step.user if step else None


def can(user, record: Publishable, to_status: str) -> bool:
    step = STEPS.get((record.publication_status, to_status))
    if step is None or user is None:
        return False
    changes_only = record.publication_status == S.PUBLISHED and to_status in (
        S.PUBLISHED,
        S.SCHEDULED,
    )
    if changes_only and versions.pending_version(record) is None:
        return False  # nothing to put live
    meta = record._meta
    if step == "publish":
        return is_publisher(user, record)
    if step == "withdraw":
        if is_publisher(user, record):
            return True
        return user.has_perm(f"{meta.app_label}.change_{meta.model_name}") and (
            submitted_by(record) == user
        )
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def allowed_steps(user, record: Publishable) -> list[str]:
    return [
        to
        for (source, to) in STEPS
        if source == record.publication_status and can(user, record, to)
    ]


def missing_after_changes(record: Publishable) -> list[MissingTranslation]:
    """The gate's answer for the record as its pending version would make it (else as it is)."""
    pending = versions.pending_version(record)
    if pending is None:
        return missing_translations(record)
    with versions.rolled_back():
        return missing_translations(versions.apply(record, pending.data))


def _refuse_if_incomplete(missing) -> None:
    if missing:
        raise WorkflowError(
            _("Cannot publish while these fields are empty: %(fields)s.")
            % {"fields": ", ".join(str(m) for m in missing)}
        )


def _log(record, source, to_status, user, now, note="", of_changes=False) -> Transition:
    return Transition.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        from_status=source,
        to_status=to_status,
        user=user,
        at=now,
        note=note.strip(),
        of_changes=of_changes,
    )


@transaction.atomic
def discard_changes(*, record: Publishable, user, now: datetime.datetime | None = None):
    """Drop the record's pending version: publishers, or whoever started it."""
    pending = versions.pending_version(record)
    if pending is None:
        raise WorkflowError(_("This record has no pending changes."))
    if user is not None and not (is_publisher(user, record) or pending.created_by == user):
        raise WorkflowError(
            _("Only a publisher or the person who started these changes can discard them.")
        )
    pending.delete()
    return _log(record, record.publication_status, S.DRAFT, user, now or timezone.now(), "", True)


@transaction.atomic
def move(
    *,
    record: Publishable,
    to_status: str,
    user,
    note: str = "",
    scheduled_for: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> Transition:
    """Take one workflow step, or raise WorkflowError saying why not."""
    now = now or timezone.now()
    source = record.publication_status
    if (source, to_status) not in STEPS:
        raise WorkflowError(
            _("A record that is “%(source)s” cannot become “%(target)s”.")
            % {"source": S(source).label, "target": S(to_status).label}
        )
    pending = versions.pending_version(record)
    if source == S.PUBLISHED and to_status in (S.PUBLISHED, S.SCHEDULED) and pending is None:
        raise WorkflowError(_("This record has no pending changes."))
    if user is not None and not can(user, record, to_status):
        if STEPS[(source, to_status)] == "withdraw":
            raise WorkflowError(
                _("Only a publisher or the person who submitted the record can do this.")
            )
        raise WorkflowError(_("Only a publisher can do this."))
    if to_status == S.SCHEDULED:
        _refuse_if_incomplete(missing_after_changes(record))
        if scheduled_for is None:
            raise WorkflowError(_("Choose when the record goes online."))
        if scheduled_for <= now:
            raise WorkflowError(_("The publication time must be in the future."))
        if source == S.PUBLISHED:  # the changes wait for their time, the record stays online
            pending.scheduled_for = scheduled_for
            pending.save(update_fields=["scheduled_for"])
            return _log(record, source, to_status, user, now, note, of_changes=True)
        record.scheduled_for = scheduled_for
    if to_status == S.PUBLISHED:
        if pending is not None:
            applied = versions.apply(record, pending.data, reason=str(_("changes published")))
            _refuse_if_incomplete(missing_translations(applied))
            pending.delete()
            record.refresh_from_db()
        _refuse_if_incomplete(missing_translations(record))
        if source == S.PUBLISHED:
            return _log(record, source, to_status, user, now, note, of_changes=True)
    if to_status == S.UNPUBLISHED and not note.strip():
        raise WorkflowError(_("Say why the record is unpublished."))

    record.publication_status = to_status
    if to_status == S.PUBLISHED:
        record.published_at = now
        record.scheduled_for = None
        record.unpublished_reason = ""
    elif to_status == S.UNPUBLISHED:
        record.unpublished_reason = note.strip()
    elif to_status == S.DRAFT:
        record.scheduled_for = None
    record._change_reason = str(S(to_status).label)
    record.full_clean()
    record.save()
    return _log(record, source, to_status, user, now, note)


def history(record: Publishable):
    return Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("user")


def publish_due(*, now: datetime.datetime | None = None) -> list[Publishable]:
    """Publish every scheduled record whose time has come (idempotent: run it as often as you like)."""
    now = now or timezone.now()
    published = []
    for model in publishable_models():
        due = model.objects.select_for_update().filter(
            publication_status=S.SCHEDULED, scheduled_for__lte=now
        )
        with transaction.atomic():
            for record in due:
                _publish_when_due(record, now, published)
    for pending in versions.due(now):
        record = pending.record
        if record is not None and record.is_published:
            _publish_when_due(record, now, published)
    return published


def _publish_when_due(record, now, published) -> None:
    """Publish one record (or its changes); one the gate refuses waits, the others go on."""
    try:
        move(record=record, to_status=S.PUBLISHED, user=None, note="", now=now)
    except WorkflowError as error:
        logger.warning("%s (%s %s) not published: %s", record, record._meta.label, record.pk, error)
    else:
        published.append(record)
