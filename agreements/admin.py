from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from partners.publishing.admin import PendingChangesFilter, PublishableAdmin
from partners.publishing.admin_text import Wording

from .models import Agreement, AgreementEvent, FundingCall


class AgreementEventInline(TranslationTabularInline):
    add_another = _("Add another event")
    model = AgreementEvent
    extra = 0
    fields = ["kind", "date", "date_precision", "note"]


class FundingCallInline(TranslationStackedInline):
    add_another = _("Add another funding call")
    model = FundingCall
    extra = 0
    fields = [("number", "year"), ("budget_cad", "projects_funded"), "note"]


@admin.register(Agreement)
class AgreementAdmin(PublishableAdmin):
    wording = Wording(
        add=pgettext_lazy("admin page title", "Add an agreement"),
        change=pgettext_lazy("admin page title", "Change an agreement"),
        view=pgettext_lazy("admin page title", "View an agreement"),
        add_button=pgettext_lazy("admin button", "Add an agreement"),
        delete_selected=_("Delete the selected agreements"),
    )
    list_display = [
        "title",
        "kind",
        "status",
        "signed_on_display",
        "party_list",
        "publication_status",
    ]
    list_filter = [
        "publication_status",
        PendingChangesFilter,
        "status",
        "kind",
        "sectors",
        "parties__world_region",
    ]
    search_fields = ["title_fr", "title_en", "reference", "parties__name_fr", "parties__name_en"]
    autocomplete_fields = ["parties", "sectors"]
    prepopulated_fields = {"slug": ["title"]}  # each language's from its own
    date_hierarchy = "signed_on"
    inlines = [AgreementEventInline, FundingCallInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "reference", "kind", "status"]}),
        (_("Parties and sectors"), {"fields": ["parties", "sectors"]}),
        (
            _("Dates"),
            {
                "fields": [
                    ("signed_on", "signed_on_precision"),
                    "signature_place",
                    ("in_force_on", "ends_on"),
                    "renewal_due_on",
                ]
            },
        ),
        (_("Content"), {"fields": ["summary", ("document", "document_language")]}),
        PublishableAdmin.publication_fieldset,
        (_("Advanced"), {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parties")

    @admin.display(description=_("signed"), ordering="signed_on")
    def signed_on_display(self, obj):
        return obj.signed_on_display

    @admin.display(description=_("parties"))
    def party_list(self, obj):
        return ", ".join(str(p) for p in obj.parties.all())
