"""Form widgets of the public filter forms, rendered in Python.

Django renders a `<select>` through one template include per option: a partner filter with 266
options cost about 20 ms of every list page. `Select` writes the same HTML directly.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '\n  <option value="{}"{}>{}</option>',
                ((str(o["value"]), flatatt(o["attrs"]), o["label"]) for o in options),
            )
            if group_name:
                rendered = format_html(
                    '\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rendered
                )
            parts.append(rendered)
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(parts)),
        )


class SelectMultiple(Select, forms.SelectMultiple):
    pass
