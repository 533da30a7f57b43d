"""Open data in a browser: a publisher uploads an agreement's PDF in the admin, the public
downloads it and finds the agreement by a word of its text, in French and English; the trade
explorer's Excel download and the open-data page in both languages."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.test import Client

from agreements.models import Agreement
from tests import factories
from tests.agreements.pdfs import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/h5")
SLUG = "entente-science-technologie-chine-1995"
SLUG_EN = "quebec-china-cooperation-agreement-in-the-fields-of-science-and-technology"
PDF = make_pdf("Entente de coopération scientifique\nArticle 3 : le comité paléoclimatique.")
PAGES = {
    "fr": (f"/fr/ententes/{SLUG}/", "Télécharger le texte intégral (PDF)", "/fr/recherche/"),
    "en": (f"/en/agreements/{SLUG_EN}/", "Download the full text (PDF)", "/en/search/"),
}


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_publisher_uploads_a_pdf_the_public_downloads_and_finds_it(
    page, staff_groups, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    publisher = factories.UserFactory(username="publieuse")
    publisher.set_password("pw-publieuse-2026")
    publisher.save()
    publisher.groups.add(Group.objects.get(name="Publisher"))
    pdf_file = tmp_path / "entente-signée.pdf"
    pdf_file.write_bytes(PDF)
    agreement = Agreement.objects.get(slug_fr=SLUG)

    page.goto(f"/{settings.ADMIN_URL}login/")
    page.fill("#id_username", "publieuse")
    page.fill("#id_password", "pw-publieuse-2026")
    page.click("input[type=submit]")
    page.goto(f"/{settings.ADMIN_URL}agreements/agreement/{agreement.pk}/change/")
    page.set_input_files("#id_document", str(pdf_file))
    page.click("input[name=_continue]")
    # The agreement is published: the new text waits as its pending version until published.
    assert page.locator("#pending-title").inner_text() == "Modifications en attente"
    assert page.locator("table.pending-changes tbody tr").first.inner_text().split("\t") == [
        "texte intégral",
        "—",
        "entente-signée.pdf",
    ]
    agreement.refresh_from_db()
    assert agreement.document.name == ""
    with page.expect_navigation():
        page.get_by_role("button", name="Publier les modifications").click()
    said = page.locator("ul.messagelist li").all_inner_texts()
    assert [" ".join(text.split()) for text in said] == [
        f"Les modifications de « {agreement.title_fr} » sont maintenant en ligne."
    ], said
    agreement.refresh_from_db()
    assert agreement.document.name.startswith("agreements/")
    assert "paléoclimatique" in agreement.document_text_fr
    assert agreement.document_text_en == ""
    page.context.clear_cookies()  # the public from here on

    for language, (address, link, _search) in PAGES.items():
        page.goto(address)
        if language == "fr":
            shoot(page, "agreement-with-text-fr")
        with page.expect_download() as download:
            page.get_by_role("link", name=link).click()
        saved = download.value
        # Named as the page's language names the agreement.
        assert saved.suggested_filename == f"{SLUG if language == 'fr' else SLUG_EN}.pdf"
        assert Path(saved.path()).read_bytes() == PDF
    # Nothing serves the file where it is stored. (Django's live test server serves MEDIA_URL
    # itself; the site's WSGI application, as gunicorn runs it, does not.)
    assert Client().get(f"/media/{agreement.document.name}").status_code == 404

    page.goto(f"{PAGES['fr'][2]}?q=paleoclimatique")
    assert page.locator(f'.results a[href="/fr/ententes/{SLUG}/"]').count() == 1
    page.goto(f"{PAGES['en'][2]}?q=paleoclimatique")  # the text is French only
    assert page.locator(f'.results a[href="/en/agreements/{SLUG_EN}/"]').count() == 0


@pytest.mark.parametrize(
    ("address", "link", "header"),
    [
        ("/fr/commerce/?partner=cn", "Excel (.xlsx)", ["Partenaire (identifiant)", "Partenaire"]),
        ("/en/trade/?partner=cn", "Excel (.xlsx)", ["Partner (identifier)", "Partner"]),
    ],
)
def test_the_trade_table_downloads_as_excel_with_its_products(page, address, link, header):
    page.goto(address)
    language = address[1:3]
    shoot(page, f"trade-downloads-{language}")
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    saved = download.value
    assert saved.suggested_filename == "trade.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(Path(saved.path()).read_bytes())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == header
    china = {"fr": "Chine", "en": "China"}[language]
    totals = [row for row in rows[1:] if row[4] is None]
    assert [(row[1], row[3]) for row in totals] == [(china, 2016), (china, 2015)]
    products = [row for row in rows[1:] if row[4] is not None]
    assert products and all(row[1] == china for row in products)


@pytest.mark.parametrize(
    ("address", "heading", "first"),
    [
        ("/fr/donnees-ouvertes/", "Données ouvertes", "Les partenaires internationaux du Québec"),
        ("/en/open-data/", "Open data", "Québec's international partners"),
    ],
)
def test_the_open_data_page_in_a_browser(page, axe_check, address, heading, first):
    page.goto("/" + address[1:3] + "/")
    page.get_by_role("link", name=heading).click()  # from the footer
    page.wait_for_url(f"**{address}")
    assert page.locator("h1").inner_text() == heading
    assert page.locator("section.dataset h2").first.inner_text() == first
    page.locator("section.dataset").nth(1).locator("summary").click()
    assert page.locator("section.dataset").nth(1).locator("td code").first.inner_text() == "id"
    shoot(page, f"open-data-{address[1:3]}")
    assert axe_check(page) == []
    assert page.csp_violations == []
