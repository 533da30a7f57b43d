"""At 390 and at 1280 CSS pixels, in both languages, every page type fits its viewport (WCAG
1.4.10 reflow: `scrollWidth <= innerWidth`), passes axe's WCAG 2.1 AA rules, and is
photographed to /tmp/shots/h7/ to be looked at. On a narrow screen the filter panel starts
closed and opens with its summary; wide, it is open. Sortable headers say their order."""

import re
from pathlib import Path

import pytest

from tests.browser.test_site import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/h7")
# Besides the page types of test_site: a filtered list, the sector list and a sector page.
MORE = {
    "fr": ["/fr/ententes/?partner=cn&status=in_force", "/fr/secteurs/", "/fr/secteurs/sante/"],
    "en": ["/en/agreements/?partner=cn&status=in_force", "/en/sectors/", "/en/sectors/health/"],
}
WIDTHS = (390, 1280)


def shot_name(address: str, width: int) -> str:
    return f"{re.sub(r'[^a-z0-9]+', '-', address.lower()).strip('-') or 'root'}-{width}.png"


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen_and_axe_finds_nothing(page, axe_check, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for language, addresses in PAGE_TYPES.items():
        for address in [*addresses, *MORE[language]]:
            page.goto(address)
            assert page.locator("html").get_attribute("lang") == language
            widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert widths[0] <= widths[1] == width, (address, widths)
            assert axe_check(page) == [], (address, width)
            page.screenshot(path=SHOTS / shot_name(address, width), full_page=True)
    assert page.csp_violations == []


@pytest.mark.parametrize(
    ("address", "summary", "results"),
    [
        ("/fr/partenaires/", "Filtres", "20 partenaires"),
        ("/en/agreements/", "Filters", "16 agreements"),
        ("/en/trade/", "Filters", None),
    ],
)
def test_the_filter_panel_is_closed_on_a_narrow_screen_and_opens(page, address, summary, results):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(address)
    panel = page.locator("details.filter-panel")
    assert panel.get_attribute("open") is None
    assert not page.locator("form.filters").is_visible()
    if results:
        # The results come right after the closed panel, on the first screen.
        count = page.locator(".count").bounding_box()
        assert count["y"] + count["height"] < 844
        assert page.locator(".count").inner_text() == results
    page.locator("details.filter-panel > summary").click()
    assert page.locator("form.filters").is_visible()
    assert page.locator("details.filter-panel > summary").inner_text() == summary

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(address)
    assert panel.get_attribute("open") == ""
    assert page.locator("form.filters").is_visible()
    assert not page.locator("details.filter-panel > summary").is_visible()


def test_trade_headers_say_and_show_their_sort_and_the_caption_is_in_view(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/en/trade/")
    table = page.locator("table.sortable")
    assert table.locator("th[aria-sort]").count() == 1
    assert table.locator("th[aria-sort]").inner_text() == "Partner"
    assert table.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    arrow = page.evaluate(
        "getComputedStyle(document.querySelector('th[aria-sort] a'), '::after').content"
    )
    assert "▲" in arrow
    caption = table.locator("caption").bounding_box()
    region = page.locator(".table-scroll").bounding_box()
    assert caption["x"] >= region["x"] and caption["x"] + caption["width"] <= region["x"] + 390
    assert table.locator("caption").inner_text() == "Trade by partner and year (Canadian dollars)"

    page.get_by_role("link", name="Exports", exact=True).click()
    page.wait_for_url("**/en/trade/?sort=exports&order=desc")
    sorted_by = table.locator("th[aria-sort]")
    assert (sorted_by.inner_text(), sorted_by.get_attribute("aria-sort")) == (
        "Exports",
        "descending",
    )
    page.get_by_role("link", name="Exports", exact=True).click()
    page.wait_for_url("**/en/trade/?sort=exports&order=asc")
    assert table.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"

    # The form leaves the default sort and order out of the address.
    page.goto("/fr/commerce/")
    page.locator("details.filter-panel > summary").click()
    page.select_option("#id_partner", label="Chine")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**/fr/commerce/?**")
    assert page.url.split("?")[1] == "partner=cn"
    assert page.locator(".filter-tags li").all_inner_texts() == [
        "Partenaires\u00a0: Chine \u00d7\n(retirer ce filtre)"
    ]


def test_chart_text_is_at_least_12_pixels_at_390(page):
    page.set_viewport_size({"width": 390, "height": 844})
    for address in ("/fr/commerce/", "/en/partners/cn/"):
        page.goto(address)
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('svg.chart text')].map(t =>
                t.getBoundingClientRect().height)"""
        )
        assert sizes and min(sizes) >= 12, (address, sizes)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
