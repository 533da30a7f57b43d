"""The audit trail, readable by staff and editable by no one."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.publishing.admin import ReadOnlyAdmin
from partners.publishing.admin_text import Wording
from partners.publishing.models import Transition
from partners.templatetags.staff import admin_change_url


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    wording = Wording(view=pgettext_lazy("admin page title", "View a publication step"))
    list_display = [
        "at",
        "record_link",
        "content_type",
        "from_status",
        "to_status",
        "of_changes",
        "user",
        "note",
    ]
    list_filter = ["to_status", "of_changes", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "content_type"]
    search_fields = ["note", "user__username"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        # One query per kind of record for the whole page, not one per row.
        return super().get_queryset(request).prefetch_related("record")

    @admin.display(description=_("record"))
    def record_link(self, obj):
        record = obj.record
        if record is None:  # deleted since
            return f"#{obj.object_id}"
        try:
            url = reverse(admin_change_url(record), args=[record.pk])
        except NoReverseMatch:
            return str(record)
        return format_html('<a href="{}">{}</a>', url, record)


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "change"]
    list_filter = ["action_flag", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"

    @admin.display(description=_("change"))
    def change(self, obj):
        return obj.get_change_message()

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff
