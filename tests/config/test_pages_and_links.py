"""Pages and links (issue 13): titles and descriptions that describe the page, the date of the
last change, filter forms that say "Tous"/"All" and name what they ignored, filter tags that
still remove their filter after the language switch, unprefixed addresses that reach the
visitor's language, feed titles that name their filters, the search offered in the other
language. Each in both languages, with the exact text."""

import datetime
import re
from http import HTTPStatus
from xml.etree import ElementTree

import pytest
from django.utils.timezone import localtime

from agreements.models import Agreement
from config.sitemaps import BilingualSitemap
from partners.models import Partner
from tests import factories
from tests.pages import html, whole_sitemap

pytestmark = pytest.mark.django_db

EDUCATION = "entente-education-chine-1980"
EDUCATION_EN = "agreement-in-the-field-of-education-and-higher-education-between-quebec-and-china"
HEALTH_FR = "Ministère de la Santé et des Services sociaux"
HEALTH_EN = "Ministry of Health and Social Services"


def options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r"<option [^>]*>([^<]*)</option>", select)


def title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def description(page: str) -> str:
    return re.search(r'<meta name="description" content="([^"]*)">', page).group(1)


@pytest.mark.parametrize(
    ("url", "name", "expected"),
    [
        (
            "/fr/partenaires/",
            "region",
            [
                "Toutes",
                "Afrique",
                "Amérique du Nord",
                "Amérique du Sud",
                "Antarctique",
                "Asie",
                "Europe",
                "Océanie",
            ],
        ),
        (
            "/en/partners/",
            "region",
            [
                "All",
                "Africa",
                "Antarctica",
                "Asia",
                "Europe",
                "North America",
                "Oceania",
                "South America",
            ],
        ),
        (
            "/fr/partenaires/",
            "kind",
            [
                "Tous",
                "État fédéré ou province",
                "Municipalité",
                "Organisation internationale",
                "Pays ou territoire",
                "Région",
            ],
        ),
        (
            "/en/partners/",
            "kind",
            [
                "All",
                "Country or territory",
                "Federated state or province",
                "International organisation",
                "Municipality",
                "Region",
            ],
        ),
        (
            "/fr/partenaires/",
            "agreements",
            ["Toutes", "Avec des ententes en vigueur", "Sans entente en vigueur"],
        ),
        (
            "/en/partners/",
            "agreements",
            ["All", "With agreements in force", "Without agreements in force"],
        ),
        ("/fr/missions/", "ministry", ["Tous", HEALTH_FR]),
        ("/en/missions/", "ministry", ["All", HEALTH_EN]),
    ],
)
def test_filter_selects_say_all_and_write_labels_as_the_tables_do(
    client, demo, url, name, expected
):
    assert options(html(client.get(url)), name) == expected


def test_status_and_kind_choices_are_capitalised_as_on_the_cards(client, demo):
    for url, every in (("/fr/ententes/", "Tous"), ("/en/agreements/", "All")):
        page = html(client.get(url))
        for name in ("status", "kind"):
            shown = options(page, name)
            assert shown[0] == every
            assert len(shown) > 3 and all(label[0].isupper() for label in shown), shown


def test_every_list_filter_starts_with_all(client, demo):
    for url in ("/fr/ententes/", "/fr/missions/"):
        assert options(html(client.get(url)), "partner")[0] == "Tous"
        assert options(html(client.get(url)), "sector")[0] == "Tous"
    assert options(html(client.get("/en/agreements/")), "partner")[0] == "All"


@pytest.mark.parametrize(
    ("url", "messages"),
    [
        (
            "/fr/ententes/?partner=atlantis&year_from=abc&status=in_force",
            [
                "Partenaire\u00a0: «\u00a0atlantis\u00a0» n'a pas été compris\u00a0; "
                "ce filtre a été ignoré.",
                "Signée à partir de l'année\u00a0: «\u00a0abc\u00a0» n'a pas été compris\u00a0; "
                "ce filtre a été ignoré.",
            ],
        ),
        (
            "/en/agreements/?partner=atlantis&year_from=abc&status=in_force",
            [
                "Partner: “atlantis” was not understood; this filter was ignored.",
                "Signed from the year: “abc” was not understood; this filter was ignored.",
            ],
        ),
    ],
)
def test_ignored_filter_values_are_named_and_show_no_tag(client, demo, url, messages):
    page = html(client.get(url))
    alert = re.search(r'<div class="alert" role="alert">(.*?)</div>', page, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", alert) == messages
    tags = re.search(r'<div class="filter-tags"(.*?)</div>', page, re.S).group(1)
    labels = [label.strip() for label in re.findall(r'<a href="[^"]*">([^<]*)<span', tags)]
    assert labels == (["Statut\u00a0: En vigueur"] if "/fr/" in url else ["Status: In force"])


def test_a_tag_still_removes_its_filter_after_the_language_switch(client, demo):
    # The French page's language link carries the French ministry's name to the English page.
    switched = html(client.get("/en/missions/", {"ministry": HEALTH_FR, "year": "2017"}))
    assert f'<a href="?year=2017">Ministry: {HEALTH_EN} ' in switched
    back = html(client.get("/fr/missions/", {"ministry": HEALTH_EN}))
    assert f'<a href="?">Ministère\u00a0: {HEALTH_FR} ' in back


@pytest.mark.parametrize(
    ("url", "expected_title", "expected_description"),
    [
        (
            "/fr/ententes/?partner=cn&status=in_force",
            "Ententes (Partenaire\u00a0: Chine, Statut\u00a0: En vigueur) "
            "| Relations internationales du Québec",
            "Les ententes, protocoles d'entente et déclarations que le Québec a signés avec ses "
            "partenaires, et leur historique. Affichée avec ces filtres\u00a0: "
            "Partenaire\u00a0: Chine, Statut\u00a0: En vigueur.",
        ),
        (
            "/en/agreements/?partner=cn&status=in_force",
            "Agreements (Partner: China, Status: In force) | Québec's International Relations",
            "The ententes, memoranda of understanding and declarations Québec has signed with "
            "its partners, with their history. Shown with these filters: Partner: China, "
            "Status: In force.",
        ),
        (
            "/en/partners/",
            "Partners | Québec's International Relations",
            "The governments Québec works with: countries, federated states and provinces, "
            "regions and cities.",
        ),
        (
            "/en/agreements/?page=2",
            "Agreements (page 2) | Québec's International Relations",
            "The ententes, memoranda of understanding and declarations Québec has signed with "
            "its partners, with their history.",
        ),
        (
            "/fr/ententes/?page=2",
            "Ententes (page 2) | Relations internationales du Québec",
            "Les ententes, protocoles d'entente et déclarations que le Québec a signés avec ses "
            "partenaires, et leur historique.",
        ),
    ],
)
def test_list_titles_and_descriptions_describe_the_page(
    client, demo, url, expected_title, expected_description
):
    factories.AgreementFactory.create_batch(6)  # 22 agreements: two pages
    page = html(client.get(url))
    assert title(page) == expected_title
    assert description(page) == expected_description


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_record_page_is_described_by_its_own_summary(client, demo, language):
    agreement = Agreement.objects.get(slug_fr=EDUCATION)
    summary = " ".join(getattr(agreement, f"summary_{language}").split())
    page = html(client.get(agreement_address(agreement, language)))
    words = summary.split()
    expected = " ".join(words[:30]) + ("…" if len(words) > 30 else "")
    assert description(page) == expected
    china = html(client.get(f"/{language}/{'partenaires' if language == 'fr' else 'partners'}/cn/"))
    overview = " ".join(getattr(Partner.objects.get(slug="cn"), f"overview_{language}").split())
    assert description(china).startswith(" ".join(overview.split()[:10]))
    assert description(china) != description(page)


def agreement_address(agreement, language):
    from django.utils import translation

    with translation.override(language):
        return agreement.get_absolute_url()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", 'Dernière mise à jour\u00a0: <time datetime="2024-03-15">15 mars 2024</time>'),
        ("en", 'Last updated: <time datetime="2024-03-15">March 15, 2024</time>'),
    ],
)
def test_lists_and_records_say_when_their_content_last_changed(client, demo, language, expected):
    old = datetime.datetime(2020, 5, 4, 12, tzinfo=datetime.UTC)
    latest = datetime.datetime(2024, 3, 15, 15, tzinfo=datetime.UTC)
    Agreement.objects.update(updated_at=old)
    Agreement.objects.filter(slug_fr=EDUCATION).update(updated_at=latest)
    agreement = Agreement.objects.get(slug_fr=EDUCATION)
    lists = "ententes" if language == "fr" else "agreements"
    assert expected in html(client.get(f"/{language}/{lists}/"))
    assert expected in html(client.get(agreement_address(agreement, language)))
    # A list filtered to other records says when those last changed.
    older = html(client.get(f"/{language}/{lists}/", {"partner": "us-vt"}))
    assert 'datetime="2020-05-04"' in older and 'datetime="2024-03-15"' not in older


@pytest.mark.parametrize(
    ("path", "accept", "target"),
    [
        ("/", "en-CA,en;q=0.8", "/en/"),
        ("/", "fr-CA,fr;q=0.9", "/fr/"),
        ("/partenaires/cn/", "en-CA,en;q=0.8", "/en/partners/cn/"),
        ("/partenaires/cn/", "fr-CA", "/fr/partenaires/cn/"),
        ("/partners/cn/", "fr-CA", "/fr/partenaires/cn/"),
        ("/ententes/?partner=cn&utm_source=x", "en", "/en/agreements/?partner=cn"),
        ("/recherche/?q=sant%C3%A9", "en", "/en/search/?q=sant%C3%A9"),
        ("/ententes/fil/", "en", "/en/agreements/feed/"),
    ],
)
def test_an_unprefixed_address_goes_to_the_visitors_language(client, demo, path, accept, target):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]
    assert client.get(target).status_code == HTTPStatus.OK


def test_an_unknown_unprefixed_address_is_not_found(client, demo):
    assert client.get("/nulle-part/", HTTP_ACCEPT_LANGUAGE="en").status_code == 404


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_head_names_an_x_default_that_reaches_every_visitor(client, demo, language):
    lists = "ententes" if language == "fr" else "agreements"
    page = html(client.get(f"/{language}/{lists}/?partner=cn"))
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/ententes/?partner=cn">'
        in page
    )
    for accept, target in (
        ("en", "/en/agreements/?partner=cn"),
        ("fr", "/fr/ententes/?partner=cn"),
    ):
        response = client.get("/ententes/?partner=cn", HTTP_ACCEPT_LANGUAGE=accept)
        assert response["Location"] == target


def test_no_sitemap_address_is_a_404_for_either_language(client, demo):
    tree = ElementTree.fromstring(
        f"<all>{re.sub(r'<[?]xml[^>]*>', '', whole_sitemap(client))}</all>"
    )
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    addresses = {loc.text for loc in tree.findall("s:urlset/s:url/s:loc", ns)}
    addresses |= {link.get("href") for link in tree.findall("s:urlset/s:url/x:link", ns)}
    x_defaults = {
        link.get("href")
        for link in tree.findall("s:urlset/s:url/x:link", ns)
        if link.get("hreflang") == "x-default"
    }
    assert x_defaults and len(addresses) > 60
    for address in sorted(addresses):
        path = address.removeprefix("http://testserver")
        for accept in ("fr-CA", "en-CA"):
            response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept, follow=True)
            assert response.status_code == HTTPStatus.OK, (address, accept)
            if address in x_defaults:
                assert response.redirect_chain[-1][0].startswith(f"/{accept[:2]}/")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/fr/ententes/fil/?partner=cn&status=in_force",
            "Les ententes internationales du Québec (Partenaire\u00a0: Chine, "
            "Statut\u00a0: En vigueur)",
        ),
        (
            "/en/agreements/feed/?partner=cn&status=in_force",
            "Québec's international agreements (Partner: China, Status: In force)",
        ),
        ("/en/agreements/feed/", "Québec's international agreements"),
        ("/en/missions/feed/?partner=cn", "Ministerial missions abroad (Partner: China)"),
        (
            "/fr/missions/fil/?partner=cn",
            "Missions ministérielles à l'étranger (Partenaire\u00a0: Chine)",
        ),
    ],
)
def test_a_feed_title_names_its_filters(client, demo, url, expected):
    feed = ElementTree.fromstring(client.get(url).content)
    assert feed.find("{http://www.w3.org/2005/Atom}title").text == expected


def test_feed_entries_carry_their_records_publication_time(client, demo):
    published = datetime.datetime(2021, 6, 9, 14, 30, tzinfo=datetime.UTC)
    Agreement.objects.filter(slug_fr=EDUCATION).update(published_at=published)
    feed = ElementTree.fromstring(client.get("/en/agreements/feed/?partner=cn").content)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {
        entry.find(f"{atom}id").text.rsplit("/", 2)[-2]: entry.find(f"{atom}published").text
        for entry in feed.findall(f"{atom}entry")
    }
    assert entries[EDUCATION_EN] == "2021-06-09T14:30:00+00:00"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/en/search/?q=sant%C3%A9",
            'Searching in the other language? <a href="/fr/recherche/?q=sant%C3%A9" '
            'hreflang="fr">Search for “santé” in French</a>',
        ),
        (
            "/fr/recherche/?q=health",
            'Vous cherchez dans l\'autre langue\u00a0? <a href="/en/search/?q=health" '
            'hreflang="en">Chercher «\u00a0health\u00a0» en anglais</a>',
        ),
    ],
)
def test_search_results_offer_the_search_in_the_other_language(client, demo, url, expected):
    page = html(client.get(url))
    assert expected in page
    other = re.search(r'<a href="([^"]*)" hreflang', expected).group(1)
    assert client.get(other).context["result_count"] > 0


@pytest.mark.parametrize(
    "url",
    [
        "/fr/partenaires/",
        "/en/partners/",
        "/fr/ententes/",
        "/en/agreements/",
        "/fr/missions/",
        "/en/missions/",
        "/fr/commerce/",
        "/en/trade/",
    ],
)
def test_aria_describedby_points_at_ids_that_exist(client, demo, url):
    page = html(client.get(url))
    described = re.findall(r'aria-describedby="([^"]*)"', page)
    ids = set(re.findall(r'\sid="([^"]*)"', page))
    # Every list but the partners' has a partner filter, with its help text.
    assert len(described) == (0 if "parten" in url or "partners" in url else 1)
    for names in described:
        for name in names.split():
            assert name in ids, (url, name)


def test_the_sitemap_is_an_index_of_sections_in_pages(client, demo, monkeypatch):
    """/sitemap.xml (robots.txt's) lists each section's pages; a section's page holds at most
    `limit` addresses (a record in one language is one); together they hold every published
    agreement in both languages."""
    monkeypatch.setattr(BilingualSitemap, "limit", 10)
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    published = Agreement.objects.published().count()
    pages = -(-published * 2 // 10)
    assert [s for s in sections if s.startswith("/sitemap-agreements")] == [
        "/sitemap-agreements.xml",
        *(f"/sitemap-agreements.xml?p={n}" for n in range(2, pages + 1)),
    ]
    assert {s.split(".xml")[0] for s in sections} == {
        "/sitemap-pages",
        "/sitemap-partners",
        "/sitemap-agreements",
        "/sitemap-missions",
        "/sitemap-sectors",
    }
    latest = localtime(Agreement.objects.published().latest("updated_at").updated_at)
    assert (
        f"<loc>http://testserver/sitemap-agreements.xml</loc><lastmod>{latest.isoformat()}</lastmod>"
        in index
    )
    listed = []
    for section in sections:
        if section.startswith("/sitemap-agreements"):
            body = client.get(section.replace("&amp;", "&")).content.decode()
            urls = re.findall(r"<url><loc>http://testserver([^<]+)</loc>", body.replace("\n", ""))
            assert 0 < len(urls) <= 10
            listed += urls
    assert len(listed) == len(set(listed)) == published * 2


@pytest.mark.parametrize(
    ("address", "english"),
    [
        # The same list, its query kept as the address gave it (percent-encoded).
        ("/fr/ententes/?q=sant%C3%A9&page=2", "/en/agreements/?q=sant%C3%A9&page=2"),
        # A record's page: its slug in the other language.
        (
            "/fr/ententes/entente-education-chine-1980/?preview=1",
            "/en/agreements/agreement-in-the-field-of-education-and-higher-education-between"
            "-quebec-and-china/?preview=1",
        ),
        # An address of a page whose record is not found: the same address in English.
        ("/fr/ententes/aucune-entente/", "/en/agreements/aucune-entente/"),
        # An address of no page: the other language's home page.
        ("/fr/nulle-part/", "/en/"),
    ],
)
def test_the_switch_names_the_same_page_in_english(client, demo, address, english):
    page = html(client.get(address))
    assert f'<a class="language-switch" href="{english}" hreflang="en" lang="en">' in page
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english}">' in page
