"""Every public page type, in French and English: it answers, says its language, and links to
the same page in the other language."""

import csv
import io
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.pages import whole_sitemap

pytestmark = pytest.mark.django_db

PAGES = [
    ("home", {}, ""),
    ("partners:list", {}, "?region=AS&sort=name"),
    ("partners:detail", {"slug": "cn"}, ""),
    ("agreements:list", {}, "?partner=cn&status=in_force"),
    # A record's page carries its slug in the page's language.
    (
        "agreements:detail",
        {
            "slug": {
                "fr": "entente-science-technologie-chine-1995",
                "en": "quebec-china-cooperation-agreement-in-the-fields-of-science-and-technology",
            }
        },
        "",
    ),
    ("missions:list", {}, "?year=2017"),
    (
        "missions:detail",
        {
            "slug": {
                "fr": "mission-sante-chine-2017",
                "en": "mission-of-the-minister-of-health-and-social-services-to-china",
            }
        },
        "",
    ),
    ("trade:explorer", {}, "?partner=cn&year_from=2015"),
    ("search", {}, "?q=shandong"),
]


def url(name, kwargs, query, language):
    kwargs = {k: v[language] if isinstance(v, dict) else v for k, v in kwargs.items()}
    with translation.override(language):
        return reverse(name, kwargs=kwargs) + query


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("name", "kwargs", "query"), PAGES)
def test_page_answers_in_its_language_and_links_to_the_same_page(
    client, demo, name, kwargs, query, language
):
    address = url(name, kwargs, query, language)
    response = client.get(address)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    other = "en" if language == "fr" else "fr"
    expected = url(name, kwargs, query, other)
    # The language link and both hreflang alternates point at the same record and filters.
    assert f'href="{expected}" hreflang="{other}" lang="{other}"' in html.replace("&amp;", "&")
    assert f'hreflang="{other}" href="http://testserver{expected}"' in html.replace("&amp;", "&")
    assert client.get(expected).status_code == HTTPStatus.OK


def test_root_sends_visitors_to_their_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-CA,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")["Location"] == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/fr/"


def test_untranslated_field_shows_the_other_language_with_a_notice(client, demo):
    from agreements.models import Agreement

    agreement = Agreement.objects.get(slug_fr="entente-lac-champlain-2003")
    agreement.summary_en = ""
    agreement.save()
    html = client.get(
        "/en/agreements/agreement-on-environmental-cooperation-regarding-the-management-of-lake-champlain/"
    ).content.decode()
    french = escape(agreement.summary_fr)
    assert (
        f'<div lang="fr"><p>{french}</p></div> '
        '<span class="notice-language">(Content available in French only)</span>'
    ) in html


def test_dates_money_and_percentages_follow_the_language(client, demo):
    french = client.get("/fr/partenaires/cn/").content.decode()
    english = client.get("/en/partners/cn/").content.decode()
    assert "13,8\u00a0G$" in french and "$13.8 billion" in english
    assert "+3,1\u00a0%" in french and "+3.1%" in english
    assert "14,3\u00a0%" in french and "14.3%" in english  # aircraft, share of 2016 exports
    mission_fr = client.get("/fr/missions/mission-sante-chine-2017/").content.decode()
    mission_en = client.get(
        "/en/missions/mission-of-the-minister-of-health-and-social-services-to-china/"
    ).content.decode()
    assert "2 septembre 2017" in mission_fr and "September 2, 2017" in mission_en


def test_dossier_joins_everything_about_a_partner(client, demo):
    response = client.get("/en/partners/cn/")
    html = response.content.decode()
    assert [c.name_en for c in response.context["children"]] == ["Shandong", "Shanghai"]
    groups = {label: count for label, _s, count, _i in response.context["agreement_groups"]}
    # China's and its provinces', drafts left out.
    assert groups == {"Signed agreements": 2, "Agreements in force": 6}
    assert [m.slug_fr for m in response.context["missions"]] == ["mission-sante-chine-2017"]
    assert [r["year"] for r in response.context["trade"]] == [2015, 2016]
    assert [f.product.hs_code for f in response.context["top_exports"]] == [
        "8802",
        "2601",
        "0203",
        "8703",
        "4705",
    ]
    assert 'role="img"' in html and "<table" in html  # the chart and its data table


def chart_of(html):
    """(bar titles, legend) of the page's chart."""
    chart = html[html.index("<svg") : html.index("</ul>", html.index("<svg"))]
    bars = re.findall(r'<rect class="bar-[a-z]+"[^>]*><title>([^<]*)</title>', chart)
    legend = re.findall(r'<span class="swatch [^"]+" aria-hidden="true"></span>([^<]+)<', chart)
    return bars, legend


def test_the_trade_chart_shows_a_total_whose_split_is_not_given(client, demo):
    korea = client.get("/en/trade/", {"partner": "kr"}).content.decode()
    assert chart_of(korea) == (
        ["Total trade (split not given) 2016: $2.1 billion"],
        ["Total trade (split not given)"],
    )

    china = client.get("/en/trade/", {"partner": "cn", "year_from": "2016"}).content.decode()
    assert chart_of(china) == (
        ["Exports 2016: $3.0 billion", "Imports 2016: $10.8 billion"],
        ["Exports", "Imports"],
    )

    # One chart a partner, named: the two partners' figures are not summed.
    both = client.get("/en/trade/", {"partner": ["cn", "kr"], "year_from": "2016"})
    page = both.content.decode()
    titles = re.findall(r'<title id="chart-([a-z-]+)-title">([^<]+)</title>', page)
    assert titles == [
        ("cn", "Trade in goods with China, by year"),
        ("kr", "Trade in goods with South Korea, by year"),
    ]
    assert chart_of(page[page.index('id="chart-kr-title"') - 200 :])[0] == [
        "Total trade (split not given) 2016: $2.1 billion"
    ]


def test_agreement_history_says_no_more_than_the_sources(client, demo):
    html = client.get(
        "/en/agreements/agreement-in-the-field-of-education-and-higher-education-between-quebec-and-china/"
    ).content.decode()
    assert '<span class="when">1980</span> Signed' in html
    assert "Renewed 7 times (dates not given)" in html
    science = client.get(
        "/en/agreements/quebec-china-cooperation-agreement-in-the-fields-of-science-and-technology/"
    )
    assert [e.date_display for e in science.context["dated_events"]] == ["1995", "2005", "2011"]
    assert "Mission of the Minister" not in science.content.decode()
    memo = client.get(
        "/en/agreements/memorandum-of-understanding-in-the-field-of-medical-technologies/"
    ).content.decode()
    assert "Mission of the Minister of Health and Social Services to China" in memo
    assert "September 2017" in memo


def test_agreements_filter_by_country_includes_its_provinces(client, demo):
    response = client.get("/en/agreements/", {"partner": "cn"})
    slugs = {a.slug_fr for a in response.context["object_list"]}
    assert "entente-amitie-echanges-shandong-2008" in slugs  # Shandong is in China
    assert "entente-lac-champlain-2003" not in slugs
    assert response.context["paginator"].count == 8
    years = client.get("/en/agreements/", {"year_from": "2004", "year_to": "2006"})
    assert sorted(a.signed_on.year for a in years.context["object_list"]) == [
        2004,
        2004,
        2004,
        2006,
        2006,
    ]


@pytest.mark.parametrize(
    "address",
    [
        "/en/agreements/?year_from=abc&year_to=%27%3B--",
        "/en/agreements/?partner=nowhere&status=unknown&kind=x",
        "/en/agreements/?page=999999999",
        "/en/agreements/?page=-1&sort=__class__",
        "/en/partners/?region=ZZ&agreements=maybe&sector=%00",
        "/en/missions/?year=20177777777777&partner=cn&partner=kr",
        "/en/trade/?year_from=2020&year_to=1990&partner=nowhere&sort=evil",
        "/en/search/?q=" + "%C3%A9" * 300,
        "/en/search/?q=%27%29+OR+1%3D1--&page=abc",
        "/en/agreements/feed/?status=nope",
    ],
)
def test_malformed_parameters_never_give_a_server_error(client, demo, address):
    response = client.get(address)
    assert response.status_code == HTTPStatus.OK


def test_a_huge_page_number_shows_the_last_page(client, demo):
    response = client.get("/en/agreements/?page=999")
    assert response.context["page_obj"].number == response.context["paginator"].num_pages


def test_unknown_filter_values_are_said_and_ignored(client, demo):
    response = client.get("/en/agreements/?year_from=abc")
    assert response.context["paginator"].count == 16
    assert "Some filter values were not understood and were ignored" in response.content.decode()


def test_exports_hold_exactly_the_filtered_records(client, demo):
    response = client.get("/en/agreements/", {"partner": "us-vt", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Identifier,Page,Title,Reference number,Kind (code),Kind,")
    assert len(lines) == 3  # Lake Champlain and the law-enforcement agreement
    data = client.get("/en/agreements/", {"partner": "us-vt", "format": "json"}).json()
    assert sorted(row["signed_on"] for row in data) == ["2003", "2004"]
    assert all(list(row)[:3] == ["id", "url", "title"] for row in data)
    french = client.get("/fr/missions/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "Mission du ministre de la Santé et des Services sociaux en Chine" in french


def test_trade_csv_is_exactly_what_the_explorer_shows(client, demo):
    page = client.get("/en/trade/", {"partner": "cn", "sort": "year", "order": "asc"})
    assert [(r["partner"].iso_code, r["year"]) for r in page.context["rows"]] == [
        ("CN", 2015),
        ("CN", 2016),
    ]
    csv_text = client.get(
        "/en/trade/", {"partner": "cn", "sort": "year", "order": "asc", "format": "csv"}
    )
    text = b"".join(csv_text.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    totals = [",".join(row) for row in rows[1:] if not row[4]]  # the rows without a product
    assert totals == [
        "cn,China,CN,2015,,,2676000000.00,10704000000.00,13380000000.00,-8028000000.00,",
        "cn,China,CN,2016,,,3000000000.00,10800000000.00,13800000000.00,-7800000000.00,3.1",
    ]


def test_feeds_honour_the_list_filters(client, demo):
    everything = client.get("/en/agreements/feed/").content.decode()
    assert everything.count("<entry>") == 16
    vermont = client.get("/en/agreements/feed/?partner=us-vt").content.decode()
    assert vermont.count("<entry>") == 2
    assert "Lake Champlain" in vermont
    french = client.get("/fr/missions/fil/").content.decode()
    assert "Mission du ministre de la Santé" in french


def test_sitemap_lists_both_languages_as_alternates(client, demo):
    xml = whole_sitemap(client)
    assert (
        "http://testserver/fr/partners/cn/" in xml or "http://testserver/fr/partenaires/cn/" in xml
    )
    assert re.search(r'hreflang="en" href="http://testserver/en/partners/cn/"', xml)
    assert "actualisation-entente-shandong" not in xml  # a draft


def test_robots_txt_points_at_the_sitemap_and_never_names_the_admin(client, settings):
    settings.ADMIN_URL = "gestion-7f3a/"
    text = client.get("/robots.txt").content.decode()
    assert text == (
        "User-agent: *\nDisallow: /*?*format=\nSitemap: http://testserver/sitemap.xml\n"
    )


@pytest.mark.django_db
def test_the_admins_pages_ask_not_to_be_indexed(client):
    page = client.get(reverse("admin:login")).content.decode()
    assert '<meta name="robots" content="NONE,NOARCHIVE">' in page


def test_the_site_has_an_icon(client, demo):
    page = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page

    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND,
        "/static/img/favicon.svg",
    )
    assert response["Cache-Control"] == "max-age=86400"
    assert client.get("/static/img/favicon.svg").status_code == HTTPStatus.OK


def test_error_pages_speak_the_page_language(client, demo):
    french = client.get("/fr/partenaires/nulle-part/")
    english = client.get("/en/partners/nowhere/")
    assert french.status_code == english.status_code == HTTPStatus.NOT_FOUND
    assert '<html lang="fr">' in french.content.decode()
    assert "Page not found" in english.content.decode()
    assert "Page introuvable" in french.content.decode()


def test_french_pages_speak_french(client, demo):
    html = client.get("/fr/ententes/?partner=cn").content.decode()
    assert "<h1>Ententes</h1>" in html
    assert "Filtres appliqués" in html
    assert 'href="/en/agreements/?partner=cn" hreflang="en" lang="en">English</a>' in html
    untranslated = client.get("/fr/").content.decode()
    assert (
        "Skip to main content" not in untranslated and "Passer au contenu principal" in untranslated
    )


def test_missions_filter_by_ministry_in_the_page_language(client, demo):
    english = client.get("/en/missions/", {"ministry": "Ministry of Health and Social Services"})
    assert english.context["paginator"].count == 1
    french = client.get(
        "/fr/missions/", {"ministry": "Ministère de la Santé et des Services sociaux"}
    )
    assert french.context["paginator"].count == 1
    assert [tag for _name, _value, tag in french.context["applied_filters"]] == [
        "Ministère\u00a0: Ministère de la Santé et des Services sociaux"
    ]
