"""Public pages for the cache tests, independent of the site's templates."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path
from django.views import View

from agreements.models import Agreement
from partners.models import TradeFigure


class TitlesView(View):
    """The published agreements' titles (of one kind with `?kind=`), then the query string the
    view was given, so a test sees what reached it."""

    @classmethod
    def cache_parameters(cls):
        return {"kind", "page"}

    def get(self, request):
        agreements = Agreement.objects.published().order_by("pk")
        kinds = request.GET.getlist("kind")
        if kinds:
            agreements = agreements.filter(kind__in=kinds)
        query = request.GET.urlencode()
        titles = ", ".join(a.title for a in agreements)
        return HttpResponse(" ".join(filter(None, [titles, f"?{query}" if query else ""])))


def figures(request):
    """Every trade figure (a view that declares no parameter: keyed on its path)."""
    rows = TradeFigure.objects.order_by("partner__iso_code", "year", "flow", "pk")
    return HttpResponse(
        "; ".join(f"{f.partner.iso_code} {f.year} {f.flow} {f.value_cad}" for f in rows)
    )


def agreement_count(request):
    return HttpResponse(str(Agreement.objects.count()))


def private(request):
    response = HttpResponse("private")
    response.set_cookie("choice", "1")
    return response


urlpatterns = i18n_patterns(
    path("titles/", TitlesView.as_view()),
    path("figures/", figures),
    path("count/", agreement_count),
    path("private/", private),
)
