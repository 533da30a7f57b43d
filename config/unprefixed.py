"""An address without a language prefix (the `x-default` of the page head and the sitemap, an
old link, a typed address): the same page in the visitor's language.

The `x-default` address is the default language's without its prefix (`/partenaires/cn/`), so
it is read as a French address first, then as an English one (`/partners/cn/`, an English
address without its prefix); the visitor's language is Django's (the language cookie, then the
browser's Accept-Language, then French). Django's LocaleMiddleware only adds the visitor's prefix
to the path as it is (`/en/partenaires/cn/`, which does not exist): here the page is found first,
then named in the visitor's language (`/en/partners/cn/`). A temporary redirect, varying on the
browser's languages, since the answer depends on the visitor.
"""

import functools

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import Resolver404, get_resolver, resolve
from django.urls.base import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import get_language_from_request

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def page_address(path: str) -> tuple[str, str] | None:
    """(prefixed address, its language) of a path written without its prefix, in the first
    language whose addresses have it (the default language first), or None."""
    default = settings.LANGUAGE_CODE[:2]
    for code in [default, *(c for c in LANGUAGE_CODES if c != default)]:
        prefixed = f"/{code}{path}"
        with translation.override(code):
            try:
                match = resolve(prefixed)
            except Resolver404:
                continue
        if match.url_name is not None and match.func is not unprefixed:
            return prefixed, code
    return None


def _views(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _views(pattern.url_patterns)
        else:
            yield getattr(pattern.callback, "view_class", pattern.callback)


@functools.cache
def every_page_parameter() -> frozenset[str]:
    """Every query parameter a page of the site understands: the page cache
    (config/cache.py) keeps only these in the request, and the redirect carries them on."""
    names = set()
    for view in _views(get_resolver().url_patterns):
        declared = getattr(view, "cache_parameters", None)
        if declared is not None and view is not unprefixed:
            names |= set(declared())
    return frozenset(names)


def unprefixed(request, path=""):
    found = page_address(request.path_info)
    if found is None:
        raise Http404(request.path_info)
    address, found_in = found
    language = get_language_from_request(request)
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE[:2]
    with translation.override(found_in):
        target = translate_url(address, language)
    # The parameters some page understands (as the page cache keeps them): not a stray one.
    understood = every_page_parameter()
    query = urlencode(
        [(name, values) for name, values in request.GET.lists() if name in understood], doseq=True
    )
    response = HttpResponseRedirect(target + (f"?{query}" if query else ""))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


unprefixed.cache_parameters = every_page_parameter
