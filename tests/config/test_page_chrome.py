"""The parts of every page that show no record (the menu, the footer, the stylesheet's links)
written once per process for each language and state (fragments.fixed()): each page shows them
as its template writes them, the menu's current item and the words searched for its own."""

import re

import pytest
from django.test import override_settings

from partners.publishing import fragments
from tests import factories

pytestmark = pytest.mark.django_db


def menu(page: str) -> list[tuple[str, bool]]:
    nav = page[page.index('<nav class="site-nav"') : page.index("</nav>")]
    return [
        (label, bool(current))
        for current, label in re.findall(
            r'<li><a href="[^"]*"( aria-current="page")?>([^<]*)</a>', nav
        )
    ]


@pytest.mark.parametrize(
    ("address", "current"),
    [
        ("/fr/", "Accueil"),
        ("/fr/ententes/", "Ententes"),
        ("/fr/ententes/eau/", "Ententes"),
        ("/fr/partenaires/cn/", "Partenaires"),
        ("/fr/commerce/", "Commerce"),
        ("/en/", "Home"),
        ("/en/missions/", "Missions"),
        ("/en/trade/?partner=cn", "Trade"),
        ("/en/search/?q=water", None),
        ("/fr/catalogue/", None),
    ],
)
def test_the_menu_marks_the_pages_section_in_each_language(client, address, current):
    china = factories.PartnerFactory(slug="cn", name_fr="Chine", name_en="China")
    factories.AgreementFactory(slug="eau", parties=[china])
    for _visit in range(2):  # written, then read back
        items = menu(client.get(address).content.decode())
        assert [label for label, marked in items if marked] == ([current] if current else [])
        assert len(items) == 5


def test_the_search_box_holds_the_words_searched_for_and_no_other_page_keeps_them(client):
    searched = client.get("/fr/recherche/", {"q": 'eau "potable" <b>'}).content.decode()
    assert 'name="q" value="eau &quot;potable&quot; &lt;b&gt;"' in searched
    home = client.get("/fr/").content.decode()
    assert 'name="q" value=""' in home


def test_each_part_is_written_once_per_language_and_state(client):
    fragments._fixed.clear()
    first = client.get("/fr/")
    assert "includes/footer.html" in [template.name for template in first.templates]
    again = client.get("/fr/")
    assert again.content == first.content
    assert "includes/footer.html" not in [template.name for template in again.templates]
    client.get("/en/")
    client.get("/fr/ententes/")
    footers = sorted(key[1] for key in fragments._fixed if key[0] == "includes/footer.html")
    assert footers == ["en", "fr"]
    menus = sorted(
        (key[1], key[4]) for key in fragments._fixed if key[0] == "includes/site_nav.html"
    )
    assert menus == [
        ("en", (("current", ("home",)),)),
        ("fr", (("current", ("agreements",)),)),
        ("fr", (("current", ("home",)),)),
    ]


def test_under_debug_each_part_is_written_each_time(client):
    client.get("/fr/")
    with override_settings(DEBUG=True):
        response = client.get("/fr/")
    assert "includes/footer.html" in [template.name for template in response.templates]
