"""Pending versions: a published record's changes, kept apart from the rows the public reads.

A pending version is a snapshot (Django's serialisation) of the record and of its children,
the inlines staff edit with it: an agreement's events and funding calls, a mission's places,
delegation and recommendations. The admin makes one by running its normal save inside a
savepoint, reading the result with `capture()`, then rolling the savepoint back: the live rows
never change. To show or preview a pending version, `applied()` writes it inside a savepoint
that is rolled back afterwards; to publish it, the workflow (`services.move()`) applies it for
real, through the same steps, gate and log as a first publication.
"""

import contextlib
import contextvars
import datetime
import json

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .models import PendingVersion, Publishable, date_format

# The record's own publication fields: the workflow sets them, a pending version never does.
WORKFLOW_FIELDS = ("publication_status", "published_at", "scheduled_for", "unpublished_reason")
LANGUAGE_LABELS = {
    "fr": pgettext_lazy("language, in a field's label", "French"),
    "en": pgettext_lazy("language, in a field's label", "English"),
}


def children_of(record: Publishable) -> list[tuple[type[models.Model], str]]:
    """(model, lookup to the record's id) of each kind of child kept with the record's
    versions, parents before their own children: a mission's ("recommendations",
    "recommendations__follow_ups") gives (Recommendation, "mission") then (FollowUpAction,
    "recommendation__mission")."""
    found = []
    for path in type(record).version_children:
        model, keys = type(record), []
        for name in path.split("__"):
            relation = model._meta.get_field(name)
            keys.insert(0, relation.field.name)
            model = relation.related_model
        found.append((model, "__".join(keys)))
    return found


def _untranslated_columns(model) -> set[str]:
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def _serialise(instances) -> list[dict]:
    rows = []
    for instance in instances:
        model = type(instance)
        skip = _untranslated_columns(model) | {"search_fr", "search_en", "updated_at"}
        names = [
            field.name
            for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if not field.primary_key and field.name not in skip
        ]
        rows += serializers.serialize("python", [instance], fields=names)
    return json.loads(json.dumps(rows, cls=DjangoJSONEncoder))


def capture(record: Publishable) -> dict:
    """The record and its children as they stand in the database now."""
    record = type(record)._default_manager.get(pk=record.pk)
    instances = [record]
    for model, fk in children_of(record):
        instances += list(model._default_manager.filter(**{fk: record.pk}).order_by("pk"))
    return {"objects": _serialise(instances)}


def _deserialise(data: dict):
    return list(serializers.deserialize("python", data["objects"], ignorenonexistent=True))


def apply(record: Publishable, data: dict, reason: str = "") -> Publishable:
    """Write a snapshot over the record and its children (the caller holds the transaction)."""
    model = type(record)
    live = model._default_manager.select_for_update().get(pk=record.pk)
    objects = _deserialise(data)
    main, children = objects[0], objects[1:]
    instance = main.object
    for name in WORKFLOW_FIELDS:
        setattr(instance, name, getattr(live, name))
    instance.created_at = live.created_at
    instance._state.adding = False
    if reason:
        instance._change_reason = reason
    instance.save()
    for name, values in main.m2m_data.items():
        getattr(instance, name).set(values)
    kept = {}
    for child in children:
        kept.setdefault(type(child.object), set()).add(child.object.pk)
    for child_model, fk in children_of(record):
        child_model._default_manager.filter(**{fk: record.pk}).exclude(
            pk__in=kept.get(child_model, set())
        ).delete()
    fks = dict(children_of(record))
    for child in children:
        obj = child.object
        fk = fks[type(obj)]
        owner = type(obj)._default_manager.filter(pk=obj.pk).values_list(fk, flat=True).first()
        if owner == record.pk:
            obj._state.adding = False
        elif owner is not None:
            obj.pk = None  # a child added in the pending version whose id was taken since
        obj.save()
        for name, values in child.m2m_data.items():
            getattr(obj, name).set(values)
    return model._default_manager.get(pk=record.pk)


class _Rollback(Exception):
    pass


# True inside rolled_back(): what is read there (a preview) is not what the public sees.
_rolling_back: contextvars.ContextVar[bool] = contextvars.ContextVar("rolling_back", default=False)


@contextlib.contextmanager
def rolled_back():
    """A block whose writes are all undone at its end (a savepoint rolled back)."""
    token = _rolling_back.set(True)
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass
    finally:
        _rolling_back.reset(token)


def in_rolled_back() -> bool:
    """Whether the code runs inside rolled_back(): it may read rows no visitor sees (a pending
    version applied for a preview), which nothing may keep for the public (results.py)."""
    return _rolling_back.get()


def pending_version(record: Publishable) -> PendingVersion | None:
    if record is None or record.pk is None:
        return None
    return (
        PendingVersion.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
        .select_related("created_by", "updated_by")
        .first()
    )


def store(*, record: Publishable, data: dict, user, changed_fields=(), now=None) -> PendingVersion:
    """Keep `data` as the record's pending version (the one it replaces goes)."""
    now = now or timezone.now()
    version, _created = PendingVersion.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        defaults={
            "data": data,
            "updated_by": user,
            "updated_at": now,
            "changed_fields": list(changed_fields),
        },
        create_defaults={
            "data": data,
            "created_by": user,
            "created_at": now,
            "updated_by": user,
            "updated_at": now,
            "changed_fields": list(changed_fields),
        },
    )
    return version


# How the differences read: the field's label in the user's language, values as people say them.


def field_label(field) -> str:
    translated = getattr(field, "translated_field", None)
    if translated is not None:
        return f"{translated.verbose_name} ({LANGUAGE_LABELS[field.language]})"
    return str(field.verbose_name)


def display(field, value) -> str:
    """A stored value as staff read it: a choice's label, a related record's name, a date."""
    if value in (None, "", []):
        return "—"
    if field.many_to_many:
        related = field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(sorted(str(item) for item in related))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        moment = timezone.localtime(field.to_python(value))
        return f"{date_format(moment.date())} {moment:%H:%M}"
    if isinstance(field, models.DateField):
        return date_format(field.to_python(value))
    if isinstance(field, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    return str(value)


def _row_fields(model, row: dict) -> dict:
    return {
        name: value
        for name, value in row["fields"].items()
        if name not in (*WORKFLOW_FIELDS, "created_at", "french_changed_at", "english_changed_at")
        and not name.endswith("_changed_at")
    }


def _field_changes(model, before: dict, after: dict, prefix: str = ""):
    changes = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.name not in before and field.name not in after:
            continue
        old, new = before.get(field.name), after.get(field.name)
        if field.many_to_many:
            old, new = sorted(old or []), sorted(new or [])
        if isinstance(old, str) and isinstance(new, str):  # a browser sends \r\n
            old, new = old.replace("\r\n", "\n"), new.replace("\r\n", "\n")
        if (old or None) != (new or None):
            changes.append((prefix + field_label(field), display(field, old), display(field, new)))
    return changes


def _describe(model, row: dict) -> str:
    """A child's name from its serialised row (str() of the object it would be)."""
    obj = next(serializers.deserialize("python", [row], ignorenonexistent=True)).object
    try:
        return str(obj)
    except Exception:  # a child whose name reads a related row that is gone
        return str(model._meta.verbose_name)


def changed_names(before: dict, after: dict) -> list[str]:
    """What a save changed between two snapshots: the record's field names, then the labels
    ("app.model") of the kinds of children added, removed or changed."""
    first, second = before["objects"], after["objects"]
    model = apps.get_model(first[0]["model"])
    names = [
        field.name
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if _field_changes(
            model,
            {k: v for k, v in _row_fields(model, first[0]).items() if k == field.name},
            {k: v for k, v in _row_fields(model, second[0]).items() if k == field.name},
        )
    ]
    rows = {(row["model"], row["pk"]): row["fields"] for row in first[1:]}
    new_rows = {(row["model"], row["pk"]): row["fields"] for row in second[1:]}
    for key in sorted(set(rows) | set(new_rows)):
        if rows.get(key) != new_rows.get(key) and key[0] not in names:
            names.append(key[0])
    return names


def differences(record: Publishable, data: dict) -> list[tuple[str, str, str]]:
    """(what, live value, pending value) for every field the pending version changes,
    the record's own fields first, then its children's (added, removed, changed)."""
    live = capture(record)["objects"]
    pending = data["objects"]
    model = type(record)
    changes = _field_changes(model, _row_fields(model, live[0]), _row_fields(model, pending[0]))
    live_children = {(row["model"], row["pk"]): row for row in live[1:]}
    pending_children = {(row["model"], row["pk"]): row for row in pending[1:]}
    for key in [*live_children, *(k for k in pending_children if k not in live_children)]:
        child_model = apps.get_model(key[0])
        name = str(child_model._meta.verbose_name)
        before, after = live_children.get(key), pending_children.get(key)
        if before is None:
            changes.append((f"{name} “{_describe(child_model, after)}”", "—", _("added")))
        elif after is None:
            changes.append((f"{name} “{_describe(child_model, before)}”", _("removed"), "—"))
        else:
            prefix = f"{name} “{_describe(child_model, before)}”: "
            changes += _field_changes(
                child_model,
                _row_fields(child_model, before),
                _row_fields(child_model, after),
                prefix,
            )
    return changes


def forget(model, pks) -> None:
    """Drop the pending versions of records being deleted."""
    PendingVersion.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=pks
    ).delete()


def due(now: datetime.datetime):
    """Pending versions scheduled to go live by `now`."""
    return PendingVersion.objects.filter(scheduled_for__lte=now).select_related("content_type")
