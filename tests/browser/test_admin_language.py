"""A publisher walks the admin in both languages at 1280 px: switches the language, searches
without accents, exports the trade figures to CSV for French Excel, opens a rolled-back import,
and edits records whose inlines fit the screen."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from agreements.models import Agreement
from missions.models import Mission
from partners.models import ImportBatch, Partner, TradeFigure
from partners.trade.importing import import_trade_file, rollback_batch
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/h2")
FILES = Path(__file__).resolve().parents[1] / "partners" / "trade" / "files"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def publisher(staff_groups):
    user = factories.UserFactory(username="publieuse")
    user.set_password("pw-publieuse-2026")
    user.save()
    user.groups.add(Group.objects.get(name="Publisher"))
    return user


def log_in(page, settings):
    page.goto(f"/{settings.ADMIN_URL}login/")
    page.fill("#id_username", "publieuse")
    page.fill("#id_password", "pw-publieuse-2026")
    page.click("input[type=submit]")


def switch(page, label, code):
    """Click the header's language button and wait for the page in that language."""
    page.get_by_role("button", name=label).click()
    page.wait_for_selector(f"html[lang={code}]")
    page.wait_for_load_state()


def fits(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth") <= page.viewport_size["width"]


def test_the_admin_in_both_languages(page, publisher, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    admin = f"/{settings.ADMIN_URL}"
    with_rollback = tmp_path / "revision.csv"
    with_rollback.write_text(
        "year,partner,flow,hs_code,product,value\n2016,KR,export,,Total,1234.5\n", "utf-8"
    )
    imported = import_trade_file(path=with_rollback, user=publisher)
    batch = rollback_batch(batch=imported.batch, user=publisher).batch
    log_in(page, settings)

    # The dashboard in French, then the same page in English and back.
    assert page.get_attribute("html", "lang") == "fr"
    assert page.inner_text("#site-name") == "Relations internationales — personnel"
    shot(page, "dashboard-fr-1280")
    switch(page, "English", "en")
    assert page.url.endswith(admin)
    assert page.inner_text("#site-name") == "International Relations — staff"
    shot(page, "dashboard-en-1280")

    # Search without accents, in English, then switch: same page, same search, in French.
    page.goto(f"{admin}partners/partner/?q=coree")
    koreas = Partner.objects.filter(iso_code__in=["KP", "KR"])
    listed = page.locator("#result_list tbody th").all_inner_texts()
    assert sorted(listed) == sorted(koreas.values_list("name_en", flat=True))
    switch(page, "Français", "fr")
    assert page.url.endswith("partners/partner/?q=coree")
    assert page.input_value("#searchbar") == "coree"
    listed = page.locator("#result_list tbody th").all_inner_texts()
    assert sorted(listed) == ["Corée du Nord", "Corée du Sud"]
    shot(page, "search-coree-fr-1280")

    # The French export opens in French Excel: BOM, semicolons, decimal comma.
    page.goto(f"{admin}partners/tradefigure/export/")
    page.select_option("#id_format", label="csv")
    with page.expect_download() as download_info:
        page.click("#content input[type=submit].default")
    download = download_info.value
    assert download.suggested_filename == "trade-figures.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith("\ufeffAnnée;Partenaire;Flux;Code SH;Produit;Valeur ($ CA)\r\n".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    assert len(rows) == TradeFigure.objects.count()
    assert {row[5].count(",") for row in rows} == {1}  # every value has its decimal comma
    assert not any("." in row[5] for row in rows)

    # A rolled-back import, from the dashboard: what it did, and when it was rolled back.
    page.goto(admin)
    page.get_by_role("link", name=str(batch)).click()
    assert ImportBatch.objects.get().rolled_back_by == publisher
    content = page.inner_text("#content")
    assert "1 ligne\u00a0: 1 nouvelle, 0 mise à jour, 0 inchangée." in content
    when = batch.rolled_back_at.astimezone(datetime.UTC).strftime("%Y-%m-%d")
    assert "Annulée le " in content and "par publieuse" in content
    assert when[:4] in content
    assert page.get_by_role("link", name="Annuler cette importation…").count() == 0
    shot(page, "batch-rolled-back-fr-1280")

    # Records with tabular inlines fit 1280 px with both languages' columns, in both languages.
    mission = Mission.objects.filter(delegation__isnull=False).first()
    agreement = Agreement.objects.filter(events__isnull=False).first()
    for language in ("fr", "en"):
        for name, url in (
            ("mission", f"{admin}missions/mission/{mission.pk}/change/"),
            ("agreement", f"{admin}agreements/agreement/{agreement.pk}/change/"),
        ):
            page.goto(url)
            if page.get_attribute("html", "lang") != language:
                switch(page, {"fr": "Français", "en": "English"}[language], language)
            assert page.get_attribute("html", "lang") == language
            headers = page.locator(".inline-group .tabular thead th").all_inner_texts()
            assert any(h.strip().upper().endswith("[FR]") for h in headers), headers
            assert any(h.strip().upper().endswith("[EN]") for h in headers), headers
            shot(page, f"{name}-{language}-1280")
            if name == "mission":
                add_place = {
                    "fr": "Ajouter un autre lieu visité",
                    "en": "Add another place visited",
                }
                assert add_place[language] in page.locator(".add-row a").all_inner_texts()
            for number, group in enumerate(page.locator(".inline-group").all()):
                group.screenshot(path=str(SHOTS / f"{name}-{language}-inline-{number}.png"))
            assert fits(page), f"{name} in {language} is wider than 1280 px"

    # The dashboard on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(admin)
    shot(page, "dashboard-en-390")
    switch(page, "Français", "fr")
    shot(page, "dashboard-fr-390")
