from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from django.urls.base import translate_url
from django.utils import translation

from partners.publishing.language import active_language


def site(request):
    """The same page in each language (same record, same filters) for the switcher and hreflang."""
    current = active_language()
    path = request.get_full_path()
    try:
        resolve(request.path_info)
        found = True
    except Resolver404:
        found = False
    alternates = []
    # A record's page names it by its slug in each language (set by its view).
    slugs = getattr(request, "record_slugs", None)
    for code, _name in settings.LANGUAGES:
        if found and slugs:
            url = record_address(request, code, slugs[code])
        elif found:
            url = translate_url(path, code)
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


def record_address(request, code: str, slug: str) -> str:
    """The page of `request` in language `code`, its record named by `slug`, same query."""
    match = resolve(request.path_info)
    with translation.override(code):
        url = reverse(match.view_name, args=match.args, kwargs={**match.kwargs, "slug": slug})
    query = request.META.get("QUERY_STRING", "")
    return url + (f"?{query}" if query else "")


def x_default(alternates) -> str:
    default = settings.LANGUAGE_CODE[:2]
    url = next((a["url"] for a in alternates if a["code"] == default), "")
    prefix = f"/{default}/"
    return "/" + url[len(prefix) :] if url.startswith(prefix) else ""
