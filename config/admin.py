"""The staff admin site: Django's, with a dashboard on its index and the staff reports."""

from django.contrib import admin
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.alerts import agreement_alerts
from config import reports
from partners.publishing.models import publishable_models
from partners.publishing.services import LANGUAGE_NAMES


class MinistryAdminSite(admin.AdminSite):
    site_header = _("International Relations — staff")
    site_title = _("International Relations")
    index_title = _("Dashboard")
    index_template = "admin/dashboard.html"

    def get_urls(self):
        return [
            path(
                "reports/translations/",
                self.admin_view(self.translation_report),
                name="translation_report",
            ),
            path(
                "reports/agreements/",
                self.admin_view(self.agreement_terms),
                name="agreement_terms",
            ),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        context = reports.dashboard(user=request.user, today=timezone.localdate())
        return super().index(request, {**context, **(extra_context or {})})

    def translation_report(self, request):
        models = {model._meta.model_name: model for model in publishable_models()}
        model_name = request.GET.get("model") if request.GET.get("model") in models else None
        language = (
            request.GET.get("language") if request.GET.get("language") in LANGUAGE_NAMES else None
        )
        gaps = reports.translation_report(model_name=model_name, language=language)
        page = Paginator(gaps, 50).get_page(request.GET.get("page"))
        return TemplateResponse(
            request,
            "staff/translation_report.html",
            {
                **self.each_context(request),
                "title": _("Missing and outdated translations"),
                "page": page,
                "models": [
                    (name, model._meta.verbose_name_plural) for name, model in models.items()
                ],
                "languages": list(LANGUAGE_NAMES.items()),
                "selected_model": model_name,
                "selected_language": language,
            },
        )

    def agreement_terms(self, request):
        return TemplateResponse(
            request,
            "staff/agreement_terms.html",
            {
                **self.each_context(request),
                "title": _("Agreement terms to watch"),
                "alerts": agreement_alerts(today=timezone.localdate()),
            },
        )
