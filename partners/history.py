"""Who changed what and when, for every record (django-simple-history)."""

import simple_history
from modeltranslation.translator import translator


def track_history(model, **options):
    """Record every change of `model`, registered after its translated fields exist.

    The history keeps each language's column (title_fr, title_en). It leaves out the
    untranslated base column that django-modeltranslation keeps in step with whichever language
    was active at save time, and the `updated_at` stamp that the history already carries: both
    would show as changes that nobody made.
    """
    base_columns = list(translator.get_options_for_model(model).fields)
    timestamps = [f.name for f in model._meta.fields if f.name == "updated_at"]
    simple_history.register(model, excluded_fields=base_columns + timestamps, **options)
