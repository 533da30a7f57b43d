"""A public page for the cache tests, independent of the site's templates."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from agreements.models import Agreement


def titles(request):
    return HttpResponse(", ".join(a.title for a in Agreement.objects.published().order_by("pk")))


def private(request):
    response = HttpResponse("private")
    response.set_cookie("choice", "1")
    return response


urlpatterns = i18n_patterns(path("titles/", titles), path("private/", private))
