from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from partners.models import Partner, Sector
from partners.publishing.language import find_by_slug
from partners.publishing.views import PublicDetailMixin, PublicListMixin

from . import selectors
from .documents import document_response
from .filters import AgreementFilter
from .models import Agreement


class AgreementListView(PublicListMixin, ListView):
    model = Agreement
    filterset_class = AgreementFilter
    template_name = "agreements/agreement_list.html"
    export_name = "agreements"
    list_description = gettext_lazy(
        "The ententes, memoranda of understanding and declarations Québec has signed with its"
        " partners, with their history."
    )
    sort_options = selectors.SORTS
    default_sort = selectors.DEFAULT_SORT
    filter_shows = (Partner, Sector)

    def get_filterset(self):
        if not hasattr(self, "_filterset"):
            self._filterset = selectors.agreement_filterset(self.request.GET, request=self.request)
        return self._filterset

    def get_queryset(self):
        return selectors.filtered_agreements(self.get_filterset(), self.current_sort())

    def matching(self):
        return selectors.matching_agreements(self.get_filterset(), self.current_sort())

    def export_rows(self, queryset):
        return selectors.export_table(queryset, self.request.build_absolute_uri)


class AgreementDetailView(PublicDetailMixin, DetailView):
    model = Agreement
    template_name = "agreements/agreement_detail.html"
    context_object_name = "agreement"
    content_template = "agreements/includes/agreement_content.html"

    def get_queryset(self):
        self.queryset = selectors.agreement_detail()  # PublicDetailMixin keeps it to published
        return super().get_queryset()

    def content_context(self) -> dict:
        # Its timeline sorted only when it is written.
        dated, undated = selectors.timeline(self.object.events.all())
        return {"agreement": self.object, "dated_events": dated, "undated_events": undated}


def agreement_document(request, slug):
    """The agreement's full text (PDF): published agreements for everyone, drafts for staff who
    may see agreements; anything else is a 404, as if there were no document."""
    staff = request.user.has_perm("agreements.view_agreement")
    agreements = Agreement.objects.all() if staff else Agreement.objects.published()
    try:
        agreement, own_slug = find_by_slug(agreements.exclude(document=""), slug)
    except Agreement.DoesNotExist:
        raise Http404 from None
    if own_slug != slug:  # named by its slug in the other language
        return HttpResponsePermanentRedirect(
            reverse("agreements:document", kwargs={"slug": own_slug})
        )
    return document_response(agreement, staff=request.user.is_authenticated)
