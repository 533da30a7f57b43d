"""A publisher imports a French Excel workbook through the admin (upload, preview, confirm), then
rolls the import back with the button on its page, in French, as the ministry's staff do."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from partners.models import ImportBatch, TradeFigure
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKBOOK = Path(__file__).resolve().parents[1] / "partners" / "trade" / "files" / "trade_fr.xlsx"


def test_publisher_imports_a_workbook_then_rolls_it_back(page, staff_groups, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    publisher = factories.UserFactory(username="publieuse")
    publisher.set_password("pw-publieuse-2026")
    publisher.save()
    publisher.groups.add(Group.objects.get(name="Publisher"))
    figures_before = TradeFigure.objects.count()

    page.goto(f"/{settings.ADMIN_URL}login/")
    page.fill("#id_username", "publieuse")
    page.fill("#id_password", "pw-publieuse-2026")
    page.click("input[type=submit]")
    page.goto(f"/{settings.ADMIN_URL}partners/tradefigure/import/")
    page.set_input_files("input[type=file]", str(WORKBOOK))
    page.get_by_role("button", name="Aperçu").click()
    # The demo already holds China's 2016 export total, one of the workbook's four rows.
    assert page.locator("tr.new").count() == 3
    assert TradeFigure.objects.count() == figures_before  # a preview writes nothing

    page.get_by_role("button", name="Confirmer l\u2019importation").click()
    batch = ImportBatch.objects.get()
    assert (batch.file_name, batch.user, batch.created_count, batch.unchanged_count) == (
        "trade_fr.xlsx",
        publisher,
        3,
        1,
    )
    assert TradeFigure.objects.count() == figures_before + 3

    page.get_by_role("link", name="Annuler cette importation…").click()
    asked = page.inner_text("#content")
    assert "supprimer 3 donn\u00e9es qu\u2019elle a cr\u00e9\u00e9es\u00a0;" in asked
    page.screenshot(path="/tmp/shots/admin-rollback-confirm.png", full_page=True)
    assert TradeFigure.objects.count() == figures_before + 3  # asking deletes nothing

    page.get_by_role("button", name="Oui, annuler cette importation").click()
    assert "Importation annulée" in page.inner_text(".messagelist")
    batch.refresh_from_db()
    assert batch.rolled_back_by == publisher
    assert TradeFigure.objects.count() == figures_before
