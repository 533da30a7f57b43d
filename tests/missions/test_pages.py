"""Missions: the list and its filters, the whole report, in French and English."""

import datetime
from http import HTTPStatus

import pytest

from agreements.models import Agreement
from missions.models import FollowUpAction, Mission, Recommendation
from partners.models import Partner
from partners.publishing.models import PublicationStatus
from tests import factories
from tests.pages import html, slugs, switch_language

pytestmark = pytest.mark.django_db

MISSION = "mission-sante-chine-2017"
MISSION_EN = "mission-of-the-minister-of-health-and-social-services-to-china"  # its English slug
HEALTH_FR = "Ministère de la Santé et des Services sociaux"
HEALTH_EN = "Ministry of Health and Social Services"


@pytest.fixture
def missions(db):
    """Three published missions (China's city, Mexico, Belgium) and a draft."""
    china = factories.PartnerFactory(slug="cn", name_fr="Chine", name_en="China", kind="state")
    shandong = factories.PartnerFactory(slug="cn-sd", name_en="Shandong", parent=china)
    mexico = factories.PartnerFactory(slug="mx", name_fr="Mexique", name_en="Mexico")
    belgium = factories.PartnerFactory(slug="be", name_fr="Belgique", name_en="Belgium")
    health = factories.SectorFactory(slug="health", name_fr="Santé", name_en="Health")
    culture = factories.SectorFactory(slug="culture", name_fr="Culture", name_en="Culture")
    made = {}
    for slug, partner, start, ministry, sector in [
        ("qingdao", shandong, datetime.date(2017, 9, 2), (HEALTH_FR, HEALTH_EN), health),
        ("mexico", mexico, datetime.date(2019, 3, 4), ("Ministère de la Culture", ""), culture),
        ("brussels", belgium, datetime.date(2019, 11, 5), (HEALTH_FR, HEALTH_EN), culture),
    ]:
        mission = factories.MissionFactory(
            slug=slug,
            start_date=start,
            end_date=start + datetime.timedelta(days=5),
            ministry_fr=ministry[0],
            ministry_en=ministry[1],
        )
        mission.sectors.set([sector])
        factories.MissionPlaceFactory(mission=mission, partner=partner)
        made[slug] = mission
    draft = factories.MissionFactory(
        slug="secret",
        ministry_fr=HEALTH_FR,
        ministry_en=HEALTH_EN,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 1, 2),
        publication_status=PublicationStatus.DRAFT,
    )
    factories.MissionPlaceFactory(mission=draft, partner=shandong)
    return made


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("name", "kwargs", "query"),
    [
        ("missions:list", {}, ""),
        ("missions:list", {}, "?partner=cn&year=2017&sector=health"),
        ("missions:detail", {"slug": MISSION}, ""),
    ],
)
def test_pages_speak_their_language_and_link_to_the_same_page(
    client, demo, address, language, name, kwargs, query
):
    response, switched = switch_language(client, address, language, name, query, **kwargs)
    if "slug" in kwargs:
        assert switched.context["mission"] == response.context["mission"]
    else:
        assert slugs(switched) == slugs(response) == [MISSION]


def test_the_list_is_newest_first_without_drafts(client, missions):
    response = client.get("/en/missions/")
    assert slugs(response) == ["brussels", "mexico", "qingdao"]
    assert slugs(client.get("/en/missions/", {"sort": "oldest"})) == [
        "qingdao",
        "mexico",
        "brussels",
    ]
    assert "3 missions" in html(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"partner": "cn"}, ["qingdao"]),  # a stop in Shandong is a stop in China
        ({"partner": "cn-sd"}, ["qingdao"]),
        ({"partner": "mx"}, ["mexico"]),
        ({"year": "2019"}, ["brussels", "mexico"]),
        ({"sector": "culture"}, ["brussels", "mexico"]),
        ({"ministry": HEALTH_EN}, ["brussels", "qingdao"]),
        ({"ministry": HEALTH_EN, "year": "2019"}, ["brussels"]),
        ({"year": "2018"}, []),
    ],
)
def test_filters(client, missions, query, expected):
    response = client.get("/en/missions/", query)
    assert slugs(response) == expected
    assert response.context["filter_errors"] == {}


def test_ministries_are_named_in_the_page_language_and_understood_in_both(client, missions):
    english = client.get("/en/missions/")
    choices = list(english.context["filter"].form.fields["ministry"].choices)
    # The Ministry of Culture has no English name yet: its French name stands in.
    assert choices == [
        ("", "All"),
        ("Ministère de la Culture", "Ministère de la Culture"),
        (HEALTH_EN, HEALTH_EN),
    ]
    assert slugs(client.get("/en/missions/", {"ministry": "Ministère de la Culture"})) == ["mexico"]
    # The language link carries the French name to the English page: it still applies.
    switched = client.get("/en/missions/", {"ministry": HEALTH_FR})
    assert slugs(switched) == ["brussels", "qingdao"]
    assert switched.context["filter_errors"] == {}
    assert f"Ministry: {HEALTH_EN}" in html(switched)
    french = client.get("/fr/missions/", {"ministry": HEALTH_EN})
    assert slugs(french) == ["brussels", "qingdao"]
    assert f'<option value="{HEALTH_FR}" selected>' in html(french)


def test_malformed_values_are_reported_and_the_other_filters_still_apply(client, missions):
    response = client.get("/en/missions/", {"year": "abc", "partner": "mx"})
    assert response.status_code == HTTPStatus.OK
    assert slugs(response) == ["mexico"]
    assert list(response.context["filter_errors"]) == ["year"]
    unknown = client.get("/en/missions/", {"ministry": "Ministry of Magic", "year": "2017"})
    assert slugs(unknown) == ["qingdao"]
    assert list(unknown.context["filter_errors"]) == ["ministry"]
    for query in (
        {"year": "99999999999999999999"},
        {"partner": "\x00"},
        {"sector": "'; drop table"},
        {"page": "-1", "sort": "__init__"},
    ):
        assert client.get("/en/missions/", query).status_code == HTTPStatus.OK


def test_the_report_is_shown_whole(client, demo):
    response = client.get(f"/en/missions/{MISSION_EN}/")
    page = html(response)
    assert "<h1>Mission of the Minister of Health and Social Services to China</h1>" in page
    assert '<time datetime="2017-09-02">September 2, 2017</time>' in page
    assert '<time datetime="2017-09-10">September 10, 2017</time>' in page
    # The signatory's title in the page's language.
    assert (
        "<dt>Filed with CODIR by</dt><dd>Luc Castonguay, Assistant Deputy Minister for Planning, "
        "Evaluation and Quality</dd>"
    ) in page
    french = html(client.get(f"/fr/missions/{MISSION}/"))
    assert "sous-ministre adjoint à la planification" in french
    assert "Assistant Deputy Minister" not in french
    # A city that is itself the partner is named once.
    assert 'Places</dt><dd><a href="/en/partners/cn-sh/">Shanghai</a>, ' in page
    assert 'Qingdao (<a href="/en/partners/cn-sd/">Shandong</a>)' in page
    assert 'Beijing (<a href="/en/partners/cn/">China</a>)' in page
    assert (
        "<li><strong>Dr. Gaétan Barrette</strong>, Minister of Health and Social Services</li>"
        in (page)
    )
    for heading in ("Context", "Objectives", "Results", "Recommendations and follow-ups"):
        assert f"<h2>{heading}</h2>" in page
    assert "Eight cooperation agreements are currently in force" in page
    assert "Luc Castonguay" in page
    assert [a.slug_fr for a in response.context["mission"].published_agreements] == [
        "protocole-prevention-controle-maladies-2017",
        "protocole-technologies-medicales-2017",
    ]
    assert "Memorandum of understanding in the field of medical technologies" in page
    # A report written in French says the English page is a translation.
    assert "This report was written in French; this is a translation." in page


def test_the_report_in_french(client, demo):
    page = html(client.get(f"/fr/missions/{MISSION}/"))
    assert "<h1>Mission du ministre de la Santé et des Services sociaux en Chine</h1>" in page
    assert '<time datetime="2017-09-02">2 septembre 2017</time>' in page
    assert "Huit ententes de coopération sont actuellement en vigueur" in page
    assert "this is a translation" not in page


def test_only_published_agreements_and_public_follow_ups_are_shown(client, demo):
    Agreement.objects.filter(slug_fr="protocole-technologies-medicales-2017").update(
        publication_status=PublicationStatus.DRAFT, published_at=None
    )
    recommendation = Recommendation.objects.filter(mission__slug=MISSION).first()
    FollowUpAction.objects.create(
        recommendation=recommendation,
        description_en="Sign a health cooperation programme",
        responsible_unit_en="International branch",
        is_public=True,
        status="in_progress",
    )
    FollowUpAction.objects.create(
        recommendation=recommendation,
        description_en="Internal budget note",
        responsible_unit_en="Finance",
        is_public=False,
    )
    response = client.get(f"/en/missions/{MISSION_EN}/")
    page = html(response)
    assert [a.slug_fr for a in response.context["mission"].published_agreements] == [
        "protocole-prevention-controle-maladies-2017"
    ]
    assert (
        'href="/en/agreements/memorandum-of-understanding-in-the-field-of-medical-technologies/"'
        not in page
    )
    assert (
        'href="/en/agreements/memorandum-of-understanding-in-the-field-of-disease-prevention-and-control/"'
        in page
    )
    assert "Sign a health cooperation programme" in page
    assert "Internal budget note" not in page


def test_a_report_in_french_only_says_so_on_the_english_page(client, demo):
    Mission.objects.filter(slug_fr=MISSION).update(language_scope="fr", context_en="")
    page = html(client.get(f"/en/missions/{MISSION_EN}/"))
    assert "This report is available in French only." in page
    assert '<div lang="fr"><p>Les liens entre le Québec et la Chine' in page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_drafts_are_not_found(client, missions, address, language):
    assert client.get(address("missions:detail", language, slug="secret")).status_code == (
        HTTPStatus.NOT_FOUND
    )
    listed = client.get(address("missions:list", language, "?partner=cn"))
    assert "secret" not in slugs(listed)
    assert listed.context["paginator"].count == 1


def test_a_draft_place_partner_is_named_but_not_linked(client, missions):
    hidden = factories.PartnerFactory(
        slug="hidden", name_en="Hidden Land", publication_status=PublicationStatus.DRAFT
    )
    factories.MissionPlaceFactory(mission=missions["mexico"], partner=hidden, city_en="Nowhere")
    page = html(client.get("/en/missions/mexico-en/"))
    assert "Hidden Land" in page
    assert 'href="/en/partners/hidden/"' not in page
    assert Partner.objects.published().filter(slug="hidden").count() == 0


def test_objectives_and_results_are_lists(client, demo):
    page = html(client.get(f"/en/missions/{MISSION_EN}/"))
    assert (
        '<section><h2>Objectives</h2><div class="prose"><ul class="items">'
        "<li>strengthen the ties of collaboration developed between Québec and China in recent "
        "years, particularly in health and social services;</li>"
    ) in page
    assert page.count("</li>", page.index("<h2>Objectives</h2>"), page.index("<h2>Results")) == 4
    assert (
        '<h2>Results</h2><div class="prose"><p>The objectives set for this mission were '
        'achieved. More specifically, the mission made it possible:</p><ul class="items">'
        "<li>to reiterate"
    ) in page


def test_untranslated_objectives_show_the_french_list_with_its_language(client, demo):
    Mission.objects.filter(slug_fr=MISSION).update(objectives_en="")
    page = html(client.get(f"/en/missions/{MISSION_EN}/"))
    assert ('<div lang="fr"><ul class="items"><li>consolider les liens de collaboration') in page
    assert (
        '</ul></div> <span class="notice-language">(Content available in French only)</span>'
        in (page)
    )
