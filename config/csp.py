"""django-csp's middleware, with the site's policy built once.

The site's policy is static: no view asks for a nonce or changes the policy with django-csp's
decorators. django-csp still builds both headers on every response (two `dataclasses.asdict`
deep copies and a walk of the settings), about a third of what the site's middleware adds to a
bare request (bench/bare_request.py). `ContentSecurityPolicyMiddleware` writes the headers it
built for the current settings whenever a response is in that static case, and hands every
other response (a nonce was used, a decorator set a policy, Django's debug pages) to
django-csp's own `process_response`. tests/config/test_csp.py compares the two on each case.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    _built: tuple = (object(), object(), ())  # (policy, report-only policy, headers)

    def _headers(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(header, value, excluded path prefixes) for the current settings, built once."""
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        built_for, built_ro, headers = self._built
        if built_for is not policy or built_ro is not report_only:
            headers = []
            for header, config, ro in (
                (HEADER, policy, False),
                (HEADER_REPORT_ONLY, report_only, True),
            ):
                value = build_policy(report_only=ro)
                if value:
                    prefixes = tuple((config or {}).get("EXCLUDE_URL_PREFIXES", None) or ())
                    headers.append((header, value, prefixes))
            headers = tuple(headers)
            type(self)._built = (policy, report_only, headers)
        return headers

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or not RESPONSE_POLICY.isdisjoint(vars(response))
            or settings.DEBUG
        ):
            return super().process_response(request, response)
        for header, value, prefixes in self._headers():
            if header not in response and not request.path_info.startswith(prefixes):
                response[header] = value
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
