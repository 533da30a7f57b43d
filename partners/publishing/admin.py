"""What every staff admin of a public record shares: both languages, history, the workflow."""

import dataclasses
import datetime

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import services as workflow
from . import versions
from .admin_search import AccentInsensitiveSearch
from .admin_text import WordedAdmin
from .models import PendingVersion, PublicationStatus

S = PublicationStatus
STEP_LABELS = {
    S.SUBMITTED: _("Submit for review"),
    S.PUBLISHED: _("Publish now"),
    S.SCHEDULED: _("Schedule"),
    S.DRAFT: _("Back to draft"),
    S.UNPUBLISHED: _("Unpublish"),
}


class PendingChangesFilter(admin.SimpleListFilter):
    """Published records whose edits wait for a publisher (their pending version)."""

    title = _("changes")
    parameter_name = "changes"

    def lookups(self, request, model_admin):
        return [("pending", _("with changes waiting for publication"))]

    def queryset(self, request, queryset):
        if self.value() != "pending":
            return queryset
        waiting = PendingVersion.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model)
        ).values("object_id")
        return queryset.filter(pk__in=waiting)


class ReadOnlyAdmin(AccentInsensitiveSearch, WordedAdmin, admin.ModelAdmin):
    """A record staff read but never add, change or delete by hand (an audit trail, a log)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadableChanges(HistoricalRecordContextHelper):
    """A history step's changes as staff read them: the field's label in their language (with
    the language of a translated field), a choice's label, a related record's name, a local
    time, long texts cut."""

    def format_delta_change(self, change):
        field = self.model._meta.get_field(change.field)
        old, new = (self.readable(field, change, value) for value in (change.old, change.new))
        return dataclasses.replace(
            change, field=capfirst(versions.field_label(field)), old=old, new=new
        )

    def readable(self, field, change, value) -> str:
        if field.many_to_many:
            names = sorted(str(item) for item in self.prepare_delta_change_value(change, value))
            return ", ".join(names) or "—"
        if field.is_relation:
            return str(value) if value is not None else "—"
        text = versions.display(field, value)
        return Truncator(text).chars(self.max_displayed_delta_change_chars)


class RecordAdmin(AccentInsensitiveSearch, WordedAdmin, SimpleHistoryAdmin, TranslationAdmin):
    """Both languages' fields side by side, and a history of who changed what and when."""

    object_history_list_template = "admin/record_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)


class PendingVersionsMixin:
    """Saves that reach a published record (its own form, a History restore, the form of one
    of its children) are kept as the record's pending version (partners/publishing/versions.py)
    instead of changing the rows the public reads."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        saving = getattr(request, "_saving", None)
        if saving is not None:
            saving["saved"] = True

    def message_user(self, request, *args, **kwargs):
        if getattr(request, "_saving", {}).get("quiet"):
            return  # the save became a pending version: its own message says so
        super().message_user(request, *args, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "_refusal", None)
        if not refusal:
            return form

        class RefusedForm(form):
            def clean(self):
                super().clean()
                raise ValidationError(refusal)

        return RefusedForm

    def _version_token(self, record, pending) -> str:
        """What the form was opened on: the record's latest history step, its pending version."""
        latest = record.history.order_by("-history_id").values_list("history_id", flat=True)
        return "|".join(
            [str(latest.first() or 0), pending.updated_at.isoformat() if pending else ""]
        )

    def _versioned_view(self, request, record, view, extra_context):
        """Run the admin's own view over the record as its pending version makes it, then
        keep what it saved: on the live rows for a record the public does not see, as the
        pending version for a published one (or one that has a pending version already)."""
        pending = versions.pending_version(record)
        context = dict(extra_context or {})
        context["version_token"] = self._version_token(record, pending)
        if pending is not None:
            context["pending"] = {
                "version": pending,
                "changes": versions.differences(record, pending.data),
            }
        to_pending = record.is_published or pending is not None
        posted = request.method == "POST"
        if posted:
            token = request.POST.get("_version")
            if token is not None and token != context["version_token"]:
                request._refusal = self._conflict(record, pending, token)
        request._saving = {"saved": False, "quiet": to_pending}
        refusal, data = None, None
        with transaction.atomic():
            savepoint = transaction.savepoint()
            if pending is not None:
                versions.apply(record, pending.data)
            response = view(context)
            if hasattr(response, "render"):
                response.render()
            if request._saving["saved"]:
                saved = type(record)._default_manager.get(pk=record.pk)
                missing = workflow.missing_translations(saved)
                going_live = saved.publication_status == S.SCHEDULED or (
                    pending is not None and pending.scheduled_for is not None
                )
                if going_live and missing:
                    refusal = _(
                        "This record is scheduled to go online: fill in %(fields)s, or ask "
                        "a publisher to cancel the schedule first."
                    ) % {"fields": ", ".join(str(m) for m in missing)}
                elif to_pending:
                    data = versions.capture(saved)
            if to_pending or refusal or not request._saving["saved"]:
                transaction.savepoint_rollback(savepoint)
            else:
                transaction.savepoint_commit(savepoint)
        if refusal:
            request._refusal = refusal
            request._saving = {"saved": False, "quiet": True}
            with versions.rolled_back():
                if pending is not None:
                    versions.apply(record, pending.data)
                response = view(context)
                if hasattr(response, "render"):
                    response.render()
            return response
        if data is not None:
            self._keep_pending(request, record, pending, data, missing)
        return response

    def _keep_pending(self, request, record, pending, data, missing):
        if pending is None and not versions.differences(record, data):
            super().message_user(request, _("Nothing was changed."), messages.INFO)
            return
        before = pending.data if pending is not None else versions.capture(record)
        versions.store(
            record=record,
            data=data,
            user=request.user,
            changed_fields=versions.changed_names(before, data),
        )
        super().message_user(
            request,
            _(
                "Your changes to “%(record)s” are kept as a pending version: the public sees "
                "the published version until a publisher publishes them."
            )
            % {"record": record},
            messages.SUCCESS,
        )
        if missing:
            super().message_user(
                request,
                _("Before they can be published, fill in: %(fields)s.")
                % {"fields": ", ".join(str(m) for m in missing)},
                messages.WARNING,
            )

    def _conflict(self, record, pending, token) -> str:
        """Who changed the record (or its pending version) after the form was opened, what
        and when, said to the person whose save is refused."""
        opened_live, _bar, opened_pending = token.partition("|")
        who, when, what = None, None, []
        if pending is not None and pending.updated_at.isoformat() != opened_pending:
            who, when = pending.updated_by, pending.updated_at
            what = [self._field_name(name) for name in pending.changed_fields]
        else:
            opened = int(opened_live) if opened_live.isdigit() else 0
            steps = list(record.history.filter(history_id__gt=opened).order_by("history_id"))
            if steps:
                who, when = steps[-1].history_user, steps[-1].history_date
                for step in steps:
                    if step.prev_record is not None:
                        for change in step.diff_against(step.prev_record).changes:
                            what.append(self._field_name(change.field))
        values = {
            "who": (who.get_full_name() or who.get_username()) if who else _("someone"),
            "when": versions.display(
                record._meta.get_field("updated_at"), when or record.updated_at
            ),
            "what": ", ".join(dict.fromkeys(what)) or _("the record"),
        }
        return (
            _(
                "%(who)s saved a change to this record on %(when)s, after you opened this form "
                "(%(what)s). Your input is kept below: compare it with the record, then save again."
            )
            % values
        )

    def _field_name(self, name) -> str:
        """A field's label, or the plural name of a kind of child ("agreements.agreementevent")."""
        try:
            return versions.field_label(self.opts.get_field(name))
        except FieldDoesNotExist:
            pass
        try:
            return str(apps.get_model(name)._meta.verbose_name_plural)
        except (LookupError, ValueError):
            return str(name)


class PublishableAdmin(PendingVersionsMixin, RecordAdmin):
    """Editors write and submit; publishers publish, schedule and unpublish (partners/publishing/services.py).

    The publication fields are never edited by hand: the workflow panel under the form takes
    each step, checks who may take it and whether both languages are complete, and logs it.
    """

    change_form_template = "admin/publishable_change_form.html"
    actions = ["submit_for_review", "publish"]
    list_filter = ["publication_status", PendingChangesFilter]
    workflow_fields = [
        "publication_status",
        "published_at",
        "scheduled_for",
        "unpublished_reason",
    ]
    readonly_fields = [*workflow_fields, "created_at", "updated_at"]
    publication_fieldset = (
        _("Publication"),
        {"fields": [*workflow_fields, "language_scope"]},
    )

    def get_view_on_site_url(self, obj=None):
        """ "View on site" only for a published record: the public page of a draft is a 404;
        the "Preview" link beside it shows staff the draft."""
        if obj is None or not obj.is_published:
            return None
        return super().get_view_on_site_url(obj)

    def has_publish_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/workflow/",
                self.admin_site.admin_view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        if change:
            # Only the workflow moves a record's publication (a restored old version too).
            current = type(obj)._default_manager.get(pk=obj.pk)
            for name in versions.WORKFLOW_FIELDS:
                setattr(obj, name, getattr(current, name))
        workflow.note_text_changes(obj, form.changed_data if change else form.fields)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        versions.forget(type(obj), [obj.pk])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        versions.forget(queryset.model, list(queryset.values_list("pk", flat=True)))
        super().delete_queryset(request, queryset)

    # Saves of a published record become its pending version (partners/publishing/versions.py).

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        record = self.get_object(request, unquote(object_id)) if object_id else None
        if record is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        return self._versioned_view(
            request,
            record,
            lambda context: super(PublishableAdmin, self).changeform_view(
                request, object_id, form_url, context
            ),
            extra_context,
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is None or request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        return self._versioned_view(
            request,
            record,
            lambda context: super(PublishableAdmin, self).history_form_view(
                request, object_id, version_id, context
            ),
            extra_context,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if record is not None:
            pending = versions.pending_version(record)
            context["workflow"] = {
                "steps": [
                    (step, self._step_label(request, record, step))
                    for step in workflow.allowed_steps(request.user, record)
                ],
                "pending": pending,
                "can_discard": pending is not None
                and (
                    workflow.is_publisher(request.user, record)
                    or pending.created_by == request.user
                ),
                "missing": workflow.missing_after_changes(record),
                "outdated": workflow.outdated_languages(record),
                "history": workflow.history(record)[:20],
                "action": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_workflow",
                    args=[record.pk],
                ),
                "now": timezone.localtime().replace(second=0, microsecond=0),
            }
        return super().change_view(request, object_id, form_url, context)

    def _step_label(self, request, record, step):
        if record.is_published and step == S.PUBLISHED:
            return _("Publish the changes")
        if record.is_published and step == S.SCHEDULED:
            return _("Schedule the changes")
        if (
            step == S.DRAFT
            and record.publication_status == S.SUBMITTED
            and not workflow.is_publisher(request.user, record)
        ):
            return _("Withdraw my submission")
        return STEP_LABELS[step]

    def workflow_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        scheduled_for = None
        if request.POST.get("scheduled_for"):
            try:
                scheduled_for = timezone.make_aware(
                    datetime.datetime.fromisoformat(request.POST["scheduled_for"])
                )
            except ValueError:
                self.message_user(request, _("Enter a valid date and time."), messages.ERROR)
                return HttpResponseRedirect(self._change_url(record))
        was_published = record.is_published
        try:
            if request.POST.get("to_status") == "discard":
                workflow.discard_changes(record=record, user=request.user)
                self.message_user(
                    request,
                    _("The pending changes to “%(record)s” were discarded.") % {"record": record},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._change_url(record))
            workflow.move(
                record=record,
                to_status=request.POST.get("to_status", ""),
                user=request.user,
                note=request.POST.get("note", ""),
                scheduled_for=scheduled_for,
            )
        except (workflow.WorkflowError, ValueError) as error:
            message = getattr(error, "message", _("This step does not exist."))
            self.message_user(request, message, messages.ERROR)
        else:
            if was_published and request.POST.get("to_status") == S.SCHEDULED:
                self.message_user(
                    request,
                    _("The changes to “%(record)s” will go online on %(when)s.")
                    % {
                        "record": record,
                        "when": versions.display(
                            record._meta.get_field("scheduled_for"), scheduled_for
                        ),
                    },
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._change_url(record))
            if was_published and request.POST.get("to_status") == S.PUBLISHED:
                self.message_user(
                    request,
                    _("The changes to “%(record)s” are now online.") % {"record": record},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._change_url(record))
            self.message_user(
                request,
                _("“%(record)s” is now %(status)s.")
                % {"record": record, "status": record.get_publication_status_display()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._change_url(record))

    def _change_url(self, record):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk]
        )

    def _bulk_move(self, request, queryset, to_status, done_message):
        moved, refused = 0, []
        for record in queryset:
            try:
                workflow.move(record=record, to_status=to_status, user=request.user)
                moved += 1
            except workflow.WorkflowError as error:
                refused.append(f"{record}: {error.message}")
        if moved:
            self.message_user(request, done_message(moved), messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(description=_("Submit the selected records for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._bulk_move(
            request,
            queryset,
            S.SUBMITTED,
            lambda n: (
                ngettext(
                    "%(count)d record submitted for review.",
                    "%(count)d records submitted for review.",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(description=_("Publish the selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        self._bulk_move(
            request,
            queryset,
            S.PUBLISHED,
            lambda n: (
                ngettext("%(count)d record published.", "%(count)d records published.", n)
                % {"count": n}
            ),
        )


class ChildRecordAdmin(PendingVersionsMixin, RecordAdmin):
    """The admin of a public record's child with a form of its own (an office, a recommendation
    and its follow-ups): while the record it belongs to is published, a save here becomes that
    record's pending version too. `record_path` leads from the child to the record."""

    record_path = ""

    def record_of(self, request, obj):
        if obj is not None:
            for name in self.record_path.split("__"):
                obj = getattr(obj, name, None)
            return obj
        first, _sep, rest = self.record_path.partition("__")
        field = self.opts.get_field(first)
        try:
            parent = field.related_model._default_manager.get(pk=request.POST.get(first))
        except (field.related_model.DoesNotExist, ValueError, TypeError):
            return None
        for name in rest.split("__") if rest else []:
            parent = getattr(parent, name, None)
        return parent

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id is None and request.method != "POST":
            record = None
        else:
            record = self._held_by(request, obj)
        if record is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        return self._versioned_view(
            request,
            record,
            lambda context: super(ChildRecordAdmin, self).changeform_view(
                request, object_id, form_url, context
            ),
            extra_context,
        )

    def _held_by(self, request, obj):
        """The published record (or the record with a pending version) whose pending version
        a change of `obj` must go through, or None when the change may reach the live rows."""
        record = self.record_of(request, obj)
        if record is None or (not record.is_published and versions.pending_version(record) is None):
            return None
        return record

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        record = self._held_by(request, obj) if request.method == "POST" else None
        if record is None:
            return super().history_form_view(request, object_id, version_id, extra_context)
        return self._versioned_view(
            request,
            record,
            lambda context: super(ChildRecordAdmin, self).history_form_view(
                request, object_id, version_id, context
            ),
            extra_context,
        )

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        saving = getattr(request, "_saving", None)
        if saving is not None:
            saving["saved"] = True

    def delete_view(self, request, object_id, extra_context=None):
        """Deleting the child of a published record removes it from the record's pending
        version: the live row stays until a publisher publishes the changes."""
        obj = self.get_object(request, unquote(object_id))
        record = self._held_by(request, obj) if request.method == "POST" else None
        if record is None:
            return super().delete_view(request, object_id, extra_context)
        return self._versioned_view(
            request,
            record,
            lambda context: super(ChildRecordAdmin, self).delete_view(request, object_id, context),
            extra_context,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            delete, name, description = actions["delete_selected"]
            actions["delete_selected"] = (self._guarded_delete(delete), name, description)
        return actions

    def _guarded_delete(self, delete):
        """The bulk delete refuses children of published records: deleting them one by one
        keeps each deletion in the record's pending version."""

        def guarded(modeladmin, request, queryset):
            held = {}
            for obj in queryset:
                record = self._held_by(request, obj)
                if record is not None:
                    held[record.pk] = record
            if not held:
                return delete(modeladmin, request, queryset)
            names = ", ".join(str(record) for record in held.values())
            self.message_user(
                request,
                ngettext(
                    "Nothing was deleted: %(records)s is published. Delete these entries one "
                    "by one, so that each deletion waits in its pending version for a publisher.",
                    "Nothing was deleted: %(records)s are published. Delete these entries one "
                    "by one, so that each deletion waits in their pending versions for a "
                    "publisher.",
                    len(held),
                )
                % {"records": names},
                messages.ERROR,
            )
            return None

        return guarded
