"""Who changed what and when, for every record (django-simple-history)."""

import simple_history
from modeltranslation.translator import translator
from simple_history.models import HistoricalRecords


class TwoSidedHistoricalRecords(HistoricalRecords):
    """History of many-to-many fields changed from either side.

    django-simple-history records a change of a tracked many-to-many field made from the
    field's own side (`mission.agreements_signed.add(agreement)`), but fails with a TypeError
    when the change comes from the other side (`agreement.missions_signed.add(mission)`): it
    takes the agreement for a mission (django-commons/django-simple-history#1048, open). Here a
    change from the other side adds a step to the history of each record it touched.
    """

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        records = self.cls._default_manager.filter(**{attr: instance})
        if action == "pre_clear":
            instance._history_cleared = list(records.values_list("pk", flat=True))
            return None
        if action in ("post_add", "post_remove"):
            records = self.cls._default_manager.filter(pk__in=pk_set)
        elif action == "post_clear":
            records = self.cls._default_manager.filter(
                pk__in=instance.__dict__.pop("_history_cleared", [])
            )
        else:
            return None
        for record in records:
            super().m2m_changed(record, action, attr, pk_set, False, **kwargs)
        return None


def track_history(model, **options):
    """Record every change of `model`, registered after its translated fields exist.

    The history keeps each language's column (title_fr, title_en). It leaves out the
    untranslated base column that django-modeltranslation keeps in step with whichever language
    was active at save time, and the `updated_at` stamp that the history already carries: both
    would show as changes that nobody made.
    """
    base_columns = list(translator.get_options_for_model(model).fields)
    timestamps = [f.name for f in model._meta.fields if f.name == "updated_at"]
    simple_history.register(
        model,
        excluded_fields=base_columns + timestamps,
        records_class=TwoSidedHistoricalRecords,
        **options,
    )
