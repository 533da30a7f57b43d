"""Translated fields, then history (see partners/translation.py for why in that order)."""

from modeltranslation.translator import TranslationOptions, register

from partners.publishing.history import track_history

from .models import Agreement, AgreementEvent, FundingCall


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "signature_place", "summary")


@register(AgreementEvent)
class AgreementEventTranslation(TranslationOptions):
    fields = ("note",)


@register(FundingCall)
class FundingCallTranslation(TranslationOptions):
    fields = ("note",)


track_history(Agreement, m2m_fields=["parties", "sectors"])
track_history(AgreementEvent)
track_history(FundingCall)
