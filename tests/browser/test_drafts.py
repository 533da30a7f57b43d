"""Editing published records safely, in a browser: an editor's edit waits as a pending version
while the public keeps the live text, a publisher publishes it (now or at a time), a History
restore makes a pending version only, two people on one record, an editor withdrawing their
submission. Each walk asserts the database and the public page."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone

from agreements.models import Agreement
from partners.publishing.models import PendingVersion, PublicationStatus, Transition
from partners.publishing.services import publish_due
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = PublicationStatus
SLUG = "entente-science-technologie-chine-1995"
SHOTS = Path("/tmp/shots/h1")


def staff(username, group):
    user = factories.UserFactory(username=username, first_name=username.capitalize())
    user.set_password(f"pw-{username}-2026")
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, settings, username):
    page.goto(f"/{settings.ADMIN_URL}login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}-2026")
    page.click("input[type=submit]")
    page.wait_for_url(f"**/{settings.ADMIN_URL}")


def new_page(browser, live_server, locale="fr-CA", width=1280):
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": width, "height": 900}
    )
    return context.new_page()


def change_url(settings, agreement):
    return f"/{settings.ADMIN_URL}agreements/agreement/{agreement.pk}/change/"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def press(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def messages(page):
    return [" ".join(text.split()) for text in page.locator("ul.messagelist li").all_inner_texts()]


def first_line(text):
    return text.splitlines()[0]


def public_text(page, agreement, language="en"):
    prefix = "/en/agreements/" if language == "en" else "/fr/ententes/"
    response = page.goto(f"{prefix}{getattr(agreement, f'slug_{language}')}/")
    assert response.status == 200
    return page.locator("main").inner_text()


@pytest.fixture
def agreement(page, staff_groups):
    """A published agreement of the demo (the `page` fixture loads the demo)."""
    return Agreement.objects.get(slug_fr=SLUG)


def test_an_editors_edit_waits_for_review_then_a_publisher_publishes_it(
    page, browser, live_server, settings, agreement
):
    staff("editeur", "Editor")
    publisher = staff("publieur", "Publisher")
    live = agreement.summary_en
    assert live and agreement.is_published

    log_in(page, settings, "editeur")
    page.goto(change_url(settings, agreement))
    page.fill("#id_summary_en", "A pending English summary.")
    submit(page, "input[name=_continue]")

    assert messages(page) == [
        f"Vos modifications de « {agreement.title_fr} » sont conservées comme version en attente "
        ": le public voit la version publiée jusqu\u2019à ce qu\u2019un responsable de la publication "
        "les publie."
    ]
    assert page.locator("#pending-title").inner_text() == "Modifications en attente"
    assert page.locator("table.pending-changes tbody tr").all_inner_texts() == [
        f"résumé (anglais)\t{live}\tA pending English summary."
    ]
    assert page.locator("#id_summary_en").input_value() == "A pending English summary."
    shoot(page, "pending-editor-fr-1280")
    agreement.refresh_from_db()
    assert (agreement.summary_en, agreement.publication_status) == (live, S.PUBLISHED)
    assert PendingVersion.objects.get().created_by.username == "editeur"
    visitor = new_page(browser, live_server, "en-CA")
    text = public_text(visitor, agreement)
    assert first_line(live) in text and "A pending English summary." not in text

    reviewer = new_page(browser, live_server)
    log_in(reviewer, settings, "publieur")
    reviewer.goto(change_url(settings, agreement))
    reviewer.locator("#workflow-title").scroll_into_view_if_needed()
    shoot(reviewer, "publish-panel-fr-1280")
    press(reviewer, "Publier les modifications")

    assert messages(reviewer) == [
        f"Les modifications de « {agreement.title_fr} » sont maintenant en ligne."
    ]
    agreement.refresh_from_db()
    assert agreement.summary_en == "A pending English summary."
    assert not PendingVersion.objects.exists()
    step = Transition.objects.get(of_changes=True)
    assert (step.user, step.of_changes, step.to_status) == (publisher, True, S.PUBLISHED)
    assert "A pending English summary." in public_text(visitor, agreement)


def test_restoring_from_history_as_an_editor_makes_a_pending_version_only(
    page, browser, live_server, settings, agreement
):
    staff("editeur", "Editor")
    old = agreement.summary_fr
    agreement.summary_fr = "Un résumé plus récent, en ligne."
    agreement._change_reason = "Mise à jour"
    agreement.save()
    steps = Transition.objects.count()

    log_in(page, settings, "editeur")
    page.goto(f"/{settings.ADMIN_URL}agreements/agreement/{agreement.pk}/history/")
    shoot(page, "history-fr-1280")
    assert page.locator("#change-history thead th").all_text_contents() == [
        "Version",
        "Date et heure",
        "Action",
        "Modifié par",
        "Raison",
        "Modifications",
    ]
    with page.expect_navigation():
        page.locator("#change-history tbody tr").nth(1).locator("a").first.click()
    submit(page, "input[type=submit][name=_save]")

    assert messages(page)[0].startswith(f"Vos modifications de « {agreement.title_fr} »")
    agreement.refresh_from_db()
    assert (agreement.summary_fr, agreement.publication_status) == (
        "Un résumé plus récent, en ligne.",
        S.PUBLISHED,
    )
    assert Transition.objects.count() == steps
    pending = PendingVersion.objects.get()
    assert pending.data["objects"][0]["fields"]["summary_fr"].replace("\r\n", "\n") == old
    visitor = new_page(browser, live_server)
    assert "Un résumé plus récent, en ligne." in public_text(visitor, agreement, "fr")


def test_two_people_editing_one_record(page, browser, live_server, settings, agreement):
    staff("editeur", "Editor")
    staff("redactrice", "Editor")
    log_in(page, settings, "editeur")
    page.goto(change_url(settings, agreement))
    other = new_page(browser, live_server, "en-CA")
    log_in(other, settings, "redactrice")
    other.goto(change_url(settings, agreement))

    other.fill("#id_summary_en", "Her summary.")
    submit(other, "input[name=_continue]")
    page.fill("#id_title_en", "My new English title")
    submit(page, "input[name=_continue]")

    error = " ".join(page.locator("ul.errorlist.nonfield").inner_text().split())
    assert error.startswith("Redactrice a enregistré une modification de cette fiche le ")
    assert "(résumé (anglais))" in error
    assert page.locator("#id_title_en").input_value() == "My new English title"
    shoot(page, "conflict-fr-1280")
    pending = PendingVersion.objects.get()
    assert pending.data["objects"][0]["fields"]["summary_en"] == "Her summary."
    assert pending.data["objects"][0]["fields"]["title_en"] == agreement.title_en

    # The form now carries the latest version: he merges her change into his input and saves.
    page.fill("#id_summary_en", "Her summary.")
    submit(page, "input[name=_continue]")
    pending.refresh_from_db()
    assert pending.data["objects"][0]["fields"]["title_en"] == "My new English title"
    assert pending.data["objects"][0]["fields"]["summary_en"] == "Her summary."
    other.goto(change_url(settings, agreement))
    assert other.locator("#pending-title").inner_text() == "Pending changes"
    shoot(other, "pending-en-1280")
    narrow = new_page(browser, live_server, "en-CA", width=390)
    log_in(narrow, settings, "redactrice")
    narrow.goto(change_url(settings, agreement))
    narrow.locator("#pending-title").scroll_into_view_if_needed()
    shoot(narrow, "pending-en-390")


def test_a_scheduled_pending_version_goes_live_at_its_time(
    page, browser, live_server, settings, agreement
):
    staff("publieur", "Publisher")
    live = agreement.summary_en
    log_in(page, settings, "publieur")
    page.goto(change_url(settings, agreement))
    page.fill("#id_summary_en", "Scheduled English summary.")
    submit(page, "input[name=_continue]")
    when = timezone.localtime() + datetime.timedelta(days=1)
    page.fill("#workflow-when", when.strftime("%Y-%m-%dT%H:%M"))
    press(page, "Programmer les modifications")

    assert messages(page)[0].startswith(
        f"Les modifications de « {agreement.title_fr} » seront mises en ligne le "
    )
    assert PendingVersion.objects.get().scheduled_for is not None
    visitor = new_page(browser, live_server, "en-CA")
    assert first_line(live) in public_text(visitor, agreement)
    assert publish_due() == []
    with time_machine.travel(when + datetime.timedelta(minutes=2), tick=False):
        assert [record.pk for record in publish_due()] == [agreement.pk]
    agreement.refresh_from_db()
    assert (agreement.summary_en, agreement.publication_status) == (
        "Scheduled English summary.",
        S.PUBLISHED,
    )
    assert [
        (step.to_status, step.of_changes) for step in Transition.objects.filter(of_changes=True)
    ] == [
        (S.PUBLISHED, True),
        (S.SCHEDULED, True),
    ]
    assert "Scheduled English summary." in public_text(visitor, agreement)


def test_an_editor_withdraws_their_submission(page, browser, live_server, settings, staff_groups):
    staff("editeur", "Editor")
    draft = factories.AgreementFactory(
        title_fr="Entente en préparation",
        title_en="Agreement in preparation",
        publication_status=S.DRAFT,
    )
    log_in(page, settings, "editeur")
    page.goto(change_url(settings, draft))
    press(page, "Soumettre pour révision")
    draft.refresh_from_db()
    assert draft.publication_status == S.SUBMITTED
    press(page, "Retirer ma soumission")

    draft.refresh_from_db()
    assert draft.publication_status == S.DRAFT
    steps = Transition.objects.filter(object_id=draft.pk, content_type__model="agreement")
    assert [(step.from_status, step.to_status) for step in steps] == [
        (S.SUBMITTED, S.DRAFT),
        (S.DRAFT, S.SUBMITTED),
    ]
    narrow = new_page(browser, live_server, width=390)
    log_in(narrow, settings, "editeur")
    narrow.goto(change_url(settings, draft))
    narrow.locator("#workflow-title").scroll_into_view_if_needed()
    shoot(narrow, "withdrawn-fr-390")
