"""Translated fields, then history (see partners/translation.py for why in that order)."""

from modeltranslation.translator import TranslationOptions, register

from partners.publishing.history import track_history

from .models import DelegationMember, FollowUpAction, Mission, MissionPlace, Recommendation


@register(Mission)
class MissionTranslation(TranslationOptions):
    fields = (
        "title",
        "ministry",
        "summary",
        "accompanying_organisations",
        "context",
        "objectives",
        "results",
        "author_unit",
        "filed_by",
    )


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
