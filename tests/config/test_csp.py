"""The site's CSP middleware writes exactly django-csp's headers, built once (config/csp.py)."""

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from config.csp import ContentSecurityPolicyMiddleware

REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp/"}}


def plain(request):
    return HttpResponse("page")


def with_header(request):
    response = HttpResponse("page")
    response[HEADER] = "default-src 'none'"
    return response


@csp_exempt()
def exempt(request):
    return HttpResponse("page")


@csp_update({"img-src": ["https://tiles.example"]})
def updated(request):
    return HttpResponse("page")


def nonce(request):
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")


def headers(middleware_class, view, path="/fr/"):
    request = RequestFactory().get(path)
    middleware = middleware_class(view)
    response = middleware(request)
    written = {name: response.get(name) for name in (HEADER, HEADER_REPORT_ONLY)}
    return written, request


@pytest.mark.parametrize("view", [plain, with_header, exempt, updated, nonce])
@pytest.mark.parametrize(
    "settings_",
    [
        {},
        {"CONTENT_SECURITY_POLICY_REPORT_ONLY": REPORT_ONLY},
        {
            "CONTENT_SECURITY_POLICY": {
                "EXCLUDE_URL_PREFIXES": ["/fr/"],
                "DIRECTIVES": {"default-src": ["'self'"]},
            }
        },
    ],
    ids=["site", "report-only too", "excluded prefix"],
)
def test_the_headers_are_django_csps(view, settings_):
    with override_settings(**settings_):
        ours, _request = headers(ContentSecurityPolicyMiddleware, view)
        theirs, _request = headers(CSPMiddleware, view)
    assert ours == theirs


def test_the_site_policy_is_written_and_a_late_nonce_is_refused():
    written, request = headers(ContentSecurityPolicyMiddleware, plain)
    assert written[HEADER_REPORT_ONLY] is None
    assert set(written[HEADER].split("; ")) == {
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    }
    with pytest.raises(Exception, match="not available after the CSP header"):
        str(request.csp_nonce)
