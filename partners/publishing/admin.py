"""What every staff admin of a public record shares: both languages, history, the workflow."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services as workflow
from .admin_search import AccentInsensitiveSearch
from .admin_text import WordedAdmin
from .models import PublicationStatus

S = PublicationStatus
STEP_LABELS = {
    S.SUBMITTED: _("Submit for review"),
    S.PUBLISHED: _("Publish now"),
    S.SCHEDULED: _("Schedule"),
    S.DRAFT: _("Back to draft"),
    S.UNPUBLISHED: _("Unpublish"),
}


class ReadOnlyAdmin(AccentInsensitiveSearch, WordedAdmin, admin.ModelAdmin):
    """A record staff read but never add, change or delete by hand (an audit trail, a log)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordAdmin(AccentInsensitiveSearch, WordedAdmin, SimpleHistoryAdmin, TranslationAdmin):
    """Both languages' fields side by side, and a history of who changed what and when."""

    history_list_display = ["changed_fields"]

    @admin.display(description=_("fields changed"))
    def changed_fields(self, historical):
        previous = historical.prev_record
        if previous is None:
            return _("created")
        names = {f.name: f.verbose_name for f in historical.instance._meta.fields}
        changes = historical.diff_against(previous).changes
        return ", ".join(str(names.get(change.field, change.field)) for change in changes) or "—"


class PublishableAdmin(RecordAdmin):
    """Editors write and submit; publishers publish, schedule and unpublish (partners/publishing/services.py).

    The publication fields are never edited by hand: the workflow panel under the form takes
    each step, checks who may take it and whether both languages are complete, and logs it.
    """

    change_form_template = "admin/publishable_change_form.html"
    actions = ["submit_for_review", "publish"]
    list_filter = ["publication_status"]
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
        workflow.note_text_changes(obj, form.changed_data if change else form.fields)
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if record is not None:
            context["workflow"] = {
                "steps": [
                    (step, STEP_LABELS[step])
                    for step in workflow.allowed_steps(request.user, record)
                ],
                "missing": workflow.missing_translations(record),
                "outdated": workflow.outdated_languages(record),
                "history": workflow.history(record)[:20],
                "action": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_workflow",
                    args=[record.pk],
                ),
                "now": timezone.localtime().replace(second=0, microsecond=0),
            }
        return super().change_view(request, object_id, form_url, context)

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
        try:
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
