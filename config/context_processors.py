from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri

from partners.publishing.language import active_language


def site(request):
    """The same page in each language (same record, same filters) for the switcher and hreflang."""
    current = active_language()
    match = resolved(request)
    alternates = []
    # A record's page names it by its slug in each language (set by its view).
    slugs = getattr(request, "record_slugs", None)
    for code, _name in settings.LANGUAGES:
        if match is not None and slugs:
            url = record_address(request, code, slugs[code])
        elif match is not None:
            url = translated_address(request, match, code)
        else:
            with translation.override(code):
                url = reverse("home")
        # Each language is named in itself, as a switcher should.
        label = {"fr": "Français", "en": "English"}[code]
        alternates.append({"code": code, "name": label, "url": url, "current": code == current})
    return {
        "alternates": alternates,
        # The address for a visitor of either language: the default language's, without its
        # prefix (config.views.unprefixed sends each visitor to their language's page).
        "x_default_url": x_default(alternates),
        "other_languages": [a for a in alternates if not a["current"]],
        "absolute_root": request.build_absolute_uri("/")[:-1],
    }


def resolved(request):
    """The URL pattern of the request's page as the handler resolved it; resolved here if the
    page was answered before (a middleware's error page); None for an address of no page."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


def record_address(request, code: str, slug: str) -> str:
    """The page of `request` in language `code`, its record named by `slug`, same query."""
    match = resolved(request)
    with translation.override(code):
        url = reverse(match.view_name, args=match.args, kwargs={**match.kwargs, "slug": slug})
    return with_query(request, url)


def translated_address(request, match, code: str) -> str:
    """The page of `request` in language `code`, same query: Django's translate_url(), from the
    URL pattern the request was resolved to rather than by resolving its path again."""
    with translation.override(code):
        try:
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    return with_query(request, url)


def with_query(request, url: str) -> str:
    """`url` with the request's query string, as request.get_full_path() writes it."""
    query = request.META.get("QUERY_STRING", "")
    return url + (f"?{iri_to_uri(query)}" if query else "")


def x_default(alternates) -> str:
    default = settings.LANGUAGE_CODE[:2]
    url = next((a["url"] for a in alternates if a["code"] == default), "")
    prefix = f"/{default}/"
    return "/" + url[len(prefix) :] if url.startswith(prefix) else ""
