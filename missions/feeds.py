from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from partners.templatetags.public import text_in

from . import selectors


class MissionFeed(Feed):
    """Mission reports in the page's language; the list's filters in the query string apply."""

    feed_type = Atom1Feed

    def get_object(self, request):
        self.request = request
        return selectors.mission_filterset(request.GET, request=request)

    def title(self):
        return _("Ministerial missions abroad")

    def subtitle(self):
        return _("Reports of Québec's ministerial missions abroad, with the filters of the list.")

    def link(self):
        return reverse("missions:list") + (
            "?" + self.request.GET.urlencode() if self.request.GET else ""
        )

    def feed_url(self):
        return self.request.get_full_path()  # a filtered feed names itself with its filters

    def items(self, filterset):
        # The list's records (a malformed filter is ignored, as on the list), newest first.
        return filterset.qs.order_by("-published_at", "-pk")[:50]

    def item_title(self, item):
        return text_in(item, "title")

    def item_description(self, item):
        return text_in(item, "summary") or text_in(item, "context")

    def item_pubdate(self, item):
        return item.published_at
