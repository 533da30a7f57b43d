"""What every public list and detail page shares (published records only, filters, sorting,
pagination that forgives bad input, CSV and JSON exports, staff preview of drafts)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.forms import ModelChoiceField

from partners.publishing import versions
from partners.publishing.exports import export_response
from partners.publishing.language import labelled


class ForgivingPaginator(Paginator):
    """A page number that is not a number shows page 1; one past the end shows the last page."""

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except PageNotAnInteger:
            return 1
        except EmptyPage:
            return max(1, self.num_pages)


class PublicListMixin:
    """A ListView of published records, filtered by a django-filter FilterSet from the query
    string, sorted through a whitelist, paginated, and exportable as CSV or JSON."""

    filterset_class = None
    paginate_by = 20
    paginator_class = ForgivingPaginator
    sort_options: dict = {}  # {"param value": (label, ordering tuple)}
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
        return queryset.order_by(*self.sort_options[self.current_sort()][1])

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.page(paginator.validate_number(self.request.GET.get("page") or 1))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        context.update(
            filter=filterset,
            filter_errors=filterset.errors if not filterset.is_valid() else {},
            applied_filters=applied_filters(filterset),
            sort_options=[(key, label) for key, (label, _order) in self.sort_options.items()],
            current_sort=self.current_sort(),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        export = self.request.GET.get("format")
        if export in ("csv", "json"):
            return self.export(export)
        return super().render_to_response(context, **response_kwargs)

    # Exports: exactly the filtered, sorted records, every page, header in the page's language.
    def export_rows(self, queryset):
        raise NotImplementedError

    def export(self, kind):
        header, rows = self.export_rows(self.get_queryset())
        return export_response(kind, header, rows, self.export_name)


def applied_filters(filterset):
    """[(parameter, value, label)] for the removable tags above a list."""
    if not filterset.is_bound:
        return []
    tags = []
    data = filterset.data
    for name, field in filterset.form.fields.items():
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        for value in values:
            if value in (None, ""):
                continue
            label = chosen_label(filterset.form, name, value)
            if label is None:
                continue  # an unknown value is ignored, so it is not shown either
            tags.append((name, value, labelled(field.label, label)))
    return tags


class PublicDetailMixin:
    """A published record; staff with the view permission may preview a draft (?preview=1),
    or a published record as its pending changes will make it."""

    pending_preview = False

    def get(self, request, *args, **kwargs):
        if not self.is_preview():
            return super().get(request, *args, **kwargs)
        record = self.get_object()
        pending = versions.pending_version(record)
        if pending is None:
            return super().get(request, *args, **kwargs)
        self.pending_preview = True
        with versions.rolled_back():  # the changes written, shown, then undone
            versions.apply(record, pending.data)
            response = super().get(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response

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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.is_preview() and not self.object.is_published
        context["pending_preview"] = self.pending_preview
        return context


def chosen_label(form, name: str, value: str) -> str | None:
    """How a filter's value reads: its choice's label (None if it is not a choice), else itself.

    A record chosen among a queryset (a partner) is the one the form already looked up: listing
    the queryset again to find its label would read every partner a second time.
    """
    field = form.fields[name]
    if isinstance(field, ModelChoiceField):
        chosen = getattr(form, "cleaned_data", {}).get(name)
        if chosen is not None and str(field.prepare_value(chosen)) == str(value):
            return str(field.label_from_instance(chosen))
    choices = list(getattr(field, "choices", None) or [])
    if not choices:
        return value
    return next((str(text) for key, text in choices if str(key) == str(value)), None)
