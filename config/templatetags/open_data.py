"""{% json_ld record %}: the schema.org data of a record page, in its <head> (config/catalogue.py)."""

from django import template
from django.utils.safestring import mark_safe

from config.catalogue import json_ld_script, record_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context, record):
    request = context.get("request")
    if request is None or record is None:
        return ""
    data = record_json_ld(record, request.build_absolute_uri)
    return mark_safe(json_ld_script(data)) if data else ""  # escaped by json_ld_script
