"""Small helpers for the staff templates (admin dashboard and reports)."""

from django import template

register = template.Library()


@register.filter
def admin_change_url(record) -> str:
    meta = record._meta
    return f"admin:{meta.app_label}_{meta.model_name}_change"


@register.filter
def verbose_name_of(record) -> str:
    return record._meta.verbose_name
