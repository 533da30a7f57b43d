"""Translated fields (django-modeltranslation adds a column per language), then history.

History is registered here, after translation, so that the historical tables also keep
every language's column (the order django-simple-history documents).
"""

from modeltranslation.translator import TranslationOptions, register

from partners.publishing.history import track_history

from .models import Office, Partner, Product, Sector


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name", "slug", "description")
    # Each language's page has its own address (partners/publishing/models.py, slug_constraints).
    required_languages = {"fr": ("slug",), "en": ("slug",)}


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("name", "article_name", "in_name", "overview")


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("name", "city")


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("label",)


for model in (Sector, Partner, Office, Product):
    track_history(model)
