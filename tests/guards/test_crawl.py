"""The crawl of both languages: from /fr/, /en/ and the sitemap, every internal address a page
gives (links, `hreflang` alternates including x-default, the sitemap's `<loc>` and `xhtml:link`
alternates) answers; every page says its language; no page shows a word of the other language
outside an element marked with that language; no count of four digits or more is ungrouped.

The rules a page is held to are in tests/guards/crawl.py, and tested here on examples."""

import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.test import Client
from modeltranslation.translator import translator

from tests.guards.crawl import (
    Crawler,
    PageParser,
    _pattern,
    catalog_phrases,
    catalog_words,
    ungrouped_counts,
)
from tests.pages import whole_sitemap

pytestmark = pytest.mark.django_db

SKIP = (f"/{settings.ADMIN_URL}", "/i18n/", settings.STATIC_URL, settings.MEDIA_URL)
# The search page is reached by a form, not a link: its results for a word are a start.
STARTS = ["/fr/", "/en/", "/sitemap.xml", "/fr/recherche/?q=shandong", "/en/search/?q=chine"]
LANGUAGES = ("fr", "en")
_CRAWLS = {}
TEXT_ONLY = {"title", "meta"}  # elements that hold text and no element


def crawl_of_demo(client) -> Crawler:
    """The crawl of the demo, made once for the tests of this module (each reads it only)."""
    if "demo" not in _CRAWLS:
        _CRAWLS["demo"] = Crawler(client, skip_prefixes=SKIP, variants=3).run(STARTS)
    return _CRAWLS["demo"]


@pytest.fixture
def crawl(client, demo):
    return crawl_of_demo(client)


def language_of(address: str) -> str | None:
    prefix = address[1:3]
    return prefix if prefix in LANGUAGES and address[3:4] == "/" else None


def html_pages(crawl):
    return [
        (address, page)
        for address, page in crawl.pages.items()
        if language_of(address) and page.pieces
    ]


def test_the_crawl_reaches_every_kind_of_page_and_download(crawl):
    reached = set(crawl.pages)
    for address in (
        "/fr/partenaires/cn/",
        "/en/partners/cn/",
        "/fr/missions/mission-sante-chine-2017/",
        "/en/trade/",
        "/fr/secteurs/",
        "/en/open-data/",
        "/fr/ententes/fil/",
        "/en/missions/feed/",
        "/en/agreements/?format=csv",
        "/fr/missions/?format=json",
    ):
        assert address in reached
    assert len([a for a, _ in html_pages(crawl) if a.startswith("/fr/")]) >= 60
    assert len([a for a, _ in html_pages(crawl) if a.startswith("/en/")]) >= 60


def test_no_address_reached_is_broken(crawl):
    broken = [
        f"{address} → {status} (linked from {referrer})"
        for address, status, referrer in crawl.broken
    ]
    assert broken == []


def test_every_page_says_its_language(crawl):
    wrong = [
        (address, page.lang)
        for address, page in html_pages(crawl)
        if page.lang != language_of(address)
    ]
    assert wrong == []


def test_x_default_sends_each_browser_to_its_language(crawl):
    """Every x-default address (the sitemap's and the pages' heads'), asked by a browser that
    prefers English, ends on the English page; by one that prefers French, on the French one."""
    sitemap = whole_sitemap(crawl.client)
    defaults = set(re.findall(r'hreflang="x-default" href="http://testserver([^"]+)"', sitemap))
    assert len(defaults) >= 50
    heads = {
        page.alternates["x-default"].removeprefix("http://testserver")
        for _address, page in html_pages(crawl)
        if "x-default" in page.alternates
    }
    assert len(heads) >= 60 and "/partenaires/cn/" in heads
    defaults |= heads
    for language, preference in (("en", "en-CA,en;q=0.9"), ("fr", "fr-CA,fr;q=0.9")):
        browser = Client(HTTP_ACCEPT_LANGUAGE=preference)
        for address in sorted(defaults):
            response = browser.get(address, follow=True)
            assert response.status_code == HTTPStatus.OK, address
            assert response.redirect_chain[-1][0].startswith(f"/{language}/"), address


def words_of_the_other_language(crawl):
    """(address, text, catalog text) for each run of visible text, outside an element marked
    with the other language, that is a translated text of the catalog in the other language."""
    catalog = settings.BASE_DIR / "locale/fr/LC_MESSAGES/django.po"
    french, english = catalog_words(catalog)
    french_phrase, english_phrase = catalog_phrases(catalog)
    found = []
    for address, page in html_pages(crawl):
        language = language_of(address)
        patterns = french if language == "en" else english
        phrase = french_phrase if language == "en" else english_phrase
        for piece in page.pieces:
            if piece.lang != language or piece.code:
                continue
            found += [(address, piece.text, text) for text, p in patterns if p.match(piece.text)]
            if match := phrase.search(piece.text):
                found.append((address, piece.text, match.group()))
    return found


def test_no_page_shows_a_word_of_the_other_language(crawl):
    assert words_of_the_other_language(crawl) == []


def test_no_page_shows_an_ungrouped_count(crawl):
    found = [
        (address, piece.text)
        for address, page in html_pages(crawl)
        for piece in page.pieces
        if ungrouped_counts(piece.text, code=piece.code)
    ]
    assert found == []


# Text of the other language ---------------------------------------------------------------------


def blank(language):
    """Empty every column of `language` of every translated field (but one that a unique
    constraint keeps: offices' cities); return the other language's texts shown in their place
    (each line of each value that is not also the text in `language`)."""
    other = "en" if language == "fr" else "fr"
    shown = set()
    for model in translator.get_registered_models():
        for field in translator.get_options_for_model(model).fields:
            rows = list(model._base_manager.values_list(f"{field}_{other}", f"{field}_{language}"))
            try:
                with transaction.atomic():
                    model._base_manager.update(**{f"{field}_{language}": ""})
            except IntegrityError:
                continue
            for text, own in rows:
                for line in (text or "").splitlines():
                    line = " ".join(line.split()).lstrip("-• ")
                    if len(line) >= 4 and line not in (own or ""):
                        shown.add(line)
    return shown


@pytest.mark.parametrize(("language", "other"), [("en", "fr"), ("fr", "en")])
def test_text_of_the_other_language_is_marked_with_it(demo, language, other):
    """With no text at all in the page's language, every text of the other language a page
    shows sits in an element marked with that language (the page's and the select's alike). A
    `<title>` (the page's, or a chart's SVG one) and the meta description hold text only: no
    element inside them can say that a name in them is in the other language; left out."""
    shown = blank(language)
    browser = Client(HTTP_ACCEPT_LANGUAGE=language)
    crawl = Crawler(browser, skip_prefixes=(*SKIP, f"/{other}/"), variants=3).run(
        [f"/{language}/", "/sitemap.xml"]
    )
    assert crawl.broken == []
    assert len([a for a in crawl.pages if a.startswith(f"/{language}/")]) >= 60
    longest_first = sorted(shown, key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(text)}(?!\w)" for text in longest_first))
    unmarked = sorted(
        {
            (address.split("?")[0], piece.tag, piece.text[:80])
            for address, page in crawl.pages.items()
            if address.startswith(f"/{language}/")
            for piece in page.pieces
            if piece.lang != other
            and not piece.code
            and piece.tag not in TEXT_ONLY
            and pattern.search(piece.text)
        }
    )
    assert unmarked == []


# The rules, on examples ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "signée en 2017",
        "2015\u20132016",
        "2015-2016",
        "1900 à 2100",
        "2017-09-02",
        "code ISO 3166",
        "ISO 3166-1, ISO 8601",
        "+1 418 555-0123",
        "418-555-0123",
        "(418) 555-0123",
        "1 807 ententes",
        "1,807 agreements",
        "13,8 G$",
        "999 missions",
    ],
)
def test_allowed_numbers(text):
    assert ungrouped_counts(text) == []


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("1807 ententes", ["1807"]),
        ("1807 agreements", ["1807"]),
        ("2 676000000 $", ["676000000"]),
        ("1899 partners", ["1899"]),
        ("2101", ["2101"]),
        ("20170", ["20170"]),
        ("12345 $ in 2017", ["12345"]),
        ("ISO 3166 and 4000 rows", ["4000"]),
    ],
)
def test_ungrouped_counts(text, runs):
    assert ungrouped_counts(text) == runs


def test_codes_are_identifiers_not_counts():
    assert ungrouped_counts("(8802)") == ["8802"]
    assert ungrouped_counts("(8802)", code=True) == []
    assert ungrouped_counts("(880200)", code=True) == []
    assert ungrouped_counts("(1234567)", code=True) == ["1234567"]


def test_the_parser_gives_each_text_its_language_and_code():
    parser = PageParser()
    parser.feed(
        '<html lang="en"><head><title>T</title><meta name="description" content="D">'
        '<script>var x = "Signée";</script></head><body><p>One <span lang="fr">Chine</span> two'
        '<br><img alt="Alt"> <select><option lang="fr">Ministère</option></select>'
        '<span translate="no">(8802)</span><code>kind</code></p></body></html>'
    )
    pieces = [(p.text, p.lang, p.code) for p in parser.pieces]
    assert parser.html_lang == "en"
    assert pieces == [
        ("T", "en", False),
        ("D", "en", False),
        ("One", "en", False),
        ("Chine", "fr", False),
        ("two", "en", False),
        ("Alt", "en", False),
        ("Ministère", "fr", False),
        ("(8802)", "en", True),
        ("kind", "en", True),
    ]


def test_a_catalog_text_matches_a_whole_run_of_text_with_its_placeholders():
    pattern = _pattern("%(count)s ententes en vigueur")
    assert pattern.match("1 807 ententes en vigueur")
    assert not pattern.match("Voir les ententes en vigueur avec la Chine")
    assert _pattern("%(kind)s : %(counts)s") is None  # no word of its own: it would match anything
    assert _pattern("≈ %(figure)s") is None


def test_the_crawler_reports_a_broken_address_with_the_page_that_linked_it(client, demo):
    crawl = Crawler(client, skip_prefixes=SKIP).run(["/fr/ententes/n-existe-pas/"])
    assert ("/fr/ententes/n-existe-pas/", HTTPStatus.NOT_FOUND, "(start)") in crawl.broken
    assert crawl.internal("https://example.org/fr/", "http://testserver/fr/") is None
    assert crawl.internal("mailto:a@example.org", "http://testserver/fr/") is None
    assert crawl.internal("../ententes/#main", "http://testserver/fr/missions/") == "/fr/ententes/"
    assert crawl.internal("/static/css/site.css", "http://testserver/fr/") is None


def test_the_crawler_reads_a_bounded_number_of_query_strings_a_path(client):
    crawl = Crawler(client, variants=2)
    assert [crawl.admit(f"/fr/ententes/?page={n}") for n in (1, 2, 3, 1)] == [
        True,
        True,
        False,
        True,
    ]
    assert crawl.admit("/fr/ententes/")


def test_a_phrase_of_the_catalog_is_found_inside_a_longer_text(settings):
    french, english = catalog_phrases(settings.BASE_DIR / "locale/fr/LC_MESSAGES/django.po")
    assert french.search("China: 6 Ententes en vigueur, and more").group() == "Ententes en vigueur"
    assert not french.search("Agreements in force with China")
    assert english.search("Voir les Agreements in force ici").group() == "Agreements in force"
    assert not english.search("Ententes en vigueur avec la Chine")
