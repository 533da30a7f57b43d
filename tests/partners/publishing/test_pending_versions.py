"""Pending versions: edits of a published record wait for a publisher, the public keeps the
live rows; publishing them goes through the workflow (gate, permissions, log)."""

import datetime
from http import HTTPStatus

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, AgreementEvent
from partners.publishing import services as workflow
from partners.publishing import versions
from partners.publishing.models import PendingVersion, PublicationStatus, Transition
from tests import factories
from tests.guards.test_admin_pages import agreement_form

pytestmark = [pytest.mark.django_db, pytest.mark.english]
S = PublicationStatus


def change_url(record):
    return reverse("admin:agreements_agreement_change", args=[record.pk])


def workflow_url(record):
    return reverse("admin:agreements_agreement_workflow", args=[record.pk])


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def agreement():
    agreement = factories.AgreementFactory(
        title_fr="Entente sur la jeunesse",
        title_en="Youth agreement",
        summary_fr="Texte en vigueur.",
        summary_en="Live text.",
    )
    factories.AgreementEventFactory(agreement=agreement, kind="signed", note_en="Signed in Paris")
    return agreement


def edit(client, agreement, **overrides):
    data = agreement_form(agreement, **overrides)
    events = list(agreement.events.all())
    data.update({"events-TOTAL_FORMS": str(len(events)), "events-INITIAL_FORMS": str(len(events))})
    for index, event in enumerate(events):
        data.update(
            {
                f"events-{index}-id": str(event.pk),
                f"events-{index}-agreement": str(agreement.pk),
                f"events-{index}-kind": event.kind,
                f"events-{index}-date": event.date.isoformat() if event.date else "",
                f"events-{index}-date_precision": event.date_precision,
                f"events-{index}-note_fr": event.note_fr or "",
                f"events-{index}-note_en": event.note_en or "",
            }
        )
    data.update(overrides)
    return client.post(change_url(agreement), data)


def test_an_editors_edit_of_a_published_agreement_waits_and_the_public_keeps_the_live_text(
    client, editor, agreement
):
    client.force_login(editor)
    response = edit(client, agreement, summary_en="Pending text.", **{"events-0-note_en": "Quebec"})

    assert response.status_code == HTTPStatus.FOUND
    assert said(response) == [
        "Your changes to “Youth agreement” are kept as a pending version: the public sees the "
        "published version until a publisher publishes them."
    ]
    agreement.refresh_from_db()
    assert (agreement.summary_en, agreement.publication_status) == ("Live text.", S.PUBLISHED)
    assert AgreementEvent.objects.get(agreement=agreement).note_en == "Signed in Paris"
    pending = PendingVersion.objects.get()
    assert (pending.created_by, pending.updated_by) == (editor, editor)
    assert versions.differences(agreement, pending.data) == [
        ("summary (English)", "Live text.", "Pending text."),
        ("agreement event “signed — May 3, 2011”: note (English)", "Signed in Paris", "Quebec"),
    ]
    client.logout()
    public = client.get(agreement.get_absolute_url())
    assert "Live text." in public.content.decode()
    assert "Pending text." not in public.content.decode()


def test_the_change_form_shows_the_pending_values_and_what_changed(client, editor, agreement):
    client.force_login(editor)
    edit(client, agreement, summary_en="Pending text.")

    page = client.get(change_url(agreement))
    html = page.content.decode()
    assert page.context["adminform"].form.initial["summary_en"] == "Pending text."
    assert page.context["pending"]["changes"] == [
        ("summary (English)", "Live text.", "Pending text.")
    ]
    assert "This form shows changes waiting for publication, last saved by editor" in html
    steps = [step for step, _label in page.context["workflow"]["steps"]]
    assert steps == []  # an editor publishes nothing
    assert page.context["workflow"]["can_discard"] is True


def test_a_second_edit_changes_the_pending_version_not_the_live_one(client, editor, agreement):
    client.force_login(editor)
    edit(client, agreement, summary_en="First pending.")
    form = client.get(change_url(agreement)).context["version_token"]
    edit(client, agreement, summary_en="Second pending.", _version=form)

    agreement.refresh_from_db()
    assert agreement.summary_en == "Live text."
    assert PendingVersion.objects.get().data["objects"][0]["fields"]["summary_en"] == (
        "Second pending."
    )


def test_a_publisher_publishes_the_pending_version_through_the_workflow(
    client, editor, publisher, agreement
):
    client.force_login(editor)
    edit(client, agreement, summary_en="Pending text.", **{"events-0-note_en": "Quebec"})
    first_published = Agreement.objects.get().published_at
    client.force_login(publisher)
    page = client.get(change_url(agreement))
    assert page.context["workflow"]["steps"] == [
        ("published", "Publish the changes"),
        ("scheduled", "Schedule the changes"),
        ("unpublished", "Unpublish"),
    ]

    response = client.post(workflow_url(agreement), {"to_status": "published"})

    assert said(response) == ["The changes to “Youth agreement” are now online."]
    agreement.refresh_from_db()
    assert (agreement.summary_en, agreement.publication_status) == ("Pending text.", S.PUBLISHED)
    assert agreement.published_at == first_published
    assert agreement.events.get().note_en == "Quebec"
    assert not PendingVersion.objects.exists()
    step = Transition.objects.get()
    assert (step.from_status, step.to_status, step.of_changes, step.user) == (
        S.PUBLISHED,
        S.PUBLISHED,
        True,
        publisher,
    )
    assert str(step) == "changes published"
    assert agreement.history.first().history_change_reason == "changes published"
    assert "Pending text." in client.get(agreement.get_absolute_url()).content.decode()


def test_the_editor_cannot_publish_the_changes(client, editor, agreement):
    client.force_login(editor)
    edit(client, agreement, summary_en="Pending text.")
    response = client.post(workflow_url(agreement), {"to_status": "published"})
    assert said(response)[-1] == "Only a publisher can do this."
    assert Agreement.objects.get().summary_en == "Live text."
    assert PendingVersion.objects.exists()


def test_emptying_the_english_title_is_kept_pending_and_cannot_go_live(
    client, editor, publisher, agreement
):
    client.force_login(editor)
    response = edit(client, agreement, title_en="")
    assert said(response) == [
        "Your changes to “Youth agreement” are kept as a pending version: the public sees the "
        "published version until a publisher publishes them.",
        "Before they can be published, fill in: title (English).",
    ]
    assert Agreement.objects.get().title_en == "Youth agreement"

    client.force_login(publisher)
    response = client.post(workflow_url(agreement), {"to_status": "published"})
    assert said(response)[-1] == "Cannot publish while these fields are empty: title (English)."
    assert Agreement.objects.get().title_en == "Youth agreement"
    assert PendingVersion.objects.exists()
    assert not Transition.objects.exists()


def test_discarding_the_pending_version(client, editor, agreement):
    client.force_login(editor)
    edit(client, agreement, summary_en="Pending text.")
    response = client.post(workflow_url(agreement), {"to_status": "discard"})
    assert said(response)[-1] == "The pending changes to “Youth agreement” were discarded."
    assert not PendingVersion.objects.exists()
    assert Agreement.objects.get().summary_en == "Live text."
    assert str(Transition.objects.get()) == "changes discarded"
    page = client.get(change_url(agreement))
    assert page.context["adminform"].form.initial["summary_en"] == "Live text."


def test_another_editor_cannot_discard_someone_elses_changes(client, editor, agreement):
    other = factories.UserFactory(username="other")
    other.groups.set(editor.groups.all())
    client.force_login(editor)
    edit(client, agreement, summary_en="Pending text.")
    client.force_login(other)
    response = client.post(workflow_url(agreement), {"to_status": "discard"})
    assert said(response)[-1] == (
        "Only a publisher or the person who started these changes can discard them."
    )
    assert PendingVersion.objects.exists()


def test_a_draft_is_edited_in_place(client, editor):
    draft = factories.AgreementFactory(publication_status=S.DRAFT, title_en="Draft")
    client.force_login(editor)
    edit(client, draft, title_en="Draft, revised")
    assert Agreement.objects.get().title_en == "Draft, revised"
    assert not PendingVersion.objects.exists()


def test_preview_shows_the_pending_version_to_staff_only(client, editor, agreement):
    client.force_login(editor)
    edit(client, agreement, summary_en="Pending text.")
    preview = client.get(agreement.get_absolute_url() + "?preview=1").content.decode()
    assert "Pending text." in preview
    assert "Preview: the pending changes to this record, not yet published." in preview
    assert Agreement.objects.get().summary_en == "Live text."
    client.logout()
    public = client.get(agreement.get_absolute_url() + "?preview=1").content.decode()
    assert "Live text." in public and "Pending text." not in public


def test_scheduled_changes_go_live_with_publish_due(client, editor, publisher, agreement):
    client.force_login(editor)
    edit(client, agreement, summary_en="Pending text.")
    client.force_login(publisher)
    when = timezone.now() + datetime.timedelta(days=1)
    local = timezone.localtime(when).replace(tzinfo=None, second=0, microsecond=0)
    response = client.post(
        workflow_url(agreement),
        {"to_status": "scheduled", "scheduled_for": local.isoformat(timespec="minutes")},
    )
    assert said(response)[-1].startswith("The changes to “Youth agreement” will go online on ")
    agreement.refresh_from_db()
    assert agreement.publication_status == S.PUBLISHED
    assert PendingVersion.objects.get().scheduled_for is not None

    assert workflow.publish_due() == []
    assert Agreement.objects.get().summary_en == "Live text."
    with time_machine.travel(when + datetime.timedelta(minutes=1)):
        assert workflow.publish_due() == [agreement]
    assert Agreement.objects.get().summary_en == "Pending text."
    assert not PendingVersion.objects.exists()
    assert [str(step) for step in Transition.objects.all()] == [
        "changes published",
        "changes scheduled",
    ]


def test_an_editor_withdraws_their_own_submission(client, editor):
    draft = factories.AgreementFactory(publication_status=S.DRAFT)
    client.force_login(editor)
    client.post(workflow_url(draft), {"to_status": "submitted"})
    page = client.get(change_url(draft))
    assert page.context["workflow"]["steps"] == [("draft", "Withdraw my submission")]

    client.post(workflow_url(draft), {"to_status": "draft"})

    assert Agreement.objects.get().publication_status == S.DRAFT
    assert [str(step) for step in Transition.objects.all()] == [
        "submitted for review → draft",
        "draft → submitted for review",
    ]


def test_an_editor_cannot_withdraw_someone_elses_submission(client, editor):
    draft = factories.AgreementFactory(publication_status=S.DRAFT)
    other = factories.UserFactory(username="other")
    other.groups.set(editor.groups.all())
    workflow.move(record=draft, to_status=S.SUBMITTED, user=other)
    client.force_login(editor)
    assert client.get(change_url(draft)).context["workflow"]["steps"] == []
    response = client.post(workflow_url(draft), {"to_status": "draft"})
    assert said(response)[-1] == (
        "Only a publisher or the person who submitted the record can do this."
    )
    assert Agreement.objects.get().publication_status == S.SUBMITTED


# History without bypass: an old version restored never moves the record's publication.


def history_url(record, historical):
    return reverse(
        "admin:agreements_agreement_simple_history", args=[record.pk, historical.history_id]
    )


def restore(client, record, historical, **overrides):
    data = agreement_form(historical.instance, **overrides)
    return client.post(history_url(record, historical), data)


def test_restoring_a_published_version_of_an_unpublished_agreement_publishes_nothing(
    client, editor, publisher
):
    agreement = factories.AgreementFactory(
        publication_status=S.DRAFT, summary_fr="Ancien", summary_en="Old"
    )
    workflow.move(record=agreement, to_status=S.PUBLISHED, user=publisher)
    published = agreement.history.first()
    workflow.move(record=agreement, to_status=S.UNPUBLISHED, user=publisher, note="Expired")
    steps = Transition.objects.count()
    client.force_login(editor)

    response = restore(client, agreement, published)

    assert response.status_code == HTTPStatus.FOUND
    agreement.refresh_from_db()
    assert (agreement.publication_status, agreement.unpublished_reason) == (
        S.UNPUBLISHED,
        "Expired",
    )
    assert Transition.objects.count() == steps
    client.logout()
    assert client.get(agreement.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_restoring_an_old_version_of_a_published_agreement_makes_a_pending_version_only(
    client, editor, agreement
):
    old = agreement.history.first()
    agreement.summary_en = "Newer live text."
    agreement.save()
    client.force_login(editor)

    response = restore(client, agreement, old)

    assert response.status_code == HTTPStatus.FOUND
    assert said(response)[-1] == (
        "Your changes to “Youth agreement” are kept as a pending version: the public sees the "
        "published version until a publisher publishes them."
    )
    agreement.refresh_from_db()
    assert (agreement.summary_en, agreement.publication_status) == ("Newer live text.", S.PUBLISHED)
    pending = PendingVersion.objects.get()
    assert versions.differences(agreement, pending.data) == [
        ("summary (English)", "Newer live text.", "Live text.")
    ]
    assert not Transition.objects.exists()


# Two people, one record: the second save is refused, their input kept, the other's change named.


def test_a_save_after_someone_elses_is_refused_with_their_change_named(client, editor):
    draft = factories.AgreementFactory(publication_status=S.DRAFT, summary_en="Start.")
    other = factories.UserFactory(username="marie", first_name="Marie", last_name="Tremblay")
    other.groups.set(editor.groups.all())
    client.force_login(editor)
    token = client.get(change_url(draft)).context["version_token"]

    from django.test import Client

    second = Client(HTTP_ACCEPT_LANGUAGE="en")
    with time_machine.travel(datetime.datetime(2027, 5, 4, 14, 30, tzinfo=datetime.UTC)):
        second.force_login(other)
        second_token = second.get(change_url(draft)).context["version_token"]
        edit(second, draft, summary_en="Marie's text.", _version=second_token)

    response = edit(client, draft, summary_en="My text.", _version=token)

    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.non_field_errors() == [
        "Marie Tremblay saved a change to this record on May 4, 2027 10:30, after you opened "
        "this form (summary (English)). Your input is kept below: compare it with the record, "
        "then save again."
    ]
    assert response.context["adminform"].form.data["summary_en"] == "My text."
    assert Agreement.objects.get().summary_en == "Marie's text."

    again = edit(client, draft, summary_en="My text.", _version=response.context["version_token"])
    assert again.status_code == HTTPStatus.FOUND
    assert Agreement.objects.get().summary_en == "My text."


def test_a_save_over_someone_elses_pending_changes_is_refused(client, editor, agreement):
    other = factories.UserFactory(username="marie")
    other.groups.set(editor.groups.all())
    client.force_login(editor)
    token = client.get(change_url(agreement)).context["version_token"]
    from django.test import Client

    second = Client(HTTP_ACCEPT_LANGUAGE="en")
    second.force_login(other)
    edit(second, agreement, title_en="Marie's title")

    response = edit(client, agreement, summary_en="My text.", _version=token)

    assert response.status_code == HTTPStatus.OK
    (error,) = response.context["adminform"].form.non_field_errors()
    assert error.startswith("marie saved a change to this record on ")
    assert "(title (English))" in error
    pending = PendingVersion.objects.get()
    assert pending.data["objects"][0]["fields"]["title_en"] == "Marie's title"
    assert pending.data["objects"][0]["fields"]["summary_en"] == "Live text."


# The gate on a scheduled record: nothing about to go live may lack a required field.


def test_emptying_a_required_field_of_a_scheduled_agreement_is_refused(client, editor):
    scheduled = factories.AgreementFactory(
        publication_status=S.SCHEDULED,
        scheduled_for=timezone.now() + datetime.timedelta(days=2),
        summary_fr="Résumé",
        summary_en="Summary",
    )
    client.force_login(editor)

    response = edit(client, scheduled, title_en="", summary_en="Changed")

    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.non_field_errors() == [
        "This record is scheduled to go online: fill in title (English), or ask a publisher "
        "to cancel the schedule first."
    ]
    title = scheduled.title_en
    scheduled.refresh_from_db()
    assert (scheduled.title_en, scheduled.summary_en) == (title, "Summary")


def test_the_list_filter_finds_the_records_with_pending_changes(client, editor, agreement):
    factories.AgreementFactory(title_en="Untouched")
    client.force_login(editor)
    edit(client, agreement, summary_en="Pending text.")
    changelist = reverse("admin:agreements_agreement_changelist")
    page = client.get(changelist, {"changes": "pending"})
    assert [str(record) for record in page.context["cl"].result_list] == ["Youth agreement"]
    assert client.get(changelist).context["cl"].result_count == 2


def test_deleting_a_record_drops_its_pending_version(client, editor, publisher, agreement):
    client.force_login(editor)
    edit(client, agreement, summary_en="Pending text.")
    client.force_login(publisher)
    delete = reverse("admin:agreements_agreement_delete", args=[agreement.pk])
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FOUND
    assert not Agreement.objects.exists()
    assert not PendingVersion.objects.exists()
