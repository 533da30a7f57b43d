"""Requests too large to read: refused from their Content-Length, before a byte of the body is
read or copied to disk (the CSRF check, the first to read a form, comes later).

The limit is settings.REQUEST_MAX_BYTES (from REQUEST_MAX_MB; docs/deployment.md). Staff get
the refusal in the admin's look, anyone else in the site's, both in their language.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from config.middleware import ReadsSettingsOnce
from partners.trade.importing.limits import megabytes


class RequestSizeLimitMiddleware(ReadsSettingsOnce):
    def __init__(self, get_response):
        self.get_response = get_response
        self.watch_settings()

    def read_settings(self) -> None:
        self.limit = settings.REQUEST_MAX_BYTES

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = self.limit
        if length <= limit:
            return self.get_response(request)
        message = _(
            "The file is too large: %(size)s MB, for at most %(limit)s MB. Nothing was received."
        ) % {"size": megabytes(length), "limit": megabytes(limit)}
        referer = request.META.get("HTTP_REFERER", "")
        same_site = url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        context = {"message": message, "back": referer if same_site else request.path}
        if request.path.startswith("/" + settings.ADMIN_URL):
            context.update(admin.site.each_context(request), title=_("File too large"))
            template = "admin/request_too_large.html"
        else:
            template = "413.html"
        response = render(request, template, context, status=413)
        # The body was not read: the connection cannot carry another request.
        response["Connection"] = "close"
        return response
