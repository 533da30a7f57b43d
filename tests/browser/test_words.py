"""Issue 13 in a browser: the words and figures a reader sees on each page type, in French and
English, at 1280 and 390 px (screenshots to /tmp/shots/h6/), the page never wider than the
viewport; the demo's statuses agree with the seeds in the database and on the page."""

from pathlib import Path

import pytest

from agreements.models import Agreement
from partners.models import Partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/h6")
N = "\u00a0"
M = "\u2212"

PAGES = {
    "fr": {
        "home": "/fr/",
        "agreements": "/fr/ententes/",
        "partners": "/fr/partenaires/",
        "missions": "/fr/missions/",
        "dossier": "/fr/partenaires/cn/",
        "agreement": "/fr/ententes/protocole-technologies-medicales-2017/",
        "mission": "/fr/missions/mission-sante-chine-2017/",
        "explorer": "/fr/commerce/",
    },
    "en": {
        "home": "/en/",
        "agreements": "/en/agreements/",
        "partners": "/en/partners/",
        "missions": "/en/missions/",
        "dossier": "/en/partners/cn/",
        "agreement": "/en/agreements/memorandum-of-understanding-in-the-field-of-medical-technologies/",
        "mission": "/en/missions/mission-of-the-minister-of-health-and-social-services-to-china/",
        "explorer": "/en/trade/",
    },
}

# What each page says, exactly, in each language (a line of text the reader sees).
SAYS = {
    ("fr", "home"): [
        "1 rapport de mission",
        "6 ententes en vigueur",
        "20 partenaires ayant un profil",
    ],
    ("en", "home"): ["1 mission report", "6 agreements in force", "20 partners with a profile"],
    ("fr", "agreement"): ["Signé · Protocole d'entente", "Signé pendant"],
    ("en", "agreement"): ["Signed · Memorandum of understanding", "Signed during"],
    ("fr", "mission"): ["Mme Valérie Fontaine", "Déposé au CODIR par"],
    ("en", "mission"): ["Ms. Valérie Fontaine", "Mr. Daniel Desharnais", "Filed with CODIR by"],
    ("fr", "dossier"): [
        "Commerce de biens entre le Québec et la Chine (dollars canadiens)",
        "Ententes en vigueur (6)",
    ],
    ("en", "dossier"): [
        "Trade in goods between Québec and China (Canadian dollars)",
        "Agreements in force (6)",
    ],
    ("fr", "explorer"): ["Principaux produits échangés avec la Chine en 2016"],
    ("en", "explorer"): ["Main products traded with China in 2016"],
    ("fr", "agreements"): ["Signé en septembre 2017 · Protocole d'entente", "16 ententes"],
    ("en", "agreements"): [
        "Signed in September 2017 · Memorandum of understanding",
        "16 agreements",
    ],
}


def test_the_pages_with_new_figures_pass_axe(page, axe_check):
    for address in (
        "/fr/partenaires/cn/",
        "/en/partners/cn/",
        "/fr/commerce/",
        "/en/trade/",
        "/fr/partenaires/",
        "/en/",
    ):
        page.goto(address)
        assert axe_check(page) == [], address


def test_words_and_figures_on_every_page_type_at_both_widths(page):
    # In the database: the statuses the seeds state, Catalonia published.
    assert (
        Agreement.objects.published()
        .in_force()
        .with_party([Partner.objects.get(iso_code="CN")])
        .count()
        == 6
    )
    assert Partner.objects.published().filter(iso_code="ES-CT").exists()
    SHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = []
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        for language, pages in PAGES.items():
            for name, address in pages.items():
                response = page.goto(address)
                assert response.status == 200, address
                text = " ".join(page.inner_text("main").split())  # the key figures' block
                for line in SAYS.get((language, name), []):
                    assert line in text, (address, line)
                page.screenshot(path=str(SHOTS / f"{name}-{language}-{width}.png"), full_page=True)
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    too_wide.append((address, width, wide))
    Path("/tmp/shots/h6/too_wide.txt").write_text(repr(too_wide))
    assert too_wide == []  # the page is never wider than the viewport
    # The dossier's figures, as the reader sees them in each table cell.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/fr/partenaires/cn/")
    row = page.locator("#trade tbody tr").nth(0).locator("td")
    assert row.all_inner_texts() == [
        f"≈{N}2,7{N}G$",
        f"≈{N}10,7{N}G$",
        f"≈{N}13,4{N}G$",
        f"≈{N}{M}8,0{N}G$",
        "—",
        "—",
        "—",
    ]
    page.goto("/en/partners/")
    china = page.locator("tbody tr", has_text="China").first.locator("td.num")
    assert china.inner_text() == "6"
