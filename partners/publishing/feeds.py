"""Atom feeds of the public lists: the records of a list in the page's language, newest first,
with the list's filters taken from the query string.

A feed's entries (its items, as the feed writes them) are kept in the cache by the versions the
feed's page holds (its URL name: partners/publishing/results.py), per language, site and the
filters that apply (their values as the form understood them, a record by its key): a feed
missed for another reason than an edit of what it shows writes them as they were, without
reading or writing its items again. Its head (the title naming the filters, its own address) is
written each time.
"""

import datetime
import io
import re

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed
from django.db.models import Model
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from .language import text_in
from .results import cached_results
from .views import applied_filters, title_detail

ITEMS = 50
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class TextAtom1Feed(Atom1Feed):
    """Atom with each summary sent as text (`type="text"`): what staff typed is shown as they
    typed it, never read as HTML by a feed reader (Django's Atom1Feed says `type="html"`)."""

    # The entries already written (ListFeed.get_feed), and the latest date of their items.
    entries = None
    latest = None

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})

    def written_entries(self) -> str:
        """The items' <entry> elements, as write() writes them."""
        stream = io.StringIO()
        self.write_items(SimplerXMLGenerator(stream, "utf-8", short_empty_elements=True))
        return stream.getvalue()

    def latest_item_date(self):
        dates = [item[name] for item in self.items for name in ("updateddate", "pubdate")]
        return max(filter(None, dates), default=None)

    def write_items(self, handler):
        if self.entries is None:
            super().write_items(handler)
        else:
            handler.ignorableWhitespace(self.entries)  # XML already: written as it is

    def latest_post_date(self):
        if self.entries is None:
            return super().latest_post_date()
        return self.latest or datetime.datetime.now(tz=datetime.UTC)


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
        list's page title does; its entries kept by the versions of the feed's page (see the
        module's docstring)."""
        page = getattr(request.resolver_match, "view_name", None)
        built = []

        def compute():
            built.append(super(ListFeed, self).get_feed(obj, request))
            return built[0].written_entries(), built[0].latest_item_date()

        if page:
            site = (get_current_site(request).domain, request.is_secure())
            parts = (site, applied_values(obj))
            entries, latest = cached_results(f"feed:{page}", parts, compute, page=page)
        else:
            entries, latest = compute()
        if built:
            feed = built[0]
        else:  # the entries were read back: the head alone
            obj.entries_known = True
            feed = super().get_feed(obj, request)
        feed.entries, feed.latest = entries, latest
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
        # The list's records (a malformed filter is ignored, as on the list), newest first; none
        # to read when the entries are known (get_feed()).
        if getattr(filterset, "entries_known", False):
            return []
        return filterset.qs.order_by("-published_at", "-pk")[:ITEMS]

    def item_title(self, item):
        return text_in(item, "title")

    def item_description(self, item):
        return next(filter(None, (text_in(item, name) for name in self.description_fields)), "")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


def applied_values(filterset) -> tuple:
    """The filters that apply, by name, as the form understood them (a malformed or unknown
    value is left out, as the list ignores it; a record by its label and key): what a feed's
    items are computed from."""
    if not filterset.is_bound:
        return ()
    filterset.is_valid()  # the form's cleaned data: the values it understood
    return tuple(
        (name, _plain(value))
        for name, value in sorted(filterset.form.cleaned_data.items())
        if value not in (None, "", [], ())
    )


def _plain(value):
    if isinstance(value, Model):
        return (value._meta.label_lower, value.pk)
    if isinstance(value, list | tuple | set | frozenset) or hasattr(value, "model"):
        return tuple(sorted(_plain(item) for item in value))
    return value
