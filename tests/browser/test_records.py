"""Agreements, missions and search in a browser: filters, the language switch, the header's
search box, and an axe-core WCAG 2.1 AA audit of every records page in both languages."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_PAGES = {
    "fr": [
        "/fr/ententes/",
        "/fr/ententes/?partner=cn&year_from=abc&sort=title",
        "/fr/ententes/entente-science-technologie-chine-1995/",
        "/fr/ententes/entente-education-chine-1980/",
        "/fr/missions/",
        "/fr/missions/?partner=cn&year=2017",
        "/fr/missions/mission-sante-chine-2017/",
        "/fr/recherche/?q=sant%C3%A9",
        "/fr/recherche/?q=introuvable",
    ],
    "en": [
        "/en/agreements/",
        "/en/agreements/?partner=cn&year_from=abc&sort=title",
        "/en/agreements/quebec-china-cooperation-agreement-in-the-fields-of-science-and-technology/",
        "/en/agreements/agreement-in-the-field-of-education-and-higher-education-between-quebec-and-china/",
        "/en/missions/",
        "/en/missions/?partner=cn&year=2017",
        "/en/missions/mission-of-the-minister-of-health-and-social-services-to-china/",
        "/en/search/?q=health",
        "/en/search/?q=nowhere",
    ],
}


def test_records_pages_pass_an_axe_wcag_21_aa_audit_in_both_languages(page, axe_check):
    for language, addresses in RECORD_PAGES.items():
        for address in addresses:
            response = page.goto(address)
            assert response.status == 200, address
            assert page.locator("html").get_attribute("lang") == language
            assert axe_check(page) == [], address
    assert page.csp_violations == []
    # The only resource a browser may miss is /favicon.ico, which the site does not serve.
    assert [e for e in page.console_errors if "404" not in e] == []


def test_filter_agreements_by_country_and_years(page):
    page.goto("/en/agreements/")
    assert page.locator(".count").inner_text() == "16 agreements"
    page.get_by_label("Partner").select_option(label="China")
    page.get_by_label("Signed from the year").fill("2000")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/en/agreements/?**partner=cn**")
    # China's own agreements and those of Shandong and Shanghai signed since 2000.
    assert page.locator(".count").inner_text() == "4 agreements"
    titles = page.locator(".record-list h2").all_inner_texts()
    assert (
        "Agreement to develop ties of friendship and exchanges between Québec and Shandong Province"
        in titles
    )
    tags = [" ".join(text.split()) for text in page.locator(".filter-tags li").all_inner_texts()]
    assert tags == [
        "Partner: China \u00d7 (remove this filter)",
        "Signed from the year: 2000 \u00d7 (remove this filter)",
    ]
    # Removing the year keeps the partner.
    page.locator(".filter-tags li a").nth(1).click()
    page.wait_for_url(lambda url: "year_from=2000" not in url)
    assert "partner=cn" in page.url
    assert page.locator(".count").inner_text() == "8 agreements"


def test_switching_language_keeps_the_record_and_the_filters(page):
    page.goto("/en/missions/?ministry=Ministry+of+Health+and+Social+Services&year=2017")
    assert page.locator(".count").inner_text() == "1 mission"
    page.get_by_role("link", name="Français").click()
    page.wait_for_url("**/fr/missions/?ministry=**")
    assert "year=2017" in page.url
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator(".record-list h2").all_inner_texts() == [
        "Mission du ministre de la Santé et des Services sociaux en Chine"
    ]
    # The ministry, named in English in the address, is the French one in the form.
    selected = page.locator("#id_ministry option:checked").inner_text()
    assert selected == "Ministère de la Santé et des Services sociaux"
    assert page.locator(".alert").count() == 0

    page.locator(".record-list h2 a").click()
    page.wait_for_url("**/fr/missions/mission-sante-chine-2017/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(
        "**/en/missions/mission-of-the-minister-of-health-and-social-services-to-china/"
    )
    assert page.locator("h1").inner_text() == (
        "Mission of the Minister of Health and Social Services to China"
    )


def test_search_from_the_header_box_with_highlighted_words(page):
    page.goto("/fr/ententes/")
    page.fill("#header-q", "sante")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/recherche/?q=sante")
    first = page.locator(".results li").first
    assert first.locator("h2").inner_text() == (
        "Mission du ministre de la Santé et des Services sociaux en Chine"
    )
    assert first.locator(".kind").text_content() == "Mission"
    if connection.vendor == "postgresql":  # the SQLite fallback gives a plain excerpt
        assert "santé" in first.locator(".excerpt mark").first.inner_text().lower()
    first.locator("h2 a").click()
    page.wait_for_url("**/fr/missions/mission-sante-chine-2017/")


def test_the_history_of_an_agreement_reads_as_a_timeline(page):
    page.goto(
        "/en/agreements/agreement-in-the-field-of-education-and-higher-education-between-quebec-and-china/"
    )
    items = page.locator(".timeline li").all_inner_texts()
    assert items[0] == "1980 Signed"
    assert items[1] == "Renewed 7 times (dates not given)"
    assert len(items) == 2
    page.screenshot(path="/tmp/records-education-en.png", full_page=True)
