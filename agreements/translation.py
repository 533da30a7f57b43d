"""Translated fields, then history (see partners/translation.py for why in that order)."""

from modeltranslation.translator import TranslationOptions, register

from partners.publishing.history import track_history

from .models import Agreement, AgreementEvent, FundingCall


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "slug", "signature_place", "summary")
    # Each language's page has its own address (partners/publishing/models.py, slug_constraints).
    required_languages = {"fr": ("slug",), "en": ("slug",)}


@register(AgreementEvent)
class AgreementEventTranslation(TranslationOptions):
    fields = ("note",)


@register(FundingCall)
class FundingCallTranslation(TranslationOptions):
    fields = ("note",)


track_history(Agreement, m2m_fields=["parties", "sectors"])
track_history(AgreementEvent)
track_history(FundingCall)
