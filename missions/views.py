from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from partners.models import Partner, Sector
from partners.publishing.views import PublicDetailMixin, PublicListMixin

from . import selectors
from .filters import MissionFilter
from .models import Mission


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
    content_template = "missions/includes/mission_content.html"

    def get_queryset(self):
        self.queryset = selectors.mission_detail()  # PublicDetailMixin keeps it to published
        return super().get_queryset()
