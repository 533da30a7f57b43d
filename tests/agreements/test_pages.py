"""Agreements: the list and its filters, the detail page, in French and English."""

import datetime
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from agreements.models import Agreement, AgreementEvent
from missions.models import Mission
from partners.models import Partner
from partners.publishing.models import DatePrecision, PublicationStatus
from tests import factories
from tests.pages import html, slugs, switch_language

pytestmark = pytest.mark.django_db

SCIENCE = "entente-science-technologie-chine-1995"
EDUCATION = "entente-education-chine-1980"
MEDTECH = "protocole-technologies-medicales-2017"
# Their English slugs (derived from their English titles).
SCIENCE_EN = "quebec-china-cooperation-agreement-in-the-fields-of-science-and-technology"
EDUCATION_EN = "agreement-in-the-field-of-education-and-higher-education-between-quebec-and-china"
MEDTECH_EN = "memorandum-of-understanding-in-the-field-of-medical-technologies"


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("name", "kwargs", "query"),
    [
        ("agreements:list", {}, ""),
        ("agreements:list", {}, "?partner=cn&status=in_force&year_from=1990&sort=title"),
        ("agreements:detail", {"slug": SCIENCE}, ""),
    ],
)
def test_pages_speak_their_language_and_link_to_the_same_page(
    client, demo, address, language, name, kwargs, query
):
    response, switched = switch_language(client, address, language, name, query, **kwargs)
    if "slug" in kwargs:
        assert switched.context["agreement"] == response.context["agreement"]
    else:
        # The same records (their order may differ: titles sort in each language).
        assert sorted(slugs(switched)) == sorted(slugs(response))


def test_french_and_english_addresses_are_translated(address, demo):
    assert address("agreements:list", "fr") == "/fr/ententes/"
    assert address("agreements:list", "en") == "/en/agreements/"
    assert address("agreements:detail", "fr", slug=SCIENCE) == f"/fr/ententes/{SCIENCE}/"


def test_the_list_shows_published_agreements_only_newest_first(client, demo):
    response = client.get("/en/agreements/")
    assert response.context["paginator"].count == 16
    assert slugs(response)[:3] == [
        "protocole-prevention-controle-maladies-2017",
        MEDTECH,
        "entente-cooperation-shanghai-2011",
    ]
    assert "actualisation-entente-shandong" not in slugs(response)
    assert "16 agreements" in html(response)


def test_a_country_brings_the_agreements_of_its_provinces_and_cities(client, demo):
    china = client.get("/en/agreements/", {"partner": "cn"})
    assert sorted(slugs(china)) == [
        "entente-amitie-echanges-shandong-2008",
        "entente-cooperation-shanghai-2011",
        EDUCATION,
        SCIENCE,
        "entente-science-technologie-shandong",
        "entente-science-technologie-shanghai",
        "protocole-prevention-controle-maladies-2017",
        MEDTECH,
    ]
    shandong = client.get("/en/agreements/", {"partner": "cn-sd"})
    assert sorted(slugs(shandong)) == [
        "entente-amitie-echanges-shandong-2008",
        "entente-science-technologie-shandong",
    ]
    # Lake Champlain has two parties; it is listed once under their country.
    united_states = client.get("/en/agreements/", {"partner": "us"})
    assert slugs(united_states).count("entente-lac-champlain-2003") == 1
    assert united_states.context["paginator"].count == 5


def test_a_subpartner_created_later_is_found_under_its_country(client, demo):
    china = Partner.objects.get(slug="cn")
    hubei = factories.PartnerFactory(slug="cn-hb", name_fr="Hubei", name_en="Hubei", parent=china)
    wuhan = factories.PartnerFactory(slug="wuhan", name_fr="Wuhan", name_en="Wuhan", parent=hubei)
    factories.AgreementFactory(slug="entente-wuhan", parties=[wuhan])
    assert "entente-wuhan" in slugs(client.get("/en/agreements/", {"partner": "cn"}))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"sector": "health"}, 5),
        ({"status": "in_force"}, 6),
        ({"kind": "memorandum"}, 2),
        ({"partner": "cn", "status": "in_force"}, 6),
        ({"partner": "us-vt"}, 2),
        ({"year_from": "2004", "year_to": "2006"}, 5),
        ({"year_from": "2009"}, 4),
        ({"year_to": "1995"}, 2),
        ({"year_from": "2010", "year_to": "2000"}, 0),
    ],
)
def test_filters(client, demo, query, expected):
    response = client.get("/en/agreements/", query)
    assert response.context["paginator"].count == expected
    assert response.context["filter_errors"] == {}


def test_year_range_counts_the_signature_year_whatever_its_precision(client, demo):
    years = client.get("/en/agreements/", {"year_from": "2004", "year_to": "2006"})
    assert sorted(a.signed_on.year for a in years.context["object_list"]) == [
        2004,
        2004,
        2004,
        2006,
        2006,
    ]
    # Agreements whose signature date is unknown are left out of any year range.
    unknown = client.get("/en/agreements/", {"year_from": "1900"})
    assert "entente-science-technologie-shandong" not in slugs(unknown)


def test_text_filter_reads_the_page_language_without_accents(client, demo):
    french = client.get("/fr/ententes/", {"q": "lac champlain"})
    assert slugs(french) == ["entente-lac-champlain-2003"]
    english = client.get("/en/agreements/", {"q": "Champlain"})
    assert slugs(english) == ["entente-lac-champlain-2003"]
    # « éducation » is found by typing "education", in French.
    education = slugs(client.get("/fr/ententes/", {"q": "education"}))
    assert EDUCATION in education
    assert education == slugs(client.get("/fr/ententes/", {"q": "ÉDUCATION"}))
    assert slugs(client.get("/fr/ententes/", {"q": "education superieur"})) == [EDUCATION]
    # "Québec" is found by typing "Quebec".
    quebec = slugs(client.get("/en/agreements/", {"q": "Quebec-China science"}))
    assert SCIENCE in quebec
    assert quebec == slugs(client.get("/en/agreements/", {"q": "Québec-China science"}))


def test_a_malformed_value_is_reported_and_the_other_filters_still_apply(client, demo):
    response = client.get("/en/agreements/", {"partner": "cn", "year_from": "abc"})
    assert response.status_code == HTTPStatus.OK
    assert response.context["paginator"].count == 8
    assert list(response.context["filter_errors"]) == ["year_from"]
    assert "Some filter values were not understood and were ignored" in html(response)
    unknown = client.get("/en/agreements/", {"partner": "atlantis", "status": "in_force"})
    assert unknown.context["paginator"].count == 6
    assert list(unknown.context["filter_errors"]) == ["partner"]


def test_applied_filters_are_removable_tags(client, demo):
    page = html(client.get("/en/agreements/", {"partner": "cn", "status": "in_force"}))
    assert '<a href="?status=in_force">Partner: China' in page
    assert '<a href="?partner=cn">Status: In force' in page
    french = html(client.get("/fr/ententes/", {"partner": "cn"}))
    assert '<a href="?">' in french and "Chine" in french


def test_sort_by_title_follows_the_page_language(client):
    factories.AgreementFactory(slug="a", title_fr="Accord zèbre", title_en="Zebra accord")
    factories.AgreementFactory(slug="b", title_fr="Zone franche", title_en="Free zone")
    assert slugs(client.get("/fr/ententes/", {"sort": "title"})) == ["a", "b"]
    assert slugs(client.get("/en/agreements/", {"sort": "title"})) == ["b", "a"]
    unknown = client.get("/en/agreements/", {"sort": "__class__"})
    assert unknown.status_code == HTTPStatus.OK


def test_pages_hold_twenty_agreements(client, db):
    for number in range(45):
        factories.AgreementFactory(slug=f"a-{number:02d}", signed_on=datetime.date(2000, 1, 1))
    first = client.get("/en/agreements/", {"sort": "title"})
    assert len(first.context["object_list"]) == 20
    assert first.context["paginator"].num_pages == 3
    last = client.get("/en/agreements/", {"sort": "title", "page": "3"})
    assert len(last.context["object_list"]) == 5
    for page in ("abc", "-1", "0", "999999999999", "3.5"):
        assert client.get("/en/agreements/", {"page": page}).status_code == HTTPStatus.OK


def test_the_detail_page_tells_the_whole_agreement(client, demo):
    response = client.get(f"/en/agreements/{SCIENCE_EN}/")
    page = html(response)
    assert (
        "<h1>Québec-China cooperation agreement in the fields of science and technology</h1>"
        in page
    )
    assert '<span class="status status-in_force">In force</span>' in page
    assert '<dd>Québec, <a href="/en/partners/cn/">China</a></dd>' in page
    assert "<dt>Signed</dt>\n  <dd>1995</dd>" in page
    assert escape("Through this tool, China and Québec jointly fund") in page
    # The history, as precise as the sources: years only.
    assert [(e.kind, e.date_display) for e in response.context["dated_events"]] == [
        ("signed", "1995"),
        ("renewed", "2005"),
        ("renewed", "2011"),
    ]
    assert '<span class="when">2005</span> Renewed' in page
    # Four calls for projects; the sources give the year of two only.
    calls = response.context["agreement"].funding_calls.all()
    assert [(c.number, c.year) for c in calls] == [(1, 2007), (2, None), (3, None), (4, 2016)]
    assert '<th scope="row">1</th><td>2007</td>' in page
    assert '<th scope="row">2</th><td>not given</td>' in page


def test_the_detail_page_in_french_uses_the_french_text(client, demo):
    page = html(client.get(f"/fr/ententes/{MEDTECH}/"))
    assert (
        "<h1>Protocole d'entente dans le domaine des technologies médicales</h1>"
        in page.replace("&#x27;", "'")
    )
    assert "<dd>septembre 2017</dd>" in page
    assert '<a href="/fr/missions/mission-sante-chine-2017/">' in page


def test_renewals_of_unknown_date_are_told_once(client, demo):
    response = client.get(f"/en/agreements/{EDUCATION_EN}/")
    assert [(e.kind, e.date_display) for e in response.context["dated_events"]] == [
        ("signed", "1980")
    ]
    groups = response.context["undated_events"]
    assert [(group["kind"], group["count"]) for group in groups] == [("renewed", 7)]
    assert '<li class="undated">Renewed 7 times (dates not given)</li>' in html(response)
    assert "date unknown" not in html(response)


def test_a_single_event_of_unknown_date_is_not_counted(client, db):
    agreement = factories.AgreementFactory(slug="once")
    AgreementEvent.objects.create(
        agreement=agreement, kind="amended", date=None, date_precision=DatePrecision.UNKNOWN
    )
    page = html(client.get("/en/agreements/once-en/"))
    assert "Amended once (date not given)" in page


def test_the_full_text_is_offered_for_download(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = factories.AgreementFactory(slug="with-text")
    agreement.document = SimpleUploadedFile("texte.pdf", b"%PDF-1.4 ...", "application/pdf")
    agreement.save()
    page = html(client.get("/en/agreements/with-text-en/"))
    assert '<a class="button" href="/en/agreements/with-text-en/full-text.pdf">' in page
    assert "Download the full text (PDF)" in page
    without = html(client.get(f"/en/agreements/{factories.AgreementFactory().slug_en}/"))
    assert "Download the full text" not in without


def test_the_mission_of_signature_is_shown_only_once_published(client, demo):
    assert "Mission of the Minister of Health" in html(client.get(f"/en/agreements/{MEDTECH_EN}/"))
    Mission.objects.filter(slug_fr="mission-sante-chine-2017").update(
        publication_status=PublicationStatus.DRAFT, published_at=None
    )
    assert "Mission of the Minister of Health" not in html(
        client.get(f"/en/agreements/{MEDTECH_EN}/")
    )


def test_an_untranslated_title_shows_the_french_with_its_language_and_a_notice(client, demo):
    Agreement.objects.filter(slug_fr=MEDTECH).update(title_en="")
    page = html(client.get(f"/en/agreements/{MEDTECH_EN}/")).replace("&#x27;", "'")
    assert (
        '<h1><span lang="fr">Protocole d\'entente dans le domaine des technologies médicales'
        '</span> <span class="notice-language">(Content available in French only)</span></h1>'
    ) in page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_drafts_are_not_found(client, demo, address, language):
    for slug in ("actualisation-entente-shandong", "actualisation-entente-shanghai"):
        response = client.get(address("agreements:detail", language, slug=slug))
        assert response.status_code == HTTPStatus.NOT_FOUND
    listed = client.get(address("agreements:list", language, "?partner=cn-sd"))
    assert "actualisation-entente-shandong" not in slugs(listed)
    assert listed.context["paginator"].count == 2


def test_a_draft_party_is_named_but_not_linked(client, db):
    hidden = factories.PartnerFactory(
        slug="hidden", name_en="Hidden Land", publication_status=PublicationStatus.DRAFT
    )
    factories.AgreementFactory(slug="with-hidden", parties=[hidden])
    page = html(client.get("/en/agreements/with-hidden-en/"))
    assert "Hidden Land" in page
    assert 'href="/en/partners/hidden/"' not in page
