"""A publisher's hostile trade file is refused on the upload page, in French, with nothing kept;
a staff member locked out sees the staff site's lockout page (issue 16, items 1 and 3)."""

import pytest
from django.contrib.auth.models import Group

from partners.models import ImportBatch, TradeFigure
from partners.trade.admin import UPLOAD_DIR
from tests import factories
from tests.partners.trade.test_hostile_files import declared, rewrite, small_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots/h3"


def log_in(page, settings, username, password):
    page.goto(f"/{settings.ADMIN_URL}login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_declared_huge_sheet_is_refused_on_the_upload_page(
    page, staff_groups, settings, tmp_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    settings.MEDIA_ROOT = tmp_path / "media"
    publisher = factories.UserFactory(username="publieuse")
    publisher.set_password("pw-publieuse-2026")
    publisher.save()
    publisher.groups.add(Group.objects.get(name="Publisher"))
    figures_before = TradeFigure.objects.count()
    hostile = rewrite(
        small_workbook(),
        tmp_path / "bombe.xlsx",
        **{"xl/worksheets/sheet1.xml": declared("A1:XFD1048576")},
    )

    log_in(page, settings, "publieuse", "pw-publieuse-2026")
    page.goto(f"/{settings.ADMIN_URL}partners/tradefigure/import/")
    page.set_input_files("input[type=file]", str(hostile))
    page.get_by_role("button", name="Aperçu").click()

    errors = page.inner_text(".trade-import-errors")
    assert errors == (
        "La feuille déclare 1\u00a0048\u00a0576 lignes, pour au plus 1\u00a0000\u00a0000 lignes "
        "de données. Divisez-la en plusieurs fichiers."
    )
    page.screenshot(path=f"{SHOTS}/hostile-upload-fr-{width}.png", full_page=True)
    assert TradeFigure.objects.count() == figures_before
    assert ImportBatch.objects.count() == 0
    folder = settings.MEDIA_ROOT / UPLOAD_DIR
    assert not folder.exists() or list(folder.iterdir()) == []


def test_the_lockout_page_is_the_staff_sites(page, staff_groups, settings):
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    factories.UserFactory(username="publieuse")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, settings, "publieuse", "mauvais")
    text = page.inner_text("body")
    assert "Relations internationales — personnel" in text
    assert "Django" not in text
    page.screenshot(path=f"{SHOTS}/lockout-fr-1280.png", full_page=True)
