from django.utils.translation import gettext as _

from partners.publishing.feeds import ListFeed

from . import selectors


class AgreementFeed(ListFeed):
    """Agreements in the page's language; the list's filters in the query string apply."""

    list_url_name = "agreements:list"

    def filterset(self, request):
        return selectors.agreement_filterset(request.GET, request=request)

    def title(self):
        return _("Québec's international agreements")

    def subtitle(self):
        return _("Agreements signed, renewed or in force, with the filters of the list.")
