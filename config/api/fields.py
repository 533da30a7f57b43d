"""The API's shared field types: a text in both languages, a choice with its labels in both
languages, a date as precise as it is known, a record's public page in both languages."""

import datetime

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partners.publishing.models import DatePrecision

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def in_both(schema: dict) -> dict:
    """The schema of a value given in each language: {"fr": …, "en": …}."""
    return {
        "type": "object",
        "required": list(LANGUAGES),
        "properties": dict.fromkeys(LANGUAGES, schema),
        "additionalProperties": False,
    }


# A record's identifier in the API: the slug its address had before records had one per
# language (French for agreements and missions, the English code for sectors; a partner's one
# slug), the same whatever the request's language. Its pages' addresses are `page`.
IDENTIFIERS = {
    "agreements.agreement": "slug_fr",
    "missions.mission": "slug_fr",
    "partners.sector": "slug_en",
}


def identifier(model) -> str:
    """The column that identifies a record of `model` in the API."""
    return IDENTIFIERS.get(model._meta.label_lower, "slug")


TEXT = {"type": "string", "nullable": True}
ADDRESS = {"type": "string", "format": "uri"}


@extend_schema_field(in_both(TEXT))
class TranslatedField(serializers.Field):
    """A translated column in both languages; null where the record has no text in one."""

    def __init__(self, field: str, **kwargs):
        self.field = field
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return {
            code: (getattr(obj, f"{self.field}_{code}") or "").strip() or None for code in LANGUAGES
        }


@extend_schema_field(in_both({"type": "array", "items": {"type": "string"}}))
class TranslatedLinesField(TranslatedField):
    """A translated text of one item a line (a mission's objectives), as a list per language."""

    def to_representation(self, obj):
        return {code: obj.lines(getattr(obj, f"{self.field}_{code}") or "") for code in LANGUAGES}


@extend_schema_field(in_both({"type": "string"}))
class ChoiceLabelField(serializers.Field):
    """What a choice's code means, in both languages (`status` "in_force": "en vigueur")."""

    def __init__(self, choices, field: str, **kwargs):
        self.choices = choices
        self.field = field
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        value = getattr(obj, self.field)
        labels = {}
        for code in LANGUAGES:
            with translation.override(code):
                try:
                    labels[code] = str(self.choices(value).label)
                except ValueError:
                    labels[code] = str(value)
        return labels


PARTIAL_DATE = {
    "type": "string",
    "nullable": True,
    "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
    "description": "ISO 8601 to the precision known: 2011, 2017-09 or 2017-09-02; null if unknown.",
}


def partial_date(value: datetime.date | None, precision: str) -> str | None:
    """A date written no more precisely than it is known: "2011", "2017-09", "2017-09-02"."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


@extend_schema_field(PARTIAL_DATE)
class PartialDateField(serializers.Field):
    def __init__(self, field: str, precision_field: str, **kwargs):
        self.field = field
        self.precision_field = precision_field
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return partial_date(getattr(obj, self.field), getattr(obj, self.precision_field))


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field(in_both(ADDRESS))
class PublicPageField(serializers.Field):
    """The record's public page in each language (/fr/ententes/…, /en/agreements/…)."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        pages = {}
        for code in LANGUAGES:
            with translation.override(code):
                pages[code] = absolute(request, obj.get_absolute_url())
        return pages


@extend_schema_field(ADDRESS)
class ApiAddressField(serializers.Field):
    """The record's own address in the API."""

    def __init__(self, viewname: str, lookup: str = "slug", **kwargs):
        self.viewname = viewname
        self.lookup = lookup
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        from django.urls import reverse

        attribute = identifier(type(obj)) if self.lookup == "slug" else self.lookup
        path = reverse(self.viewname, kwargs={self.lookup: getattr(obj, attribute)})
        return absolute(self.context.get("request"), path)


@extend_schema_field({"type": "string"})
class IdentifierField(serializers.Field):
    """The record's identifier in the API (`IDENTIFIERS`), the one its API address carries."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        kwargs.setdefault(
            "help_text",
            "The record's identifier in the API, the same in every language (its pages' own "
            "addresses, with each language's slug, are `page`).",
        )
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return getattr(obj, identifier(type(obj)))


@extend_schema_field({"type": "array", "items": {"type": "string", "enum": list(LANGUAGES)}})
class LanguagesField(serializers.Field):
    """The languages a record is published in: both, unless staff marked it as one only."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return [obj.language_scope] if obj.language_scope else list(LANGUAGES)
