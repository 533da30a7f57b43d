"""A view that fails, for the logging tests; the site's error handlers."""

from django.urls import path


def fails(request):
    return {"total": 1} / 0


urlpatterns = [path("boom/", fails)]

handler500 = "config.views.server_error"
