"""What the filter forms of every public list share."""

import django_filters


class ModelChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """A select's records read in one query. Django reads them with iterator(), which opens a
    server-side cursor on PostgreSQL: declare, fetch and close cost three round trips more for
    a list of a few hundred records that the page shows whole."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if getattr(self.field, "null_label", None) is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = ModelChoiceIterator


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField
