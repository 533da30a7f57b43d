"""Form widgets of the public filter forms, rendered in Python.

Django renders a `<select>` through one template include per option: a partner filter with 266
options cost about 20 ms of every list page. `Select` writes the same HTML directly, from the
choices themselves rather than from Django's option dictionaries (`get_context()` builds one
dictionary of attributes an option, which cost about as much again);
tests/partners/publishing/test_framework_copies.py proves it writes what Django's `Select`
writes. The text and number inputs are Django's own.
"""

from django import forms
from django.forms import NumberInput, TextInput
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

__all__ = ["NumberInput", "Select", "SelectMultiple", "TextInput"]


def attributes(attrs: dict) -> str:
    """Django's `attrs.html`: each attribute in the given order, True as a bare name, False left
    out (flatatt() would sort them)."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        values = self.format_value(value)
        parts = []
        has_selected = False
        # As ChoiceWidget.optgroups() and select.html (each option.html ends with a line break):
        # the first option whose value is given is selected (every one for a multiple select);
        # a choice whose label is a list is a group.
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
                    f"{' selected' if selected else ''}>{conditional_escape(sublabel)}</option>\n"
                )
            rendered = "".join(options)
            if group_name:
                rendered = (
                    f'\n  <optgroup label="{conditional_escape(group_name)}">{rendered}'
                    "\n  </optgroup>"
                )
            parts.append(rendered)
        return mark_safe(
            f'<select name="{conditional_escape(name)}"{attributes(attrs)}>{"".join(parts)}\n</select>'
        )


class SelectMultiple(Select, forms.SelectMultiple):
    pass
