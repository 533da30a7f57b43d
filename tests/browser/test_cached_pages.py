"""A visitor on the home and search pages with the page cache on, while staff edit: what the
page shows of an edited record is new at once; an edit elsewhere leaves the page as it was
(found by what it shows). Both languages, 1280 and 390 pixels wide."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from agreements.models import Agreement
from config.views import RECENT_AGREEMENTS, recent_agreement_ids
from tests.caches import LOCAL


@pytest.fixture
def cached(page):
    with override_settings(CACHES=LOCAL, PAGE_CACHE_SECONDS=300):
        cache.clear()
        yield page
        cache.clear()


def visit(page, path):
    response = page.goto(path)
    assert response.status == 200
    return response.headers.get("x-page-cache"), page.locator("main").inner_text()


@pytest.mark.parametrize("width", [1280, 390])
def test_home_and_search_show_an_edit_at_once_and_keep_what_did_not_change(cached, width):
    page = cached
    page.set_viewport_size({"width": width, "height": 900})
    listed = Agreement.objects.get(pk=recent_agreement_ids(RECENT_AGREEMENTS)[0])
    unlisted = (
        Agreement.objects.published()
        .exclude(pk__in=recent_agreement_ids(RECENT_AGREEMENTS))
        .order_by("pk")
        .first()
    )
    word = listed.title_fr.split()[-1]
    pages = {"fr": "/fr/", "en": "/en/", "search": f"/fr/recherche/?q={word}"}
    first = {name: visit(page, path) for name, path in pages.items()}
    assert {name: state for name, (state, _text) in first.items()} == dict.fromkeys(pages, "miss")
    assert listed.title_fr in first["fr"][1] and listed.title_en in first["en"][1]
    assert listed.title_fr in first["search"][1]

    unlisted.summary_fr = f"{unlisted.summary_fr} Précision ajoutée."
    unlisted.save()
    again = {name: visit(page, path) for name, path in pages.items()}
    assert again["fr"] == ("checked", first["fr"][1])
    assert again["en"] == ("checked", first["en"][1])
    # The search page is found by its ranking unless the edited record is among its hits.
    assert again["search"][1] == first["search"][1]

    listed.title_fr = f"{listed.title_fr} (texte révisé)"
    listed.title_en = f"{listed.title_en} (revised text)"
    listed.save()
    after = {name: visit(page, path) for name, path in pages.items()}
    assert {name: state for name, (state, _text) in after.items()} == dict.fromkeys(pages, "miss")
    assert listed.title_fr in after["fr"][1]
    assert listed.title_en in after["en"][1]
    assert listed.title_fr in after["search"][1]
