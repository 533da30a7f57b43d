"""A citizen reads the lists in their own language's order, on a desktop and on a phone: the
partner list, a dossier's sub-partners and the partner choices of every filter, in French and,
after the language switch, in English."""

import pytest

from tests.partners.publishing.test_language import ENGLISH_PARTNERS, FRENCH_PARTNERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def listed_partners(page) -> list[str]:
    return page.locator("table.data tbody th[scope=row] > a").all_inner_texts()


@pytest.mark.parametrize("width", [1280, 390])
def test_partner_lists_follow_the_page_language_order(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/fr/partenaires/")
    assert listed_partners(page) == FRENCH_PARTNERS
    page.screenshot(path=f"/tmp/shots/partenaires-{width}.png", full_page=True)

    page.locator("a.language-switch[hreflang=en]").first.click()
    page.wait_for_url("**/en/partners/")
    assert listed_partners(page) == ENGLISH_PARTNERS
    page.screenshot(path=f"/tmp/shots/partners-{width}.png", full_page=True)

    # A dossier's sub-partners, in each language.
    page.goto("/en/partners/us/")
    children = page.locator("#sub-partners a").all_inner_texts()
    assert children == [
        "California",
        "Maine",
        "Massachusetts",
        "New Hampshire",
        "New York State",
        "Vermont",
    ]
    page.goto("/fr/partenaires/us/")
    children = page.locator("#sub-partners a").all_inner_texts()
    assert children == [
        "Californie",
        "État de New York",
        "Maine",
        "Massachusetts",
        "New Hampshire",
        "Vermont",
    ]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/fr/ententes/", FRENCH_PARTNERS),
        ("/en/agreements/", ENGLISH_PARTNERS),
        ("/fr/missions/", FRENCH_PARTNERS),
        ("/en/missions/", ENGLISH_PARTNERS),
        ("/fr/commerce/", None),
        ("/en/trade/", None),
    ],
)
def test_partner_choices_of_every_filter_follow_the_page_language_order(page, address, expected):
    page.goto(address)
    options = [
        text.strip()
        for text in page.locator("select[name=partner] option").all_inner_texts()
        if text.strip()
    ]
    profiled = [name for name in options if name in set(FRENCH_PARTNERS) | set(ENGLISH_PARTNERS)]
    if expected is not None:
        assert profiled == expected
    # Whatever the list holds (the trade explorer offers every country), it is in order.
    language = address.split("/")[1]
    key = page.evaluate(
        "([names, lang]) => names.slice().sort(new Intl.Collator(lang).compare)",
        [options[1:], language],
    )
    assert options[1:] == key
