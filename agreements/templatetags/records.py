"""Presentation helpers for agreement and mission pages (`{% load records %}`)."""

from django import template
from django.utils.html import format_html, format_html_join

from partners.publishing.language import active_language, availability_notice, translated_value

register = template.Library()


def lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


@register.simple_tag
def translated_list(obj, field):
    """A field written one item a line (objectives, results) as a list, in the page's language,
    else in the other language inside an element with its `lang` and the notice. A first line
    that ends with a colon introduces the list: it stays a paragraph."""
    text, source = translated_value(obj, field)
    items = lines(text)
    if not items:
        return ""
    intro = ""
    if len(items) > 1 and items[0].endswith(":"):
        intro = format_html("<p>{}</p>", items[0])
        items = items[1:]
    body = format_html(
        '{}<ul class="items">{}</ul>',
        intro,
        format_html_join("", "<li>{}</li>", ((item,) for item in items)),
    )
    if source == active_language():
        return body
    return format_html(
        '<div lang="{}">{}</div> <span class="notice-language">({})</span>',
        source,
        body,
        availability_notice(source),
    )
