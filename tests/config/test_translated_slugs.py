"""Each language's page names its record by a slug in that language; the other language's slug
answers a permanent redirect to it (issue #13, "Pages and links")."""

import importlib
import json
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.urls import reverse

from agreements.models import Agreement
from config.demo import agreements as agreement_data
from config.demo import missions as mission_data
from tests import factories
from tests.guards.test_admin_pages import agreement_form
from tests.pages import html, whole_sitemap

EDUCATION_FR = "entente-education-chine-1980"
EDUCATION_EN = "agreement-in-the-field-of-education-and-higher-education-between-quebec-and-china"
MISSION_FR = "mission-sante-chine-2017"
MISSION_EN = "mission-of-the-minister-of-health-and-social-services-to-china"


@pytest.mark.parametrize(
    ("page", "other"),
    [
        (f"/en/agreements/{EDUCATION_EN}/", f"/fr/ententes/{EDUCATION_FR}/"),
        (f"/fr/ententes/{EDUCATION_FR}/", f"/en/agreements/{EDUCATION_EN}/"),
        (f"/en/missions/{MISSION_EN}/", f"/fr/missions/{MISSION_FR}/"),
        ("/en/sectors/health/", "/fr/secteurs/sante/"),
        ("/fr/secteurs/sante/", "/en/sectors/health/"),
    ],
)
def test_each_page_links_to_the_other_language_s_own_slug(client, demo, page, other):
    response = client.get(page)
    assert response.status_code == HTTPStatus.OK
    text = html(response)
    language, other_language = page[1:3], other[1:3]
    assert f'<a class="language-switch" href="{other}" hreflang="{other_language}"' in text
    assert f'<link rel="alternate" hreflang="{language}" href="http://testserver{page}">' in text
    assert (
        f'<link rel="alternate" hreflang="{other_language}" href="http://testserver{other}">'
        in (text)
    )
    french = page if language == "fr" else other
    x_default = "/" + french[len("/fr/") :]
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{x_default}">' in (
        text
    )


@pytest.mark.parametrize(
    ("asked", "location"),
    [
        (f"/en/agreements/{EDUCATION_FR}/", f"/en/agreements/{EDUCATION_EN}/"),
        (f"/fr/ententes/{EDUCATION_EN}/", f"/fr/ententes/{EDUCATION_FR}/"),
        (f"/en/missions/{MISSION_FR}/", f"/en/missions/{MISSION_EN}/"),
        (f"/fr/missions/{MISSION_EN}/", f"/fr/missions/{MISSION_FR}/"),
        ("/fr/secteurs/health/", "/fr/secteurs/sante/"),
        ("/en/sectors/sante/", "/en/sectors/health/"),
        (f"/en/agreements/{EDUCATION_FR}/?utm=1", f"/en/agreements/{EDUCATION_EN}/?utm=1"),
    ],
)
def test_the_other_language_s_slug_moves_permanently(client, demo, asked, location):
    response = client.get(asked)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == location
    assert client.get(location).status_code == HTTPStatus.OK


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_a_redirect_is_never_cached_as_the_page(client, demo, page_cache):
    first = client.get(f"/en/agreements/{EDUCATION_FR}/")
    second = client.get(f"/en/agreements/{EDUCATION_FR}/")
    assert (first.status_code, second.status_code) == (HTTPStatus.MOVED_PERMANENTLY,) * 2
    assert "X-Page-Cache" not in second
    page = client.get(f"/en/agreements/{EDUCATION_EN}/")
    assert (page.status_code, page["X-Page-Cache"]) == (HTTPStatus.OK, "miss")
    assert client.get(f"/en/agreements/{EDUCATION_EN}/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "address",
    [
        "/en/agreements/atlantis/",
        "/fr/ententes/atlantis/",
        "/en/missions/atlantis/",
        "/fr/secteurs/atlantis/",
        "/en/agreements/atlantis/full-text.pdf",
    ],
)
def test_an_unknown_slug_is_not_found(client, demo, address):
    assert client.get(address).status_code == HTTPStatus.NOT_FOUND


def test_the_full_text_moves_to_its_own_language_s_address(client, db):
    agreement = factories.AgreementFactory(slug="entente", slug_en="agreement")
    Agreement.objects.filter(pk=agreement.pk).update(document="agreements/entente.pdf")
    response = client.get("/en/agreements/entente/full-text.pdf")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/en/agreements/agreement/full-text.pdf"
    response = client.get("/fr/ententes/agreement/texte-integral.pdf")
    assert response["Location"] == "/fr/ententes/entente/texte-integral.pdf"


def test_the_sitemap_lists_each_language_s_own_slug(client, demo):
    sitemap = whole_sitemap(client)
    assert f"<loc>http://testserver/en/agreements/{EDUCATION_EN}/</loc>" in sitemap
    assert f"<loc>http://testserver/fr/ententes/{EDUCATION_FR}/</loc>" in sitemap
    assert f"http://testserver/en/agreements/{EDUCATION_FR}/" not in sitemap
    assert f"<loc>http://testserver/en/missions/{MISSION_EN}/</loc>" in sitemap
    assert "<loc>http://testserver/fr/secteurs/sante/</loc>" in sitemap


def test_a_staff_preview_of_a_draft_keeps_working_at_both_slugs(client, superuser, db):
    draft = factories.AgreementFactory(
        slug="brouillon", slug_en="draft", publication_status="draft"
    )
    client.force_login(superuser)
    assert client.get("/en/agreements/draft/?preview=1").status_code == HTTPStatus.OK
    moved = client.get("/en/agreements/brouillon/?preview=1")
    assert moved["Location"] == "/en/agreements/draft/?preview=1"
    client.logout()
    assert client.get("/en/agreements/draft/").status_code == HTTPStatus.NOT_FOUND
    assert draft.pk


def admin_in(client, user, language):
    client.force_login(user)
    client.post(reverse("set_language"), {"language": language, "next": "/admin/"})
    return client


@pytest.mark.parametrize(
    ("language", "field", "message"),
    [
        ("en", "slug_en", "Another agreement already has this slug in English."),
        ("fr", "slug_en", "Une autre entente a déjà cet identifiant d'URL en anglais."),
        ("en", "slug_fr", "Another agreement already has this slug in French."),
        ("fr", "slug_fr", "Une autre entente a déjà cet identifiant d'URL en français."),
    ],
)
def test_the_admin_refuses_a_slug_another_agreement_has(client, editor, language, field, message):
    factories.AgreementFactory(slug="premiere", slug_en="first")
    second = factories.AgreementFactory(slug="seconde", slug_en="second")
    taken = {"slug_fr": "premiere", "slug_en": "first"}[field]
    admin_in(client, editor, language)
    change = reverse("admin:agreements_agreement_change", args=[second.pk])
    response = client.post(change, agreement_form(second, **{field: taken}))
    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors == {field: [message]}
    second.refresh_from_db()
    assert (second.slug_fr, second.slug_en) == ("seconde", "second")


def test_a_slug_may_be_another_record_s_slug_in_the_other_language(client, db):
    factories.AgreementFactory(slug="culture", slug_en="heritage")
    other = factories.AgreementFactory(slug="patrimoine", slug_en="patrimoine")
    other.slug_en = "culture"
    other.full_clean()  # unique per language: "culture" is only another record's French slug
    other.save()
    # Each page's language finds its own record first.
    assert client.get("/fr/ententes/culture/").context["agreement"].slug_en == "heritage"
    assert client.get("/en/agreements/culture/").context["agreement"].pk == other.pk
    assert client.get("/en/agreements/patrimoine/")["Location"] == "/en/agreements/culture/"


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("admin:agreements_agreement_add", "title"),
        ("admin:missions_mission_add", "title"),
        ("admin:partners_sector_add", "name"),
    ],
)
def test_each_language_s_slug_is_prefilled_from_that_language_s_title(
    client, superuser, url, title
):
    admin_in(client, superuser, "fr")
    prepopulated = json.loads(client.get(reverse(url)).context["prepopulated_fields_json"])
    assert [(field["id"], field["dependency_ids"]) for field in prepopulated] == [
        ("#id_slug_fr", [f"#id_{title}_fr"]),
        ("#id_slug_en", [f"#id_{title}_en"]),
    ]


def _derived(module: str, titles: list[str]) -> list[str]:
    migration = importlib.import_module(module)
    taken: set = set()
    return [migration.derived_slug(t, taken, migration.DERIVED_LENGTH) for t in titles]


def test_the_migration_derives_the_demo_s_english_slugs():
    titles = [a["title_en"] or a["title_fr"] for a in agreement_data.AGREEMENTS]
    derived = _derived("agreements.migrations.0008_h1_translated_slugs", titles)
    assert derived == [a["slug_en"] for a in agreement_data.AGREEMENTS]
    assert derived[:3] == [
        EDUCATION_EN,
        "quebec-china-cooperation-agreement-in-the-fields-of-science-and-technology",
        "science-and-technology-cooperation-agreement-with-the-city-of-shanghai",
    ]
    mission = _derived(
        "missions.migrations.0005_h1_translated_slugs", [mission_data.MISSION["title_en"]]
    )
    assert mission == [MISSION_EN] == [mission_data.MISSION["slug_en"]]


def test_derived_slugs_are_unique_and_bounded():
    assert _derived(
        "agreements.migrations.0008_h1_translated_slugs",
        ["Santé Québec", "Sante Quebec", "x" * 130],
    ) == ["sante-quebec", "sante-quebec-2", "x" * 120]


def test_a_pending_slug_change_waits_and_previews_at_the_live_address(client, editor):
    agreement = factories.AgreementFactory(slug="jeunesse", slug_en="youth")
    admin_in(client, editor, "en")
    change = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    saved = client.post(change, agreement_form(agreement, slug_en="youth-agreement"))
    assert saved.status_code == HTTPStatus.FOUND
    agreement.refresh_from_db()
    assert agreement.slug_en == "youth"  # the edit waits for a publisher
    preview = client.get("/en/agreements/youth/?preview=1")
    assert (preview.status_code, preview.context["pending_preview"]) == (HTTPStatus.OK, True)
    assert preview.context["agreement"].slug_en == "youth-agreement"
    client.logout()
    assert client.get("/en/agreements/youth/").status_code == HTTPStatus.OK
    assert client.get("/en/agreements/youth-agreement/").status_code == HTTPStatus.NOT_FOUND


def test_an_edit_makes_its_english_page_cold_and_leaves_the_others_cached(
    client, db, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = factories.AgreementFactory(slug="entente-a", slug_en="agreement-a")
        factories.AgreementFactory(slug="entente-b", slug_en="agreement-b")
    pages = [
        "/en/agreements/agreement-a/",
        "/en/agreements/agreement-b/",
        "/fr/ententes/entente-a/",
    ]

    def states():
        return [client.get(page)["X-Page-Cache"] for page in pages]

    assert states() == ["miss", "miss", "miss"]
    assert states() == ["hit", "hit", "hit"]
    with django_capture_on_commit_callbacks(execute=True):
        first.title_en = "Agreement A, revised"
        first.save()
    # The record's own version moved: both its pages (found by either slug) go cold.
    assert states() == ["miss", "hit", "miss"]
    assert "Agreement A, revised" in client.get(pages[0]).content.decode()
