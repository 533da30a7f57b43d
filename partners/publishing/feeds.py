"""Atom feeds of the public lists: the records of a list in the page's language, newest first,
with the list's filters taken from the query string."""

import re

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .language import text_in
from .views import applied_filters, title_detail

ITEMS = 50
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class TextAtom1Feed(Atom1Feed):
    """Atom with each summary sent as text (`type="text"`): what staff typed is shown as they
    typed it, never read as HTML by a feed reader (Django's Atom1Feed says `type="html"`)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ListFeed(Feed):
    """One instance serves every request (and every thread): what belongs to a request stays
    with the object get_object() returns, the list's filterset, never on `self`."""

    feed_type = TextAtom1Feed
    list_url_name = ""  # the list the feed follows, e.g. "agreements:list"
    description_fields = ("summary",)  # the first of them with text describes an item

    def filterset(self, request):
        raise NotImplementedError

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The feed generator writes the document in hundreds of small pieces; sent as they
        # are, each is a write to the socket. One piece is one write.
        response.content = response.content
        return response

    def get_feed(self, obj, request):
        """The feed, its title naming the filters it follows ("… (Partenaire : Chine)"), as the
        list's page title does."""
        feed = super().get_feed(obj, request)
        detail = title_detail(applied_filters(obj), None)
        # A value from the address may hold characters XML 1.0 cannot carry: left out.
        detail = CONTROL.sub("", detail)
        if detail:
            feed.feed["title"] = f"{feed.feed['title']} ({detail})"
        return feed

    def get_object(self, request, *args, **kwargs):
        return self.filterset(request)

    def link(self, filterset):
        query = filterset.request.GET.urlencode()
        return reverse(self.list_url_name) + (f"?{query}" if query else "")

    def feed_url(self, filterset):
        return filterset.request.get_full_path()  # a filtered feed names itself with its filters

    def items(self, filterset):
        # The list's records (a malformed filter is ignored, as on the list), newest first.
        return filterset.qs.order_by("-published_at", "-pk")[:ITEMS]

    def item_title(self, item):
        return text_in(item, "title")

    def item_description(self, item):
        return next(filter(None, (text_in(item, name) for name in self.description_fields)), "")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
