"""Presentation helpers for agreement and mission pages (`{% load records %}`)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy

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


# What a mission's page says of its report's language: {language: notice}.
AVAILABLE_ONLY = {
    "fr": gettext_lazy("This report is available in French only."),
    "en": gettext_lazy("This report is available in English only."),
}
TRANSLATED_FROM = {
    "fr": gettext_lazy("This report was written in French; this is a translation."),
    "en": gettext_lazy("This report was written in English; this is a translation."),
}


@register.simple_tag
def report_language_notice(mission):
    """The notice above a mission's report read in the other language than its own: available
    in one language only (`language_scope`), or translated from its original language."""
    current = active_language()
    if mission.language_scope and mission.language_scope != current:
        notice = AVAILABLE_ONLY[mission.language_scope]
    elif mission.original_language != current:
        notice = TRANSLATED_FROM[mission.original_language]
    else:
        return ""
    return format_html('<p class="notice" role="note">{}</p>', notice)
