"""What only a browser shows: filtering, the language switch, the keyboard, accessibility, CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_TYPES = {
    "fr": [
        "/fr/",
        "/fr/partenaires/",
        "/fr/partenaires/cn/",
        "/fr/ententes/",
        "/fr/ententes/entente-science-technologie-chine-1995/",
        "/fr/missions/",
        "/fr/missions/mission-sante-chine-2017/",
        "/fr/commerce/",
        "/fr/recherche/?q=sant%C3%A9",
        "/fr/page-absente/",
    ],
    "en": [
        "/en/",
        "/en/partners/",
        "/en/partners/cn/",
        "/en/agreements/",
        "/en/agreements/quebec-china-cooperation-agreement-in-the-fields-of-science-and-technology/",
        "/en/missions/",
        "/en/missions/mission-of-the-minister-of-health-and-social-services-to-china/",
        "/en/trade/",
        "/en/search/?q=health",
        "/en/missing-page/",
    ],
}


def test_every_page_type_passes_an_axe_wcag_21_aa_audit_without_csp_violations(page, axe_check):
    for language, addresses in PAGE_TYPES.items():
        for address in addresses:
            page.goto(address)
            assert page.locator("html").get_attribute("lang") == language
            assert axe_check(page) == [], address
    assert page.csp_violations == []
    assert [e for e in page.console_errors if "404" not in e] == []


def test_filter_then_switch_language_keeps_the_filters(page):
    page.goto("/fr/ententes/")
    page.select_option("#id_partner", label="Chine")
    page.select_option("#id_status", value="in_force")
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_url("**/fr/ententes/?**")
    # Only the chosen filters are in the address (the empty fields are left out).
    assert page.url.split("?")[1] == "partner=cn&status=in_force"
    assert page.locator(".count").inner_text() == "6 ententes"
    assert page.locator(".filter-tags li").count() == 2

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/agreements/?**")
    assert "partner=cn" in page.url and "status=in_force" in page.url
    assert page.locator(".count").inner_text() == "6 agreements"
    assert page.locator("html").get_attribute("lang") == "en"

    # Removing one tag keeps the other filter.
    page.locator(".filter-tags li a").first.click()
    assert page.locator(".filter-tags li").count() == 1


def test_a_sort_other_than_the_default_stays_in_the_address(page):
    page.goto("/en/agreements/")
    page.select_option("#id_sort", value="oldest")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/en/agreements/?**")

    assert page.url.split("?")[1] == "sort=oldest"


def test_search_from_the_header(page):
    page.goto("/fr/")
    page.fill("#header-q", "Shandong")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/recherche/?q=Shandong")
    first = page.locator(".results li h2 a").first
    assert first.inner_text() == "Shandong"
    first.click()
    page.wait_for_url("**/fr/partenaires/cn-sd/")


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(page):
    page.goto("/en/partners/cn/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"


def test_the_trade_chart_is_drawn_with_its_table(page):
    page.goto("/en/partners/cn/")
    bars = page.locator("svg.chart rect")
    assert bars.count() == 4  # exports and imports, 2015 and 2016
    assert (
        page.locator("svg.chart title").first.text_content() == "Trade in goods with China, by year"
    )
    heights = [float(bars.nth(i).get_attribute("height")) for i in range(4)]
    assert heights[1] > heights[0] * 3  # imports ($10.7 billion) dwarf exports ($2.7 billion)
    page.screenshot(path="/tmp/dossier-en.png", full_page=True)


@pytest.mark.parametrize("address", ["/fr/commerce/?partner=cn", "/en/trade/?partner=cn"])
def test_the_trade_table_fits_beside_the_filters_on_a_1280_pixel_screen(page, address):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(address)

    table = page.locator(".table-scroll")
    assert page.locator(".table-scroll tbody tr").count() == 2
    assert table.evaluate("element => element.scrollWidth <= element.clientWidth")
