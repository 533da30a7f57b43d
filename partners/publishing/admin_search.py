"""The admin's search box and autocomplete, accents and case ignored (`coree` finds "Corée du
Sud", `etats-unis` "États-Unis"), the same on PostgreSQL and SQLite.

Django's admin search runs `icontains` on each of `search_fields`, which on PostgreSQL compares
accents exactly. This keeps Django's rules (each word must be found in one of the fields,
`"quoted words"` stay together, `^` starts with, `=` is the whole value) and compares both sides
through the search core's unaccent (`partners.publishing.search`: PostgreSQL's `unaccent()`, or
the same function registered on SQLite), lower-cased. Autocomplete fields use the related
admin's search, so they find the same records.
"""

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.db.models import CharField, F, Q, TextField
from django.db.models.functions import Cast, Lower
from django.db.models.lookups import Contains, Exact, StartsWith
from django.utils.text import smart_split, unescape_string_literal

from .search import Unaccent, clean_words, unaccent_text

LOOKUPS = {"^": StartsWith, "=": Exact, "@": Contains}


def folded(name: str, opts):
    """The field's text, lower case and without accents."""
    column = F(name)
    field = _field(opts, name)
    if not isinstance(field, CharField | TextField):
        column = Cast(column, TextField())
    return Lower(Unaccent(column))


def _field(opts, name: str):
    parts = name.split("__")
    field = None
    for part in parts:
        field = opts.get_field(part)
        if field.is_relation and field.related_model is not None:
            opts = field.related_model._meta
    return field


def search_condition(opts, search_fields, words: str) -> Q:
    """Every word in one of the fields, accents and case ignored."""
    condition = Q()
    for bit in smart_split(clean_words(words)):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        term = unaccent_text(bit)
        if not term:
            continue
        either = Q()
        for entry in search_fields:
            lookup = LOOKUPS.get(entry[0], Contains)
            name = entry.lstrip("^=@")
            either |= Q(lookup(folded(name, opts), term))
        condition &= either
    return condition


class AccentInsensitiveSearch:
    """Mixed into every ModelAdmin of the project (before Django's ModelAdmin)."""

    def get_search_results(self, request, queryset, search_term):
        search_fields = self.get_search_fields(request)
        if not search_fields or not clean_words(search_term):
            return super().get_search_results(request, queryset, search_term)
        queryset = queryset.filter(search_condition(self.opts, search_fields, search_term))
        duplicates = any(
            lookup_spawns_duplicates(self.opts, entry.lstrip("^=@")) for entry in search_fields
        )
        return queryset, duplicates
