"""Translated fields, then history (see partners/translation.py for why in that order)."""

from modeltranslation.translator import TranslationOptions, register

from partners.publishing.history import track_history

from .models import DelegationMember, FollowUpAction, Mission, MissionPlace, Recommendation


@register(Mission)
class MissionTranslation(TranslationOptions):
    fields = (
        "title",
        "slug",
        "ministry",
        "summary",
        "accompanying_organisations",
        "context",
        "objectives",
        "results",
        "author_unit",
        "filed_by",
    )
    # Each language's page has its own address (partners/publishing/models.py, slug_constraints).
    required_languages = {"fr": ("slug",), "en": ("slug",)}


@register(MissionPlace)
class MissionPlaceTranslation(TranslationOptions):
    fields = ("city",)


@register(DelegationMember)
class DelegationMemberTranslation(TranslationOptions):
    fields = ("title",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)


@register(FollowUpAction)
class FollowUpActionTranslation(TranslationOptions):
    fields = ("description", "responsible_unit")


track_history(Mission, m2m_fields=["sectors", "agreements_signed"])
for model in (MissionPlace, DelegationMember, Recommendation, FollowUpAction):
    track_history(model)
