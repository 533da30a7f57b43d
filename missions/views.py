from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from partners.models import Partner, Sector
from partners.publishing import fragments
from partners.publishing.results import cached_results
from partners.publishing.views import PublicDetailMixin, PublicListMixin

from . import selectors
from .filters import MissionFilter
from .models import Mission

# What a mission's page shows under its title (MissionDetailView.written_content()).
CONTENT = "missions/includes/mission_content.html"


class MissionListView(PublicListMixin, ListView):
    model = Mission
    filterset_class = MissionFilter
    template_name = "missions/mission_list.html"
    export_name = "missions"
    list_description = gettext_lazy(
        "Reports of the missions that Québec's ministers have led abroad: who went, why, and"
        " what came of it."
    )
    sort_options = selectors.SORTS
    default_sort = selectors.DEFAULT_SORT
    # The ministry filter offers the ministries of the published missions.
    filter_shows = (Partner, Sector, Mission)

    def get_filterset(self):
        if not hasattr(self, "_filterset"):
            self._filterset = selectors.mission_filterset(self.request.GET, request=self.request)
        return self._filterset

    def get_queryset(self):
        return selectors.filtered_missions(self.get_filterset(), self.current_sort())

    def matching(self):
        return selectors.matching_missions(self.get_filterset(), self.current_sort())

    def export_rows(self, queryset):
        return selectors.export_table(queryset, self.request.build_absolute_uri)

    def own_choices(self) -> tuple:
        # The ministries that have published missions, as the ministry filter offers them.
        return tuple(
            (str(name), getattr(name, "lang", None), sorted(pairs, key=repr))
            for name, pairs in self.get_filterset().ministries.items()
        )


class MissionDetailView(PublicDetailMixin, DetailView):
    model = Mission
    template_name = "missions/mission_detail.html"
    context_object_name = "mission"

    def get_queryset(self):
        self.queryset = selectors.mission_detail()  # PublicDetailMixin keeps it to published
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["content"] = mark_safe(self.written_content())
        return context

    def written_content(self) -> str:
        """What the mission's page shows under its title (its report: places, delegation,
        sections, recommendations, agreements, filing), written from its own template and kept
        as its record is, by the versions of what its page shows, its own among them
        (partners/publishing/results.py): a page gone cold for another reason than an edit of
        what it shows reads it back, no link written. Written each time in a preview."""
        mission = self.object

        def write():
            return fragments.render(CONTENT, {"mission": mission})

        match = getattr(self.request, "resolver_match", None)
        if match is None or self.is_preview():
            return write()
        parts = (
            mission.pk,
            fragments.sources_digest((CONTENT,)),
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
        )
        return cached_results(
            "mission-page",
            parts,
            write,
            page=match.view_name,
            kwargs=self.kwargs,
            record=mission.pk,
        )
