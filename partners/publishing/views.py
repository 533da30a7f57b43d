"""What every public list and detail page shares (published records only, filters, sorting,
pagination that forgives bad input, CSV and JSON exports, staff preview of drafts), and what
their head and foot say of them: a title and description naming the page (a list's filters and
page, a record's own summary) and when the content shown last changed."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Max
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from partners.publishing import fragments, versions
from partners.publishing.exports import export_response
from partners.publishing.language import (
    InLanguage,
    MarkedText,
    find_by_slug,
    is_translated,
    key_by_slug,
    labelled,
    name_language,
    slugs_of,
    text_in,
    translated_value,
)
from partners.publishing.results import cached_results

# A list's filter panel: its form, and the tags of the filters applied (filter_panel()).
FILTER_FORM = "includes/filter_form.html"
FILTER_TAGS = "includes/filter_tags.html"

# A meta description is read in a search engine's results: about two lines.
DESCRIPTION_WORDS = 30


class ForgivingPaginator(Paginator):
    """A page number that is not a number shows page 1; one past the end shows the last page.

    Counting a list of records also finds when the latest of them changed (`last_updated`), in
    the same query: the list's "last updated" date costs nothing more."""

    last_updated = None

    @cached_property
    def count(self):
        records = self.object_list
        model = getattr(records, "model", None)
        if model is None or not any(f.name == "updated_at" for f in model._meta.concrete_fields):
            return super().count
        totals = records.order_by().aggregate(count=Count("pk"), updated=Max("updated_at"))
        self.last_updated = totals["updated"]
        return totals["count"]

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except PageNotAnInteger:
            return 1
        except EmptyPage:
            return max(1, self.num_pages)


class Unbuilt:
    """A list's queryset before it is built: its model, as the list's context names it, and
    the queryset itself (`built`) once something asks for it."""

    def __init__(self, model, build):
        self.model, self._build = model, build

    @cached_property
    def built(self):
        return self._build()


class PublicListMixin:
    """A ListView of published records, filtered by a django-filter FilterSet from the query
    string, sorted through a whitelist, paginated, and exportable as CSV or JSON."""

    filterset_class = None
    paginate_by = 20
    paginator_class = ForgivingPaginator
    sort_options: dict = {}  # {"param value": (label, ordering())}: made for the request
    default_sort = ""
    export_name = "export"

    @classmethod
    def cache_parameters(cls) -> set[str]:
        """The query parameters that change this list's page: the page cache keys on these only
        (config/cache.py)."""
        return {*cls.filterset_class.base_filters, "page", "sort", "format"}

    def base_queryset(self):
        raise NotImplementedError

    def get_filterset(self):
        if not hasattr(self, "_filterset"):
            self._filterset = self.filterset_class(
                self.request.GET, queryset=self.base_queryset(), request=self.request
            )
        return self._filterset

    def current_sort(self) -> str:
        sort = self.request.GET.get("sort", "")
        return sort if sort in self.sort_options else self.default_sort

    def get_queryset(self):
        filterset = self.get_filterset()
        queryset = filterset.qs if filterset.is_valid() else filterset.queryset
        return queryset.order_by(*self.sort_options[self.current_sort()][1]())

    def get(self, request, *args, **kwargs):
        # ListView's, but the queryset is built only if the page's records are not kept
        # (paginate_queryset()): building a filtered list's costs more than reading them back.
        # An export reads every record, and nothing of the page.
        export = request.GET.get("format")
        if export in ("csv", "json"):
            return self.export(export)
        self.object_list = Unbuilt(self.model, self.get_queryset)
        return self.render_to_response(self.get_context_data())

    def content_fingerprint(self) -> tuple[str, list[tuple[str, int]]] | None:
        """What this page shows of the list's own records, found with two small queries: how
        many match, the day the latest of them changed, the page, the filters' choices drawn
        from these records (`own_choices`), and, as (label, pk), which records are on the page
        in order. The page cache (config/cache.py) keeps a built page under it as well, with
        those records' versions: an edit to a record on another page leaves this page's entry
        good. None for an export."""
        if self.request.GET.get("format"):
            return None
        queryset = self.matching()
        paginator = self.get_paginator(queryset, self.paginate_by)
        number = paginator.validate_number(self.request.GET.get("page") or 1)
        bottom = (number - 1) * paginator.per_page
        shown = list(queryset.values_list(*self.shown_values)[bottom : bottom + paginator.per_page])
        latest = paginator.last_updated
        day = localtime(latest).date().isoformat() if latest else ""
        label = queryset.model._meta.label_lower
        text = f"{paginator.count}|{day}|{number}|{self.own_choices()!r}|{shown}"
        return text, [(label, values[0]) for values in shown]

    # What the fingerprint reads of each record on the page: its key, and what the page shows
    # of it that its own version does not follow (the partner list's count of agreements).
    shown_values = ("pk",)

    def matching(self):
        """The list's records in its order; a list may leave out here what it shows of them
        (the page's records are only counted and named by their keys)."""
        return self.get_queryset()

    def own_choices(self) -> tuple:
        """The filters' choices this list draws from its own records (none here)."""
        return ()

    def paginate_queryset(self, queryset, page_size):
        """The page's records, with how many match and when the latest changed: kept with the
        selectors' results by the versions the list's page holds (results.py) and what the page
        is (its understood parameters), so that a list page gone cold for another reason than
        an edit of what it shows (expired, evicted) reads them back instead of counting and
        querying. Not for an export, which reads every record."""
        given = self.request.GET.get("page") or 1

        def paginate():
            paginator = self.get_paginator(getattr(queryset, "built", queryset), page_size)
            return paginator, paginator.page(paginator.validate_number(given))

        match = getattr(self.request, "resolver_match", None)
        if match is None or self.request.GET.get("format"):
            # An export reads every record (export()): the page is counted, never read.
            paginator, page = paginate()
            return paginator, page, page.object_list, page.has_other_pages()

        def compute():
            paginator, page = paginate()
            return paginator.count, paginator.last_updated, page.number, list(page.object_list)

        count, last_updated, number, records = cached_results(
            f"list:{queryset.model._meta.label_lower}",
            self.page_parameters(),
            compute,
            page=match.view_name,
        )
        paginator = self.get_paginator(records, page_size)
        paginator.__dict__["count"] = count  # the cached_property, as compute() found it
        paginator.last_updated = last_updated
        page = Page(records, number, paginator)
        return paginator, page, page.object_list, page.has_other_pages()

    def page_parameters(self) -> tuple:
        """The parameters of the request that make the page (its filters, sort and page), each
        with its values, in a stable order."""
        data = self.request.GET
        return tuple(
            (name, tuple(data.getlist(name)))
            for name in sorted(self.cache_parameters())
            if name in data
        )

    # What the list is (the lead paragraph of its page, as the meta description says it).
    list_description = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        panel = self.filter_panel()
        tags = panel["applied_filters"]
        page = context.get("page_obj")
        context.update(
            # Built only if something asks for it: the panel and the page's records are kept.
            filter=SimpleLazyObject(self.get_filterset),
            filter_form=mark_safe(panel["form"]),
            filter_tags=mark_safe(panel["tags"]),
            filter_errors=panel["filter_errors"],
            applied_filters=tags,
            title_detail=title_detail(tags, page),
            meta_description=list_description(str(self.list_description), tags),
            last_updated=getattr(context.get("paginator"), "last_updated", None),
        )
        return context

    # The models of the records the filters offer or name (the partners of a partner filter,
    # the sectors): the filter panel is kept per version of these (filter_panel()).
    filter_shows: tuple = ()

    def filter_panel(self) -> dict:
        """The filter form and the tags of the filters applied, as HTML, with the tags and the
        values not understood (as applied_filters() and filter_errors() give them), for the
        page's title and description. Written from the request's query string (its page aside:
        neither shows it) and the records the filters offer, so kept per language, query string
        and version of those records (`filter_shows`, fragments.written()): a list's page gone
        cold, even by an edit of one of its records, neither validates its filters again (a
        partner filter's query) nor writes its form."""
        request = self.request
        query = tuple(
            (name, tuple(values)) for name, values in request.GET.lists() if name != "page"
        )

        def build():
            filterset = self.get_filterset()
            tags = applied_filters(filterset)
            errors = filter_errors(filterset)
            form = fragments.render(
                FILTER_FORM,
                {
                    "filter": filterset,
                    "sort_options": [
                        (key, label) for key, (label, _o) in self.sort_options.items()
                    ],
                    "current_sort": self.current_sort(),
                    "default_sort": self.default_sort,
                },
            )
            tags_html = fragments.render(
                FILTER_TAGS,
                {"request": request, "applied_filters": tags, "filter_errors": errors},
            )
            return {
                "form": form,
                "tags": tags_html,
                "applied_filters": tags,
                "filter_errors": errors,
            }

        label = self.model._meta.label_lower
        return fragments.written(
            f"filters:{label}",
            query,
            self.filter_shows,
            build,
            templates=(FILTER_FORM, FILTER_TAGS),
        )

    # Exports: exactly the filtered, sorted records, every page, header in the page's language.
    def export_rows(self, queryset):
        raise NotImplementedError

    def export(self, kind):
        header, rows = self.export_rows(self.get_queryset())
        return export_response(kind, header, rows, self.export_name)


def applied_filters(filterset, exclude=()):
    """[(parameter, value, label)] for the removable tags above a list: each filter that applies,
    named in the page's language. `value` is the one in the address, the one its tag's remove link takes
    out: a filter may read a value written in the other language (a ministry's name, after the
    language switch) as its own. A value that was not understood, and so was ignored, has no tag.
    """
    if not filterset.is_bound:
        return []
    tags = []
    data = filterset.data
    given = getattr(getattr(filterset, "request", None), "GET", None) or data
    ignored = filterset.errors if not filterset.is_valid() else {}
    for name, field in filterset.form.fields.items():
        if name in ignored or name in exclude:
            continue
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        written = given.getlist(name) if hasattr(given, "getlist") else [given.get(name)]
        if len(written) != len(values):
            written = values
        for value, address_value in zip(values, written, strict=True):
            if value in (None, ""):
                continue
            label = chosen_label(filterset.form, name, value)
            if label is None:
                continue  # an unknown value is ignored, so it is not shown either
            tags.append((name, address_value, tag_label(field.label, label)))
    return tags


def tag_label(field_label, label) -> str:
    """ "Partner: China"; a value in the other language (a name with no translation) marked with
    its `lang` where the tag is written in HTML."""
    text = labelled(field_label, label)
    language = getattr(label, "lang", None)
    if not language:
        return text
    value = format_html('<span lang="{}">{}</span>', language, label)
    # Both parts escaped (format_html, conditional_escape): the catalog's "%(label)s: %(value)s" is safe.
    return MarkedText(text, mark_safe(labelled(conditional_escape(field_label), value)))


def sort_headers(columns: dict, key: str, descending: bool, first_order) -> list[dict]:
    """The headers of a table sorted by its columns' links: each column's label, the order its
    link asks for (the other order for the column sorted by, else the column's first order,
    `first_order(column)`), and, for the column sorted by, its `aria-sort`."""
    headers = []
    for column, label in columns.items():
        current = column == key
        order = ("asc" if descending else "desc") if current else first_order(column)
        headers.append(
            {
                "key": column,
                "label": label,
                "order": order,
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return headers


def filter_errors(filterset) -> dict[str, str]:
    """{parameter: what was wrong, naming the filter and the value given}: each filter value
    that was not understood and so was ignored, in the page's language."""
    if filterset.is_valid():
        return {}
    messages = {}
    data = filterset.data
    for name, errors in filterset.errors.items():
        field = filterset.form.fields.get(name)
        if field is None:  # an error of the whole form
            messages[name] = " ".join(str(error) for error in errors)
            continue
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        value = ", ".join(str(v) for v in values if v not in (None, ""))
        messages[name] = labelled(
            field.label,
            _("“%(value)s” was not understood; this filter was ignored.") % {"value": value},
        )
    return messages


def title_detail(tags, page) -> str:
    """What the page's title adds to the list's name: its filters and its page number."""
    parts = [label for _name, _value, label in tags]
    if page is not None and page.number > 1:
        parts.append(_("page %(number)s") % {"number": page.number})
    return pgettext("list of items in a title", ", ").join(parts)


def list_description(description: str, tags) -> str:
    """The meta description of a list: what the list is, and the filters it is shown with."""
    if not tags:
        return description
    chosen = pgettext("list of items in a title", ", ").join(label for _n, _v, label in tags)
    filtered = _("Shown with these filters: %(filters)s.") % {"filters": chosen}
    return f"{description} {filtered}".strip()


class PublicDetailMixin:
    """A published record; staff with the view permission may preview a draft (?preview=1),
    or a published record as its pending changes will make it.

    A record whose slug is translated (agreements, missions) is found by its slug in the page's
    language; its slug in the other language answers a permanent redirect to its address in the
    page's language (`/en/agreements/<French slug>/` to its English slug), query string kept."""

    pending_preview = False
    _found = None  # the record get_object() found, read once a request
    _found_pk = None  # the record to read again, by its id, as its pending version makes it

    def get(self, request, *args, **kwargs):
        record = self.get_object()
        moved = self.moved_to(record)
        if moved is not None:
            return HttpResponsePermanentRedirect(moved)
        if not self.is_preview():
            return super().get(request, *args, **kwargs)
        pending = versions.pending_version(record)
        if pending is None:
            return super().get(request, *args, **kwargs)
        self.pending_preview = True
        with versions.rolled_back():  # the changes written, shown, then undone
            versions.apply(record, pending.data)
            # Read again as the changes make it (by id: they may change its slug too).
            self._found, self._found_pk = None, record.pk
            response = super().get(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response

    def get_object(self, queryset=None):
        if self._found is not None:
            return self._found
        slug = self.kwargs.get(self.slug_url_kwarg)
        if self._found_pk is not None:
            queryset = self.get_queryset() if queryset is None else queryset
            self._found = queryset.get(pk=self._found_pk)
        elif slug is not None and is_translated(self.model, "slug"):
            try:
                if queryset is None and not self.is_preview():
                    self._found = self.published_record(slug)
                    self._canonical_slug = translated_value(self._found, "slug")[0]
                else:
                    queryset = self.get_queryset() if queryset is None else queryset
                    self._found, self._canonical_slug = find_by_slug(queryset, slug)
            except self.model.DoesNotExist:
                raise Http404 from None
            # The same record's address in each language (config/context_processors.py).
            self.request.record_slugs = slugs_of(self._found)
        elif slug is not None and queryset is None and not self.is_preview():
            self._found = self.kept_record(slug)
        else:
            self._found = super().get_object(queryset)
        return self._found

    def kept_record(self, slug: str):
        """The published record named by an untranslated slug (a partner), loaded by the view's
        queryset, kept with the selectors' results by the versions its page holds (for the
        dossier: the partners', so its own, and its share of the agreements and missions): a
        dossier gone cold reads it back with its prefetched rows. A slug that is no published
        record's has no versions: it is read, and 404s, as it always did."""

        def load():
            return super(PublicDetailMixin, self).get_object()

        match = getattr(self.request, "resolver_match", None)
        if match is None:
            return load()
        name = f"record:{self.model._meta.label_lower}"
        return cached_results(name, (slug,), load, page=match.view_name, kwargs=self.kwargs)

    def published_record(self, slug: str):
        """The published record named by `slug` (as find_by_slug() finds it) loaded by the
        view's queryset, with its prefetched rows: everything its page shows. Its key is found
        first (published_key(), kept too); the record is then kept with the
        selectors' results by the versions of what its page shows, its own among them
        (results.py): a page gone cold reads it back instead of building and running the
        prefetches' queries, and an edit of the record, of a row of it (an event, a place) or
        of a record it shows (a party, the mission of its signature) is seen at once. Never in
        a preview: get_object() reads what a preview shows as it always did."""
        pk = self.published_key(slug)

        def load():
            record = self.get_queryset().filter(pk=pk).first()
            if record is None:  # unpublished since its key was read
                raise self.model.DoesNotExist
            return record

        match = getattr(self.request, "resolver_match", None)
        if match is None:
            return load()
        return cached_results(
            f"detail:{self.model._meta.label_lower}",
            (pk,),
            load,
            page=match.view_name,
            kwargs=self.kwargs,
            record=pk,
        )

    def published_key(self, slug: str):
        """The key of the published record named by `slug` (key_by_slug(): one small query,
        two for a slug in the other language), kept with the selectors' results by the versions
        of its list page, which links every published record by its slug (results.py): the
        site's and its topic's among them, which any save or delete of a record of the model,
        so any publication, withdrawal or change of slug, moves once it commits. A slug that
        names no published record raises DoesNotExist and keeps nothing (a 404, read each
        time, as before)."""

        def find():
            return key_by_slug(self.model._default_manager.published(), slug)

        match = getattr(self.request, "resolver_match", None)
        if match is None or not match.namespace:
            return find()
        name = f"key:{self.model._meta.label_lower}"
        return cached_results(name, (slug,), find, page=f"{match.namespace}:list")

    def moved_to(self, record) -> str | None:
        """The record's address in the page's language, if the request named it by another."""
        canonical = getattr(self, "_canonical_slug", None)
        if canonical is None or canonical == self.kwargs.get(self.slug_url_kwarg):
            return None
        query = self.request.META.get("QUERY_STRING", "")
        return record.get_absolute_url() + (f"?{query}" if query else "")

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.is_preview():
            return queryset
        return queryset.published()

    def is_preview(self) -> bool:
        if "preview" not in self.request.GET:
            return False
        meta = self.model._meta
        return self.request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}")

    # The record's texts that describe it, the first with text is its meta description.
    description_fields = ("summary", "overview", "description")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.is_preview() and not self.object.is_published
        context["pending_preview"] = self.pending_preview
        context["meta_description"] = record_description(self.object, self.description_fields)
        context["last_updated"] = getattr(self.object, "updated_at", None)
        if self.content_template:
            context["content"] = mark_safe(self.written_content())
        return context

    # What the record's page shows under its title, written from its own template with
    # content_context() (written_content()); none for a page that writes it otherwise.
    content_template = ""

    def content_context(self) -> dict:
        return {self.context_object_name: self.object}

    def written_content(self) -> str:
        """What the record's page shows under its title, written from `content_template` and
        kept as its record is, by the versions of what its page shows, its own among them
        (results.py): a page gone cold for another reason than an edit of what it shows reads
        it back, none of its links written. Written each time in a preview."""

        def write():
            return fragments.render(self.content_template, self.content_context())

        match = getattr(self.request, "resolver_match", None)
        if match is None or self.is_preview():
            return write()
        parts = (
            self.object.pk,
            fragments.sources_digest((self.content_template,)),
            *fragments.written_at(),
        )
        return cached_results(
            f"{self.model._meta.model_name}-page",
            parts,
            write,
            page=match.view_name,
            kwargs=self.kwargs,
            record=self.object.pk,
        )


def record_description(record, fields) -> str:
    """The first of the record's describing texts that it has (in the page's language, else the
    other), cut to about two lines, on one line."""
    for name in fields:
        if any(hasattr(record, f"{name}_{code}") for code in ("fr", "en")):
            text = " ".join(text_in(record, name).split())
            if text:
                return Truncator(text).words(DESCRIPTION_WORDS, truncate="…")
    return ""


def chosen_label(form, name: str, value: str) -> str | None:
    """How a filter's value reads: its choice's label (None if it is not a choice), else itself.

    A record chosen among a queryset (a partner) is the one the form already looked up: listing
    the queryset again to find its label would read every partner a second time.
    """
    field = form.fields[name]
    if isinstance(field, ModelChoiceField):
        chosen = getattr(form, "cleaned_data", {}).get(name)
        several = isinstance(field, ModelMultipleChoiceField)
        for record in (chosen or []) if several else [chosen]:
            if record is None:
                continue
            # A record named by its slug in either language (a filter kept by the switch).
            named = slugs_of(record).values() if is_translated(type(record), "slug") else ()
            if str(field.prepare_value(record)) == str(value) or str(value) in named:
                text = str(field.label_from_instance(record))
                language = name_language(record)
                return InLanguage(text, language) if language else text
    choices = list(getattr(field, "choices", None) or [])
    if not choices:
        return value
    return next(
        (
            text if getattr(text, "lang", None) else str(text)
            for key, text in choices
            if str(key) == str(value)
        ),
        None,
    )
