"""What the API's answers alone need: CORS, and ETag, Last-Modified and conditional GET.

`ApiMiddleware` stands in MIDDLEWARE for both (where django-cors-headers' CorsMiddleware and
`ApiConditionalGetMiddleware` stood, in that order): a request whose path is the API's goes
through them, any other goes straight on. Both did nothing outside the API already, but found
that out on every request (django-cors-headers matches CORS_URLS_REGEX, "^/api/", and sends its
`check_request_enabled` signal, which nothing here receives).
"""

import datetime
import re

from corsheaders.middleware import CorsMiddleware
from django.core.handlers.exception import convert_exception_to_response
from django.middleware.http import ConditionalGetMiddleware
from django.utils.http import http_date

API_PREFIX = "/api/"
CHANGED = re.compile(rb'"updated_at":"([^"]+)"')


def latest_change(content: bytes) -> datetime.datetime | None:
    """The latest `updated_at` anywhere in an answer: its records' and their children's."""
    return max(
        (datetime.datetime.fromisoformat(found.decode()) for found in CHANGED.findall(content)),
        default=None,
    )


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    """Django's ConditionalGetMiddleware on the API only: an ETag from the answer's bytes and a
    Last-Modified from its records' changes, then 304 Not Modified when the request's
    If-None-Match (or, without it, If-Modified-Since) says the client has it already."""

    def process_response(self, request, response):
        if not request.path.startswith(API_PREFIX):
            return response
        if (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("application/json")
            and not response.has_header("Last-Modified")
        ):
            changed = latest_change(response.content)
            if changed is not None:
                response["Last-Modified"] = http_date(changed.timestamp())
        return super().process_response(request, response)


class ApiMiddleware:
    """django-cors-headers' CorsMiddleware around `ApiConditionalGetMiddleware`, for /api/ paths
    only. The two are built once around the rest of the chain, as Django would have built them
    (each layer's exceptions turned into responses)."""

    def __init__(self, get_response):
        self.get_response = get_response
        conditional = convert_exception_to_response(ApiConditionalGetMiddleware(get_response))
        self.api = CorsMiddleware(conditional)

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            return self.api(request)
        return self.get_response(request)
