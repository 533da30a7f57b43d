"""What staff need to see at a glance: the dashboard and the translation report (selectors)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q

from agreements.alerts import alert_counts
from agreements.models import Agreement
from missions.models import (
    DelegationMember,
    FollowUpAction,
    Mission,
    MissionPlace,
    Recommendation,
)

from .common import LanguageScope, PublicationStatus
from .models import ImportBatch, Partner, Transition
from .workflow import LANGUAGES, missing_translations, outdated_languages

S = PublicationStatus
PUBLISHABLE_MODELS = {"partner": Partner, "agreement": Agreement, "mission": Mission}
WATCHED = [S.SUBMITTED, S.SCHEDULED, S.PUBLISHED]


def _empty(name: str, language: str) -> Q:
    """Empty or blank, as missing_translations() sees it (it strips the text)."""
    column = f"{name}_{language}"
    return Q(**{f"{column}__isnull": True}) | Q(**{f"{column}__regex": r"^\s*$"})


# A mission's texts that belong to its places, delegation and recommendations (the translated
# children of Mission.translated_children()).
MISSION_CHILDREN = ((MissionPlace, "city"), (DelegationMember, "title"), (Recommendation, "text"))


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
        if model is Mission:
            for child, name in MISSION_CHILDREN:
                empty = child.objects.filter(_empty(name, lang), mission=OuterRef("pk"))
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
    for name, model in PUBLISHABLE_MODELS.items():
        if model_name and name != model_name:
            continue
        queryset = model.objects.filter(
            translation_gaps_query(model, language), publication_status__in=WATCHED
        )
        if model is Mission:
            queryset = queryset.prefetch_related("places", "delegation", "recommendations")
        for record in queryset.order_by("-updated_at"):
            missing = [
                m for m in missing_translations(record) if not language or m.language == language
            ]
            outdated = [o for o in outdated_languages(record) if not language or o == language]
            if missing or outdated:
                gaps.append(TranslationGap(record, missing, outdated))
    return gaps


def dashboard(*, user, today: datetime.date):
    """The staff dashboard on the admin index."""
    recent = (
        Transition.objects.filter(to_status=S.PUBLISHED)
        .select_related("content_type", "user")
        .prefetch_related("record")[:8]
    )
    drafts_by_me = []
    waiting, scheduled = [], []
    for model in PUBLISHABLE_MODELS.values():
        my_ids = model.history.filter(history_user=user, history_type="+").values("id")
        drafts_by_me += list(model.objects.filter(publication_status=S.DRAFT, pk__in=my_ids)[:10])
        waiting += list(model.objects.filter(publication_status=S.SUBMITTED)[:10])
        scheduled += list(
            model.objects.filter(publication_status=S.SCHEDULED).order_by("scheduled_for")[:10]
        )
    return {
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
