"""Pages of the API's lists: numbered, with the neighbouring pages' addresses in the body and
in a Link header (RFC 8288)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        """The page size asked for, if any: a whole number from 1 to 100, else a 400 (an empty
        `page_size=` too: the schema says a number)."""
        if self.page_size_query_param not in request.query_params:
            return self.page_size
        asked = request.query_params[self.page_size_query_param]
        if not asked.isdecimal() or not 1 <= int(asked) <= self.max_page_size:
            message = _("Enter a whole number from 1 to %(maximum)s.")
            raise ValidationError({"page_size": [message % {"maximum": self.max_page_size}]})
        return int(asked)

    def get_page_number(self, request, paginator):
        """An empty `page=` is an invalid page, as `page=abc` is (DRF takes it for the first)."""
        if request.query_params.get(self.page_query_param) == "":
            raise NotFound(self.invalid_page_message.format(page_number="", message=""))
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            "page": {"minimum": 1},
            "page_size": {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters

    def get_paginated_response(self, data):
        response = Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }
