"""Small helpers for the staff templates (admin dashboard and reports)."""

from babel.numbers import format_currency
from django import template

from partners.trade.importing.result import ImportResult

from .public import babel_locale

register = template.Library()


@register.filter
def admin_change_url(record) -> str:
    meta = record._meta
    return f"admin:{meta.app_label}_{meta.model_name}_change"


@register.filter
def verbose_name_of(record) -> str:
    return record._meta.verbose_name


@register.filter
def amount(value) -> str:
    """Dollars to the cent, as the page's language writes them (CLDR): "3 000 000,25 $" /
    "$3,000,000.25"; a dash for none."""
    if value is None or value == "":
        return "—"
    return format_currency(value, "CAD", locale=babel_locale())


@register.filter
def batch_counts(batch) -> str:
    """What a trade import did, as the import said it: "6 rows: 6 new, 0 updated, 0 unchanged." """
    return ImportResult(
        file_name=batch.file_name,
        rows=batch.rows,
        created=batch.created_count,
        updated=batch.updated_count,
        unchanged=batch.unchanged_count,
    ).counts()
