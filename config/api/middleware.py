"""ETag, Last-Modified and conditional GET for the API's answers (/api/ only)."""

import datetime
import re

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
