"""A publisher deletes an office of a published partner in a browser: the deletion waits in
the partner's pending version (the office stays on the public page), the dashboard lists the
partner among the changes waiting for publication, publishing removes the office."""

from pathlib import Path

import pytest
from django.utils import translation

from partners.models import Office
from partners.publishing.models import PendingVersion, PublicationStatus
from tests.browser.test_drafts import log_in, messages, new_page, press, staff, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = PublicationStatus
SHOTS = Path("/tmp/shots/h9")


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def french_page(record):
    """The record's French address, whatever language an earlier test left active."""
    with translation.override("fr"):
        return record.get_absolute_url()


def test_deleting_an_office_of_a_published_partner_waits_for_publication(
    page, browser, live_server, settings, staff_groups
):
    office = Office.objects.filter(partner__publication_status=S.PUBLISHED).first()
    partner = office.partner
    staff("publieur", "Publisher")
    log_in(page, settings, "publieur")

    page.goto(f"/{settings.ADMIN_URL}partners/office/{office.pk}/delete/")
    submit(page, "form input[type=submit]")

    assert messages(page) == [
        f"Vos modifications de « {partner.name_fr} » sont conservées comme version en attente "
        ": le public voit la version publiée jusqu\u2019à ce qu\u2019un responsable de la publication "
        "les publie."
    ]
    assert Office.objects.filter(pk=office.pk).exists()
    assert PendingVersion.objects.get().object_id == partner.pk
    visitor = new_page(browser, live_server, "fr-CA")
    assert visitor.goto(french_page(partner)).status == 200
    assert office.name_fr in visitor.locator("main").inner_text()

    for locale, width in [("fr-CA", 1280), ("fr-CA", 390), ("en-CA", 1280), ("en-CA", 390)]:
        staff_page = new_page(browser, live_server, locale, width)
        log_in(staff_page, settings, "publieur")
        panel = staff_page.locator(
            ".dashboard-panel",
            has=staff_page.locator("h2").filter(
                has_text="en attente de publication"
                if locale == "fr-CA"
                else "waiting for publication"
            ),
        )
        items = panel.locator("li").all_inner_texts()
        assert len(items) == 1 and items[0].startswith(
            partner.name_fr if locale == "fr-CA" else partner.name_en
        )
        shoot(staff_page, f"dashboard-{locale[:2]}-{width}")

    page.goto(f"/{settings.ADMIN_URL}partners/partner/{partner.pk}/change/")
    press(page, "Publier les modifications")
    assert not Office.objects.filter(pk=office.pk).exists()
    visitor.goto(french_page(partner))
    assert office.name_fr not in visitor.locator("main").inner_text()
