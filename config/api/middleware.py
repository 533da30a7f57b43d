"""ETag and conditional GET for the API's answers (/api/ only)."""

from django.middleware.http import ConditionalGetMiddleware

API_PREFIX = "/api/"


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    """Django's ConditionalGetMiddleware on the API only: an ETag from the answer's bytes, then
    304 Not Modified when the request's If-None-Match (or, without it, If-Modified-Since
    against the view's Last-Modified) says the client has it already."""

    def process_response(self, request, response):
        if not request.path.startswith(API_PREFIX):
            return response
        return super().process_response(request, response)
