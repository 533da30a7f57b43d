"""What staff need to see at a glance: the dashboard and the translation report (selectors)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _

from agreements.alerts import alert_counts
from missions.models import FollowUpAction
from partners.models import ImportBatch, Transition
from partners.publishing.models import (
    LanguageScope,
    PendingVersion,
    PublicationStatus,
    publishable_models,
)
from partners.publishing.services import LANGUAGES, missing_translations, outdated_languages

S = PublicationStatus
WATCHED = [S.SUBMITTED, S.SCHEDULED, S.PUBLISHED]


def _empty(name: str, language: str) -> Q:
    """Empty or blank, as missing_translations() sees it (it strips the text)."""
    column = f"{name}_{language}"
    return Q(**{f"{column}__isnull": True}) | Q(**{f"{column}__regex": r"^\s*$"})


def translation_gaps_query(model, language: str | None = None) -> Q:
    """Records with a required field empty in a language they are published in, or outdated.

    A superset of what missing_translations() and outdated_languages() find, so that they only
    have to look at these records."""
    languages = [language] if language else list(LANGUAGES)
    condition = Q()
    for lang in languages:
        other_only = LanguageScope.ENGLISH_ONLY if lang == "fr" else LanguageScope.FRENCH_ONLY
        for name in model.translation_required:
            condition |= _empty(name, lang) & ~Q(language_scope=other_only)
        for relation, name in model.translated_child_fields:
            parent_link = model._meta.get_field(relation).field
            empty = parent_link.model.objects.filter(
                _empty(name, lang), **{parent_link.name: OuterRef("pk")}
            )
            condition |= Q(Exists(empty)) & ~Q(language_scope=other_only)
        newer = "english_changed_at" if lang == "fr" else "french_changed_at"
        mine = "french_changed_at" if lang == "fr" else "english_changed_at"
        condition |= Q(language_scope=LanguageScope.BOTH, **{f"{newer}__gt": F(mine)})
    return condition


@dataclass
class TranslationGap:
    record: object
    missing: list = field(default_factory=list)
    outdated: list = field(default_factory=list)


def translation_report(*, model_name: str | None = None, language: str | None = None):
    """Published, submitted or scheduled records whose translation is missing or outdated."""
    gaps = []
    for model in publishable_models():
        if model_name and model._meta.model_name != model_name:
            continue
        queryset = model.objects.filter(
            translation_gaps_query(model, language), publication_status__in=WATCHED
        ).prefetch_related(*(relation for relation, _name in model.translated_child_fields))
        for record in queryset.order_by("-updated_at"):
            missing = [
                m for m in missing_translations(record) if not language or m.language == language
            ]
            outdated = [o for o in outdated_languages(record) if not language or o == language]
            if missing or outdated:
                gaps.append(TranslationGap(record, missing, outdated))
    return gaps


def pending_changes(limit: int = 10) -> dict:
    """Published records whose changes wait for a publisher: the latest changed first, with
    who changed them last and when (partners/publishing/versions.py)."""
    versions = PendingVersion.objects.select_related("content_type", "updated_by").order_by(
        "-updated_at", "-pk"
    )
    listed = [v for v in versions.prefetch_related("record")[:limit] if v.record is not None]
    for version in listed:
        user = version.updated_by
        version.who = (user.get_full_name() or user.get_username()) if user else _("someone")
    return {
        "pending_changes": listed,
        "pending_changes_count": versions.count(),
    }


def dashboard(*, user, today: datetime.date):
    """The staff dashboard on the admin index."""
    recent = (
        Transition.objects.filter(to_status=S.PUBLISHED)
        .select_related("content_type", "user")
        .prefetch_related("record")[:8]
    )
    drafts_by_me = []
    waiting, scheduled = [], []
    for model in publishable_models():
        my_ids = model.history.filter(history_user=user, history_type="+").values("id")
        drafts_by_me += list(model.objects.filter(publication_status=S.DRAFT, pk__in=my_ids)[:10])
        waiting += list(model.objects.filter(publication_status=S.SUBMITTED)[:10])
        scheduled += list(
            model.objects.filter(publication_status=S.SCHEDULED).order_by("scheduled_for")[:10]
        )
    return {
        **pending_changes(),
        "my_drafts": drafts_by_me,
        "waiting_for_review": waiting,
        "scheduled": sorted(scheduled, key=lambda r: r.scheduled_for),
        "recently_published": recent,
        "alerts": alert_counts(today=today),
        "overdue_follow_ups": list(
            FollowUpAction.objects.overdue(today)
            .select_related("recommendation__mission")
            .order_by("due_on")[:10]
        ),
        "translation_gaps": len(translation_report()),
        "import_batches": list(ImportBatch.objects.order_by("-pk")[:5]),
    }
