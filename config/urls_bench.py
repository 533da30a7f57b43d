"""The site's URLs plus the benchmark's reference: the cheapest Django view that reads the database."""

from django.http import HttpResponse
from django.urls import path

from partners.models import Sector

from .urls import urlpatterns as site_urlpatterns


def reference(request):
    """One query, no template: the ceiling that every page is compared with."""
    return HttpResponse(f"{Sector.objects.count()} sectors", content_type="text/plain")


urlpatterns = [path("bench/reference/", reference, name="bench-reference"), *site_urlpatterns]
