"""Sector pages (issue 13): each sector of the International Policy (seed 001) has a page with
its description and the published records tagged with it, in both languages; records link to
it, and the sitemap lists it in both languages."""

import re
from http import HTTPStatus

import pytest

from agreements.models import Agreement
from tests.pages import html, whole_sitemap

pytestmark = pytest.mark.django_db


def links(page: str, prefix: str) -> list[str]:
    return re.findall(rf'<a href="{prefix}[^"?]+/">([^<]*)</a>', page)


@pytest.mark.parametrize(
    ("url", "description", "partners", "missions"),
    [
        (
            "/fr/secteurs/sante/",
            "Coopération en santé et en services sociaux, sciences de la vie et technologies "
            "médicales.",
            ["Chine", "Shandong", "Shanghai"],
            ["Mission du ministre de la Santé et des Services sociaux en Chine"],
        ),
        (
            "/en/sectors/health/",
            None,
            ["China", "Shandong", "Shanghai"],
            ["Mission of the Minister of Health and Social Services to China"],
        ),
    ],
)
def test_a_sector_page_shows_its_description_and_what_it_tags(
    client, demo, url, description, partners, missions
):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    page = html(response)
    language = url[1:3]
    sector = response.context["sector"]
    expected = description or sector.description_en.strip()
    assert f"<p>{expected}</p>" in page
    lists = {
        "fr": ("partenaires", "ententes", "missions"),
        "en": ("partners", "agreements", "missions"),
    }
    names = lists[language]
    assert links(page, f"/{language}/{names[0]}/") == partners
    agreements = Agreement.objects.published().filter(sectors=sector).order_by("-signed_on")
    assert [a.slug_fr for a in response.context["agreements"]] == [a.slug_fr for a in agreements]
    assert len(response.context["agreements"]) == 5
    body = page[
        page.index('<section id="missions">') : page.index(
            "</section>", page.index('<section id="missions">')
        )
    ]
    assert links(body, f"/{language}/{names[2]}/") == missions
    # The sector's slug in the page's language.
    slug = {"fr": "sante", "en": "health"}[language]
    assert f'<a href="/{language}/{names[1]}/?sector={slug}">' in page


@pytest.mark.parametrize(
    ("url", "first", "health"),
    [
        ("/fr/secteurs/", "Science et technologie", "3 partenaires · 5 ententes · 1 mission"),
        ("/en/sectors/", "Science and technology", "3 partners · 5 agreements · 1 mission"),
    ],
)
def test_the_sector_list_counts_each_kind(client, demo, url, first, health):
    page = html(client.get(url))
    names = re.findall(r'<h2 class="h3"><a href="[^"]*">([^<]*)</a></h2>', page)
    assert len(names) == 12 and names[0] == first
    assert f'<p class="meta">{health}</p>' in page


def test_records_link_to_their_sector_pages(client, demo):
    agreement = html(client.get("/fr/ententes/protocole-technologies-medicales-2017/"))
    assert '<a href="/fr/secteurs/sante/">Santé</a>' in agreement
    mission = html(
        client.get("/en/missions/mission-of-the-minister-of-health-and-social-services-to-china/")
    )
    assert '<a href="/en/sectors/health/">Health</a>' in mission
    partner = html(client.get("/en/partners/cn/"))
    assert '<a href="/en/sectors/health/">Health</a>' in partner


def test_sectors_are_in_the_sitemap_and_an_unknown_one_is_not_found(client, demo):
    sitemap = whole_sitemap(client)
    assert "<loc>http://testserver/fr/secteurs/sante/</loc>" in sitemap
    assert "<loc>http://testserver/en/sectors/health/</loc>" in sitemap
    assert client.get("/en/sectors/atlantis/").status_code == HTTPStatus.NOT_FOUND


def test_a_sector_page_runs_four_queries(client, demo, django_assert_num_queries):
    with django_assert_num_queries(4):
        assert client.get("/en/sectors/health/").status_code == HTTPStatus.OK
    with django_assert_num_queries(4):
        assert client.get("/fr/secteurs/").status_code == HTTPStatus.OK
