"""The admin's way in: upload, preview (a dry run of the engine), confirm; batches and rollback.

django-import-export serves the export only (the change list's CSV and Excel download, through
`ExportMixin`). The import does not use it: upload, preview and confirm go through the project's
engine (`partners.trade.importing`), the same as `manage.py import_trade`, so that both accept
the same files with the same messages, and 100,000 rows preview and import in seconds instead
of row by row.
"""

import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from import_export import fields, resources
from import_export.admin import ExportMixin
from import_export.formats import base_formats
from import_export.forms import ExportForm

from partners.publishing.admin import ReadOnlyAdmin, RecordAdmin
from partners.publishing.admin_search import AccentInsensitiveSearch
from partners.publishing.admin_text import WordedAdmin, Wording
from partners.templatetags.staff import amount

from . import admin_export
from .importing import RollbackRefused, import_trade_file, rollback_batch, rollback_plan
from .importing.result import grouped
from .importing.run import SAMPLE_SIZE
from .models import ImportBatch, ImportBatchChange, ImportSource, Product, TradeFigure

UPLOAD_DIR = "trade_imports"
SESSION_KEY = "trade_imports"
STALE_SECONDS = 24 * 3600


class HeaderField(fields.Field):
    """A column whose header is the trade file format's, in the active language."""

    def __init__(self, position: int, **kwargs):
        super().__init__(**kwargs)
        self.position = position

    @property
    def column_name(self):
        return admin_export.header()[self.position]

    @column_name.setter
    def column_name(self, value):
        pass


class TradeFigureResource(resources.ModelResource):
    """The columns of the export form: a trade data file's, with its headers in the active
    language. The file itself is written by `admin_export` (streamed, formula-guarded)."""

    year = HeaderField(0, attribute="year")
    partner = HeaderField(1)
    flow = HeaderField(2)
    hs_code = HeaderField(3)
    product = HeaderField(4)
    value_cad = HeaderField(5, attribute="value_cad")

    class Meta:
        model = TradeFigure
        fields = ["year", "partner", "flow", "hs_code", "product", "value_cad"]
        export_order = fields


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Trade data file"),
        help_text=_(
            "CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or Excel .xlsx. Columns: "
            "year, partner, flow, HS code, product, value, in French or English."
        ),
    )


def upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOAD_DIR


def _clear_stale_uploads() -> None:
    directory = upload_dir()
    if not directory.is_dir():
        return
    limit = time.time() - STALE_SECONDS
    for stale in directory.iterdir():
        if stale.is_file() and stale.stat().st_mtime < limit:
            stale.unlink(missing_ok=True)


class TradeImportMixin(ExportMixin):
    """Export through django-import-export; import (upload, preview, confirm) through the
    trade import engine, for users with the partners.import_tradefigure permission."""

    import_export_change_list_template = "admin/partners/tradefigure/change_list.html"
    resource_classes = [TradeFigureResource]
    export_form_class = ExportForm
    import_template_name = "admin/partners/tradefigure/import.html"

    @property
    def export_formats(self):
        return [base_formats.CSV, base_formats.XLSX]

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def has_import_permission(self, request):
        return request.user.has_perm("partners.import_tradefigure")

    def get_export_filename(self, request, queryset, file_format):
        return f"trade-figures.{file_format.get_extension()}"

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """The file, streamed by `admin_export` instead of built in memory by tablib."""
        filename = self.get_export_filename(request, queryset, file_format)
        if isinstance(file_format, base_formats.XLSX):
            count = queryset.count()
            if not admin_export.xlsx_fits(count):
                # export_action shows a ValueError's text as an error message on its form.
                raise ValueError(
                    ngettext(
                        "This export has %(count)s row, more than an Excel sheet holds "
                        "(%(limit)s rows with the header). Filter the list, or export to CSV, "
                        "which has no limit.",
                        "This export has %(count)s rows, more than an Excel sheet holds "
                        "(%(limit)s rows with the header). Filter the list, or export to CSV, "
                        "which has no limit.",
                        count,
                    )
                    % {
                        "count": number_format(count, force_grouping=True),
                        "limit": number_format(admin_export.XLSX_MAX_ROWS, force_grouping=True),
                    }
                )
            return admin_export.xlsx_response(queryset, filename)
        return admin_export.csv_response(queryset, filename)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {})}
        extra_context["has_import_permission"] = self.has_import_permission(request)
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            ),
            path(
                "import/confirm/",
                self.admin_site.admin_view(self.confirm_import_view),
                name="{}_{}_import_confirm".format(*info),
            ),
            *super().get_urls(),
        ]

    def _context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import trade data"),
            "sample_size": SAMPLE_SIZE,
            "recent_batches": ImportBatch.objects.order_by("-imported_at", "-pk")[:5],
            **extra,
        }

    def import_view(self, request):
        """Step 1, upload; step 2, the engine's dry run and its preview."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = UploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
        if not form.is_bound or not form.is_valid():
            return TemplateResponse(
                request, self.import_template_name, self._context(request, form=form)
            )
        _clear_stale_uploads()
        upload = form.cleaned_data["file"]
        token = secrets.token_hex(16)
        directory = upload_dir()
        directory.mkdir(parents=True, exist_ok=True)
        stored = directory / token
        result = None
        try:
            with open(stored, "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            result = import_trade_file(
                path=stored, file_name=upload.name, user=request.user, dry_run=True
            )
        finally:
            # Kept only for the confirmation of a preview that can be imported; never left
            # behind by a refusal or a failure.
            if result is None or not (result.ok and result.changed):
                stored.unlink(missing_ok=True)
        if result.ok and result.changed:
            pending = request.session.get(SESSION_KEY, {})
            pending[token] = {"name": upload.name, "checksum": result.checksum}
            request.session[SESSION_KEY] = pending
        else:
            token = ""
        return TemplateResponse(
            request,
            self.import_template_name,
            self._context(request, form=UploadForm(), result=result, token=token),
        )

    def confirm_import_view(self, request):
        """Step 3: the engine writes the file the user previewed."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        token = request.POST.get("token", "")
        pending = request.session.get(SESSION_KEY, {})
        entry = pending.get(token) if isinstance(token, str) else None
        stored = upload_dir() / token if entry and token.isalnum() else None
        if stored is None or not stored.is_file():
            self.message_user(
                request,
                _("This preview has expired or was already imported. Upload the file again."),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:partners_tradefigure_import"))
        try:
            result = import_trade_file(
                path=stored,
                file_name=entry["name"],
                user=request.user,
                source=ImportSource.ADMIN,
            )
        finally:
            stored.unlink(missing_ok=True)
        pending.pop(token, None)
        request.session[SESSION_KEY] = pending
        if not result.ok:
            return TemplateResponse(
                request,
                self.import_template_name,
                self._context(request, form=UploadForm(), result=result, token=""),
            )
        self.message_user(request, result.summary(), messages.SUCCESS)
        if result.batch is not None:
            return HttpResponseRedirect(
                reverse("admin:partners_importbatch_change", args=[result.batch.pk])
            )
        return HttpResponseRedirect(reverse("admin:partners_tradefigure_changelist"))


def rollback_message(outcome) -> str:
    """What a rollback did, each count with its own plural."""
    return _("Import rolled back: %(deleted)s, %(restored)s, %(products)s.") % {
        "deleted": ngettext(
            "%(count)s figure deleted", "%(count)s figures deleted", outcome.deleted
        )
        % {"count": grouped(outcome.deleted)},
        "restored": ngettext(
            "%(count)s restored to its previous value",
            "%(count)s restored to their previous value",
            outcome.restored,
        )
        % {"count": grouped(outcome.restored)},
        "products": ngettext(
            "%(count)s product removed", "%(count)s products removed", outcome.products_deleted
        )
        % {"count": grouped(outcome.products_deleted)},
    }


def rounded_duration(seconds: float) -> str:
    """ "0,4 s", "12 s", "3 min 05 s": a tenth of a second under ten seconds, else whole."""
    if seconds < 10:
        return _("%(seconds)s s") % {"seconds": number_format(round(seconds, 1), decimal_pos=1)}
    whole = round(seconds)
    if whole < 60:
        return _("%(seconds)s s") % {"seconds": whole}
    return _("%(minutes)s min %(seconds)02d s") % {
        "minutes": number_format(whole // 60, force_grouping=True),
        "seconds": whole % 60,
    }


class RolledBackFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("in_place", _("in place")), ("rolled_back", _("rolled back"))]

    def queryset(self, request, queryset):
        if self.value() == "in_place":
            return queryset.filter(rolled_back_at__isnull=True)
        if self.value() == "rolled_back":
            return queryset.filter(rolled_back_at__isnull=False)
        return queryset


class ImportBatchAdmin(ReadOnlyAdmin):
    """The history of trade imports, seen and rolled back by those who may import."""

    wording = Wording(view=pgettext_lazy("admin page title", "View a trade import"))

    list_display = [
        "imported_at",
        "file_name",
        "user",
        "source",
        "rows",
        "created_count",
        "updated_count",
        "unchanged_count",
        "duration",
        "rolled_back_at",
    ]
    list_filter = ["source", RolledBackFilter]
    list_select_related = ["user", "rolled_back_by"]
    search_fields = ["file_name", "checksum", "user__username"]
    date_hierarchy = "imported_at"
    readonly_fields = [
        "file_name",
        "checksum",
        "source",
        "user",
        "imported_at",
        "rows",
        "created_count",
        "updated_count",
        "unchanged_count",
        "duration",
        "rolled_back_at",
        "rolled_back_by",
    ]
    fields = readonly_fields
    change_form_template = "admin/partners/importbatch/change_form.html"

    @admin.display(description=_("duration"), ordering="seconds")
    def duration(self, batch):
        return rounded_duration(batch.seconds)

    def _may_import(self, request) -> bool:
        return request.user.has_perm("partners.import_tradefigure")

    def has_module_permission(self, request):
        return self._may_import(request)

    def has_view_permission(self, request, obj=None):
        return self._may_import(request)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/rollback/",
                self.admin_site.admin_view(self.rollback_view),
                name="partners_importbatch_rollback",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if batch is not None:
            # The values it replaced (change records), then the figures it created.
            changes = list(batch.changes.order_by("pk")[:SAMPLE_SIZE])
            figures = TradeFigure.objects.select_related("partner", "product")
            found = figures.in_bulk([change.figure_id for change in changes])
            rows = [(change, found.get(change.figure_id)) for change in changes]
            created = batch.created_figures.select_related("partner", "product").order_by("pk")
            rows += [
                (ImportBatchChange(figure_id=figure.pk, new_value=figure.value_cad), figure)
                for figure in created[: SAMPLE_SIZE - len(rows)]
            ]
            context["changes"] = rows
            context["change_count"] = batch.changes.count() + created.count()
            context["products_created"] = list(batch.products_created.all())
            context["sample_size"] = SAMPLE_SIZE
        return super().change_view(request, object_id, form_url, context)

    def rollback_view(self, request, object_id):
        """GET: a page that says what rolling back will delete and restore, and asks to
        confirm; POST: the rollback."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        if not self._may_import(request):
            raise PermissionDenied
        batch = self.get_object(request, object_id)
        if batch is None:
            raise Http404(_("This import does not exist."))
        url = reverse("admin:partners_importbatch_change", args=[batch.pk])
        if request.method == "GET":
            if batch.is_rolled_back:
                return HttpResponseRedirect(url)
            return TemplateResponse(
                request,
                "admin/partners/importbatch/rollback_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Roll back this import?"),
                    "opts": self.opts,
                    "original": batch,
                    "plan": rollback_plan(batch),
                    "change_url": url,
                },
            )
        try:
            outcome = rollback_batch(batch=batch, user=request.user)
        except RollbackRefused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            return HttpResponseRedirect(url)
        self.message_user(request, rollback_message(outcome), messages.SUCCESS)
        return HttpResponseRedirect(url)


admin.site.register(ImportBatch, ImportBatchAdmin)


class MissingLabelFilter(admin.SimpleListFilter):
    """Products an import created with a label in one language only."""

    title = _("label")
    parameter_name = "label"

    def lookups(self, request, model_admin):
        return [("fr", _("missing in French")), ("en", _("missing in English"))]

    def queryset(self, request, queryset):
        if self.value() in ("fr", "en"):
            field = f"label_{self.value()}"
            return queryset.filter(Q(**{f"{field}__isnull": True}) | Q(**{field: ""}))
        return queryset


@admin.register(Product)
class ProductAdmin(RecordAdmin):
    wording = Wording(
        add=pgettext_lazy("admin page title", "Add a product"),
        change=pgettext_lazy("admin page title", "Change a product"),
        view=pgettext_lazy("admin page title", "View a product"),
        add_button=pgettext_lazy("admin button", "Add a product"),
        delete_selected=_("Delete the selected products"),
    )
    list_display = ["hs_code", "label_fr", "label_en"]
    list_filter = [MissingLabelFilter]
    search_fields = ["hs_code", "label_fr", "label_en"]


class LevelFilter(admin.SimpleListFilter):
    """Totals of a flow, or figures by product (instead of "Empty / Not empty")."""

    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [("total", _("totals")), ("product", _("by product"))]

    def queryset(self, request, queryset):
        if self.value() == "total":
            return queryset.filter(product__isnull=True)
        if self.value() == "product":
            return queryset.filter(product__isnull=False)
        return queryset


@admin.register(TradeFigure)
class TradeFigureAdmin(AccentInsensitiveSearch, WordedAdmin, TradeImportMixin, admin.ModelAdmin):
    wording = Wording(
        add=pgettext_lazy("admin page title", "Add a trade figure"),
        change=pgettext_lazy("admin page title", "Change a trade figure"),
        view=pgettext_lazy("admin page title", "View a trade figure"),
        add_button=pgettext_lazy("admin button", "Add a trade figure"),
        delete_selected=_("Delete the selected trade figures"),
    )
    list_display = ["partner", "year", "flow", "product", "value_display"]
    list_filter = ["year", "flow", LevelFilter]
    list_select_related = ["partner", "product"]
    search_fields = [
        "partner__name_fr",
        "partner__name_en",
        "partner__iso_code",
        "product__hs_code",
    ]
    autocomplete_fields = ["partner", "product"]
    date_hierarchy = None
    list_per_page = 50
    show_full_result_count = False

    @admin.display(description=_("value (CAD)"), ordering="value_cad")
    def value_display(self, figure):
        return amount(figure.value_cad)
