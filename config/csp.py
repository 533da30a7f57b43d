"""django-csp's middleware, with the site's policy built once.

The site's policy is static: no view asks for a nonce or changes the policy with django-csp's
decorators. django-csp still builds both headers on every response (two `dataclasses.asdict`
deep copies and a walk of the settings), about a third of what the site's middleware adds to a
bare request (bench/bare_request.py). `ContentSecurityPolicyMiddleware` builds the headers when
it is built (and again when a test changes a setting), writes them whenever a response is in
that static case, and hands every other response (a nonce was used, a decorator set a policy,
Django's debug pages) to django-csp's own `process_response`. tests/config/test_csp.py
compares the two on each case.

It is a plain middleware (`__call__`, not MiddlewareMixin's three calls), sync only as the site
is (config/middleware.py, AxesMiddleware). The request's lazy nonce is django-csp's object,
made without its constructors' calls (`config.middleware.lazy`), and the headers are written
as checked when they were built (config/headers.py).
"""

from functools import partial

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

from config.headers import Header
from config.middleware import ReadsSettingsOnce, lazy

# What a decorator of django-csp's sets on a response: then django-csp builds its policy.
RESPONSE_POLICY = frozenset(
    {
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    }
)


class ContentSecurityPolicyMiddleware(ReadsSettingsOnce, CSPMiddleware):
    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self.watch_settings()
        # What `request.csp_nonce` is once the headers are written: django-csp's lazy object
        # that refuses a late nonce. It is never set up (it raises), so one serves every request.
        self.nonce_refused = CheckableLazyObject(self._csp_nonce_post_response)

    def read_settings(self) -> None:
        """(header, excluded path prefixes) of the current settings' policies."""
        self.debug = settings.DEBUG
        headers = []
        for header, name, ro in (
            (HEADER, "CONTENT_SECURITY_POLICY", False),
            (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
        ):
            value = build_policy(report_only=ro)
            if value:
                config = getattr(settings, name, None) or {}
                prefixes = tuple(config.get("EXCLUDE_URL_PREFIXES", None) or ())
                headers.append((Header(header, value), prefixes))
        self.headers = tuple(headers)

    def __call__(self, request):
        # django-csp's process_request: a nonce made only if the page asks for one.
        request.csp_nonce = lazy(CheckableLazyObject, partial(self._make_nonce, request))
        return self.process_response(request, self.get_response(request))

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or not RESPONSE_POLICY.isdisjoint(vars(response))
            or self.debug
        ):
            return super().process_response(request, response)
        for header, prefixes in self.headers:
            if not request.path_info.startswith(prefixes):
                header.setdefault(response)
        request.csp_nonce = self.nonce_refused
        return response
