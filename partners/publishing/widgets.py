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
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy

from partners.publishing import fragments
from partners.publishing.language import label_language, sort_key

__all__ = [
    "EVERY",
    "EVERY_FEMININE",
    "NumberInput",
    "Select",
    "SelectMultiple",
    "TextInput",
    "by_label",
    "capitalised",
]

# The first option of a filter's select, which applies no filter ("Tous" / "All", not Django's
# "---------"). French agrees it with the filter's name: "Partenaire : Tous", "Région : Toutes".
EVERY = pgettext_lazy("every value of a filter (masculine)", "All")
EVERY_FEMININE = pgettext_lazy("every value of a filter (feminine)", "All")


class Labelled(BaseChoiceIterator):
    """Choices whose labels are capitalised, as a table's cells write them (one form for a label
    wherever it shows: "Pays ou territoire"), ordered by those labels in the page's language if
    `by_label`. Read each time the form lists them, so in the page's language."""

    def __init__(self, choices, *, by_label: bool = False):
        self.choices = choices
        self.by_label = by_label

    def labelled(self) -> list:
        labelled = [(value, capfirst(label)) for value, label in self.choices]
        if self.by_label:
            labelled.sort(key=lambda choice: sort_key(str(choice[1])))
        return labelled

    def __iter__(self):
        yield from self.labelled()

    def __len__(self):
        return len(self.choices)


def capitalised(choices) -> Labelled:
    return Labelled(choices)


def by_label(choices) -> Labelled:
    """Capitalised and ordered by label (world regions: Amérique du Nord, Asie, Europe), not by
    their codes."""
    return Labelled(choices, by_label=True)


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
    """`cached_as`: a name for choices read from records (a model choice field's), whose
    options are then written once per language and version of what they show (`shows`, the
    models; its queryset's model by default: fragments.versioned()), only the selected one
    marked per request."""

    def __init__(self, attrs=None, choices=(), *, cached_as: str = "", shows=()):
        super().__init__(attrs, choices)
        self.cached_as = cached_as
        self.shows = tuple(shows)

    def option_parts(self) -> list:
        """Each option as (value, its HTML before ` selected`, after it); a group's opening and
        closing as text."""
        parts = []
        # As ChoiceWidget.optgroups() and select.html (each option.html ends with a line break):
        # a choice whose label is a list is a group.
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            if isinstance(option_label, (list, tuple)):
                group_name, choices = option_value, option_label
            else:
                group_name, choices = None, [(option_value, option_label)]
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for subvalue, sublabel in choices:
                # A label in the other language (a name with no translation) says so.
                language = label_language(sublabel, subvalue)
                lang = f' lang="{language}"' if language else ""
                value = str(subvalue)
                parts.append(
                    (
                        value,
                        f'\n  <option value="{conditional_escape(value)}"{lang}',
                        f">{conditional_escape(sublabel)}</option>\n",
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        return parts

    def shown_models(self) -> tuple:
        queryset = getattr(self.choices, "queryset", None)
        return self.shows or ((queryset.model,) if queryset is not None else ())

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        values = self.format_value(value)
        if self.cached_as:
            parts = fragments.versioned(
                f"options:{self.cached_as}", self.shown_models(), self.option_parts
            )
        else:
            parts = self.option_parts()
        # The first option whose value is given is selected (every one for a multiple select).
        rendered = []
        has_selected = False
        for part in parts:
            if isinstance(part, str):
                rendered.append(part)
                continue
            option_value, before, after = part
            selected = (not has_selected or self.allow_multiple_selected) and option_value in values
            has_selected |= selected
            rendered.append(f"{before} selected{after}" if selected else before + after)
        return mark_safe(
            f'<select name="{conditional_escape(name)}"{attributes(attrs)}>{"".join(rendered)}\n</select>'
        )


class SelectMultiple(Select, forms.SelectMultiple):
    pass
