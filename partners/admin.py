from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationTabularInline

from partners.publishing.admin import (
    ChildRecordAdmin,
    PendingChangesFilter,
    PublishableAdmin,
    RecordAdmin,
)
from partners.publishing.admin_text import Wording
from partners.trade import admin as trade_admin  # noqa: F401  (registers the trade admins)

from .models import Office, Partner, Sector


@admin.register(Sector)
class SectorAdmin(RecordAdmin):
    wording = Wording(
        add=pgettext_lazy("admin page title", "Add a sector"),
        change=pgettext_lazy("admin page title", "Change a sector"),
        view=pgettext_lazy("admin page title", "View a sector"),
        add_button=pgettext_lazy("admin button", "Add a sector"),
        delete_selected=_("Delete the selected sectors"),
    )
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_fr", "name_en", "slug_fr", "slug_en"]
    prepopulated_fields = {"slug": ["name"]}  # each language's from its own


class OfficeInline(TranslationTabularInline):
    add_another = _("Add another office abroad")
    model = Office
    extra = 0
    fields = ["name", "city", "kind", "opened_year", "closed_year"]


class SubPartnerInline(admin.TabularInline):
    model = Partner
    fk_name = "parent"
    extra = 0
    fields = ["name_fr", "name_en", "kind", "iso_code", "publication_status"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name = _("partner under this one")
    verbose_name_plural = _("partners under this one")

    def has_add_permission(self, request, obj=None):
        return False


class HasProfileFilter(admin.SimpleListFilter):
    title = _("entry")
    parameter_name = "entry"

    def lookups(self, request, model_admin):
        return [("profile", _("with a profile")), ("reference", _("ISO reference only"))]

    def queryset(self, request, queryset):
        if self.value() == "profile":
            return queryset.filter(is_reference=False) | queryset.published()
        if self.value() == "reference":
            return queryset.filter(is_reference=True).drafts()
        return queryset


@admin.register(Partner)
class PartnerAdmin(PublishableAdmin):
    wording = Wording(
        add=pgettext_lazy("admin page title", "Add a partner"),
        change=pgettext_lazy("admin page title", "Change a partner"),
        view=pgettext_lazy("admin page title", "View a partner"),
        add_button=pgettext_lazy("admin button", "Add a partner"),
        delete_selected=_("Delete the selected partners"),
    )
    list_display = [
        "name",
        "kind",
        "iso_code",
        "parent",
        "world_region",
        "publication_status",
        "agreement_count",
    ]
    list_filter = [
        "publication_status",
        PendingChangesFilter,
        HasProfileFilter,
        "kind",
        "world_region",
        "sectors",
    ]
    list_select_related = ["parent"]
    search_fields = ["name_fr", "name_en", "iso_code", "slug"]
    autocomplete_fields = ["parent", "sectors"]
    prepopulated_fields = {"slug": ["name_fr"]}
    inlines = [OfficeInline, SubPartnerInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "parent", "iso_code", "world_region"]}),
        (_("Profile"), {"fields": ["overview", "sectors", "since_year"]}),
        PublishableAdmin.publication_fieldset,
        (
            _("Advanced"),
            {"classes": ["collapse"], "fields": ["created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_agreement_count=Count("agreements"))

    @admin.display(description=_("agreements"), ordering="_agreement_count")
    def agreement_count(self, obj):
        return obj._agreement_count


@admin.register(Office)
class OfficeAdmin(ChildRecordAdmin):
    wording = Wording(
        add=pgettext_lazy("admin page title", "Add an office abroad"),
        change=pgettext_lazy("admin page title", "Change an office abroad"),
        view=pgettext_lazy("admin page title", "View an office abroad"),
        add_button=pgettext_lazy("admin button", "Add an office abroad"),
        delete_selected=_("Delete the selected offices abroad"),
    )
    record_path = "partner"
    list_display = ["name", "city", "partner", "kind", "opened_year", "closed_year"]
    list_filter = ["kind", "partner__world_region"]
    list_select_related = ["partner"]
    search_fields = ["name_fr", "name_en", "city_fr", "city_en", "partner__name_fr"]
    autocomplete_fields = ["partner"]
