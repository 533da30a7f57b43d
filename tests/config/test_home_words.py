"""Issue 13, the home page's words and counts: ngettext, grouped figures, every profiled partner
by world region, in French and English."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from partners.models import Partner
from tests import factories
from tests.pages import html

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def key_figures(page: str) -> list[str]:
    block = re.search(r'<ul class="key-figures">(.*?)</ul>', page, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block)]


def test_key_figures_agree_with_their_count(client, demo):
    assert key_figures(html(client.get("/fr/"))) == [
        "20 partenaires ayant un profil",
        "16 ententes",
        "6 ententes en vigueur",
        "1 rapport de mission",
    ]
    assert key_figures(html(client.get("/en/"))) == [
        "20 partners with a profile",
        "16 agreements",
        "6 agreements in force",
        "1 mission report",
    ]


def test_counts_are_grouped_in_both_languages(client):
    factories.AgreementFactory.create_batch(3)
    assert '<p class="count" role="status">3 ententes</p>' in html(client.get("/fr/ententes/"))
    # The list's count line, as its template writes it, for 1,807 agreements.
    template = Template(
        "{% load i18n public %}{% blocktranslate count counter=n with shown=n|number %}"
        "{{ shown }} agreement{% plural %}{{ shown }} agreements{% endblocktranslate %}"
    )
    with translation.override("fr"):
        assert template.render(Context({"n": 1807})) == f"1{NBSP}807 ententes"
    with translation.override("en"):
        assert template.render(Context({"n": 1807})) == "1,807 agreements"


def test_every_profiled_partner_shows_by_world_region(client, demo):
    page = html(client.get("/fr/"))
    block = page.split('<div class="regions">')[1].split("</section>")[0]
    shown = re.findall(r'<li><a href="/fr/partenaires/([^/]+)/">', block)
    assert sorted(shown) == sorted(Partner.objects.published().values_list("slug", flat=True))
    regions = re.findall(r"<h3><a [^>]*>([^<]+)</a></h3>", block)
    assert regions == ["Amérique du Nord", "Amérique du Sud", "Asie", "Europe"]
    page = html(client.get("/en/"))
    block = page.split('<div class="regions">')[1].split("</section>")[0]
    assert re.findall(r"<h3><a [^>]*>([^<]+)</a></h3>", block) == [
        "Asia",
        "Europe",
        "North America",
        "South America",
    ]
