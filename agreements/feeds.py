from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from partners.templatetags.public import text_in

from . import selectors


class AgreementFeed(Feed):
    """Agreements in the page's language; the list's filters in the query string apply."""

    feed_type = Atom1Feed

    def get_object(self, request):
        self.request = request
        return selectors.agreement_filterset(request.GET, request=request)

    def title(self):
        return _("Québec's international agreements")

    def subtitle(self):
        return _("Agreements signed, renewed or in force, with the filters of the list.")

    def link(self):
        return reverse("agreements:list") + (
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
        return text_in(item, "summary")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
