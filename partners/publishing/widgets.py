"""Form widgets of the public filter forms, rendered in Python.

Django renders a `<select>` through one template include per option: a partner filter with 266
options cost about 20 ms of every list page. `Select` writes the same HTML directly, from the
choices themselves rather than from Django's option dictionaries (`get_context()` builds one
dictionary of attributes an option, which cost about as much again). The inputs write what
Django's `input.html` and `attrs.html` templates write, without a template each.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        values = self.format_value(value)
        parts = []
        has_selected = False
        # As ChoiceWidget.optgroups(): the first option whose value is given is selected (every
        # one for a multiple select); a choice whose label is a list is a group.
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            if isinstance(option_label, (list, tuple)):
                group_name, choices = option_value, option_label
            else:
                group_name, choices = None, [(option_value, option_label)]
            options = []
            for subvalue, sublabel in choices:
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    subvalue
                ) in values
                has_selected |= selected
                options.append(
                    f'\n  <option value="{conditional_escape(str(subvalue))}"'
                    f"{' selected' if selected else ''}>{conditional_escape(sublabel)}</option>"
                )
            rendered = "".join(options)
            if group_name:
                rendered = (
                    f'\n  <optgroup label="{conditional_escape(group_name)}">{rendered}'
                    "\n  </optgroup>"
                )
            parts.append(rendered)
        return mark_safe(
            f'<select name="{conditional_escape(name)}"{flatatt(attrs)}>{"".join(parts)}\n</select>'
        )


class SelectMultiple(Select, forms.SelectMultiple):
    pass


def attributes(attrs: dict) -> str:
    """Django's `attrs.html`: each attribute in order, True as a bare name, False left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class InputMixin:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
        return mark_safe(
            f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}'
            f"{attributes(widget['attrs'])}>"
        )


class TextInput(InputMixin, forms.TextInput):
    pass


class NumberInput(InputMixin, forms.NumberInput):
    pass
