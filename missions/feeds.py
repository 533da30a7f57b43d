from django.utils.translation import gettext as _

from partners.publishing.feeds import ListFeed

from . import selectors


class MissionFeed(ListFeed):
    """Mission reports in the page's language; the list's filters in the query string apply."""

    list_url_name = "missions:list"
    description_fields = ("summary", "context")

    def filterset(self, request):
        return selectors.mission_filterset(request.GET, request=request)

    def title(self):
        return _("Ministerial missions abroad")

    def subtitle(self):
        return _("Reports of Québec's ministerial missions abroad, with the filters of the list.")
