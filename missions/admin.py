from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationTabularInline

from partners.publishing.admin import ChildRecordAdmin, PendingChangesFilter, PublishableAdmin
from partners.publishing.admin_text import Wording

from .models import (
    DelegationMember,
    FollowUpAction,
    Mission,
    MissionPlace,
    Recommendation,
)


class MissionPlaceInline(TranslationTabularInline):
    add_another = _("Add another place visited")
    model = MissionPlace
    extra = 0
    fields = ["position", "city", "partner"]
    autocomplete_fields = ["partner"]


class DelegationMemberInline(TranslationTabularInline):
    add_another = _("Add another delegation member")
    model = DelegationMember
    extra = 0
    fields = ["position", "name", "title"]


class RecommendationInline(TranslationTabularInline):
    add_another = _("Add another recommendation")
    model = Recommendation
    extra = 0
    fields = ["position", "text"]
    show_change_link = True  # where its follow-up actions are kept


@admin.register(Mission)
class MissionAdmin(PublishableAdmin):
    wording = Wording(
        add=pgettext_lazy("admin page title", "Add a mission"),
        change=pgettext_lazy("admin page title", "Change a mission"),
        view=pgettext_lazy("admin page title", "View a mission"),
        add_button=pgettext_lazy("admin button", "Add a mission"),
        delete_selected=_("Delete the selected missions"),
    )
    list_display = [
        "title",
        "ministry",
        "start_date",
        "end_date",
        "original_language",
        "publication_status",
    ]
    list_filter = [
        "publication_status",
        PendingChangesFilter,
        "original_language",
        "sectors",
        "start_date",
    ]
    search_fields = ["title_fr", "title_en", "ministry_fr", "ministry_en", "places__city_fr"]
    autocomplete_fields = ["sectors", "agreements_signed"]
    prepopulated_fields = {"slug": ["title"]}  # each language's from its own
    date_hierarchy = "start_date"
    inlines = [MissionPlaceInline, DelegationMemberInline, RecommendationInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "ministry",
                    ("start_date", "end_date"),
                    "original_language",
                ]
            },
        ),
        (
            _("Report"),
            {
                "fields": [
                    "summary",
                    "accompanying_organisations",
                    "context",
                    "objectives",
                    "results",
                ]
            },
        ),
        (_("Sectors and agreements"), {"fields": ["sectors", "agreements_signed"]}),
        (
            _("Filing"),
            {"fields": ["author_unit", "written_on", "filed_by", "filed_on"]},
        ),
        PublishableAdmin.publication_fieldset,
        (_("Advanced"), {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]


class FollowUpInline(TranslationTabularInline):
    add_another = _("Add another follow-up action")
    model = FollowUpAction
    extra = 0
    fields = ["description", "responsible_unit", "due_on", "status", "is_public"]


@admin.register(Recommendation)
class RecommendationAdmin(ChildRecordAdmin):
    wording = Wording(
        add=pgettext_lazy("admin page title", "Add a recommendation"),
        change=pgettext_lazy("admin page title", "Change a recommendation"),
        view=pgettext_lazy("admin page title", "View a recommendation"),
        add_button=pgettext_lazy("admin button", "Add a recommendation"),
        delete_selected=_("Delete the selected recommendations"),
    )
    record_path = "mission"
    list_display = ["text", "mission", "follow_up_count"]
    list_select_related = ["mission"]
    search_fields = ["text_fr", "text_en", "mission__title_fr", "mission__title_en"]
    autocomplete_fields = ["mission"]
    inlines = [FollowUpInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_follow_ups=Count("follow_ups"))

    @admin.display(description=_("follow-up actions"), ordering="_follow_ups")
    def follow_up_count(self, obj):
        return obj._follow_ups


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("overdue")), ("no", _("on time or closed"))]

    def queryset(self, request, queryset):
        overdue = FollowUpAction.objects.overdue(timezone.localdate())
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue.values("pk"))
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


@admin.register(FollowUpAction)
class FollowUpActionAdmin(ChildRecordAdmin):
    wording = Wording(
        add=pgettext_lazy("admin page title", "Add a follow-up action"),
        change=pgettext_lazy("admin page title", "Change a follow-up action"),
        view=pgettext_lazy("admin page title", "View a follow-up action"),
        add_button=pgettext_lazy("admin button", "Add a follow-up action"),
        delete_selected=_("Delete the selected follow-up actions"),
    )
    record_path = "recommendation__mission"
    list_display = ["description", "mission", "responsible_unit", "due_on", "status", "is_public"]
    list_filter = [OverdueFilter, "status", "is_public"]
    list_select_related = ["recommendation__mission"]
    search_fields = ["description_fr", "description_en", "responsible_unit_fr"]
    autocomplete_fields = ["recommendation"]
    date_hierarchy = "due_on"

    @admin.display(description=_("mission"), ordering="recommendation__mission__start_date")
    def mission(self, obj):
        return obj.recommendation.mission
