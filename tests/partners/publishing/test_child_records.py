"""A child record with its own admin (an office, a recommendation) restored from History or
deleted while its record is published: the change waits in the record's pending version, the
live rows and the public page stay as they are until a publisher publishes it."""

from http import HTTPStatus

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.urls import reverse

from missions.models import Recommendation
from partners.models import Office
from partners.publishing import services as workflow
from partners.publishing import versions
from partners.publishing.models import PendingVersion, PublicationStatus
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.english]
S = PublicationStatus
KEPT = (
    "Your changes to “{}” are kept as a pending version: the public sees the published "
    "version until a publisher publishes them."
)


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def restore(client, name, obj, historical, extra=None):
    url = reverse(f"admin:{name}_simple_history", args=[obj.pk, historical.history_id])
    form = client.get(url).context["adminform"].form
    data = {key: "" if value is None else value for key, value in form.initial.items()}
    data.update(extra or {})
    return client.post(url, data)


@pytest.fixture
def office():
    partner = factories.PartnerFactory(
        name_fr="Bavière",
        name_en="Bavaria",
        overview_fr="Land allemand.",
        overview_en="German state.",
    )
    office = factories.OfficeFactory(
        partner=partner, name_fr="Bureau de Munich", name_en="Munich Office"
    )
    office.name_en = "Québec Office in Munich"
    office.save()
    return office


@pytest.fixture
def recommendation():
    mission = factories.MissionFactory(
        title_fr="Mission en Chine",
        title_en="Mission to China",
        context_fr="Contexte",
        context_en="Context",
        objectives_fr="Objectifs",
        objectives_en="Objectives",
        results_fr="Résultats",
        results_en="Results",
    )
    recommendation = factories.RecommendationFactory(
        mission=mission, text_fr="Ancien texte", text_en="Old text"
    )
    recommendation.text_en = "Continue the exchanges"
    recommendation.save()
    return recommendation


def test_restoring_an_office_of_a_published_partner_waits_in_its_pending_version(
    client, editor, publisher, office
):
    client.force_login(editor)
    oldest = office.history.order_by("history_id").first()

    response = restore(client, "partners_office", office, oldest)

    assert response.status_code == HTTPStatus.FOUND
    assert said(response) == [KEPT.format("Bavaria")]
    office.refresh_from_db()
    assert office.name_en == "Québec Office in Munich"
    pending = PendingVersion.objects.get()
    assert versions.differences(office.partner, pending.data) == [
        (
            "office abroad “Québec Office in Munich”: name (English)",
            "Québec Office in Munich",
            "Munich Office",
        )
    ]
    client.logout()
    page = client.get(office.partner.get_absolute_url()).content.decode()
    assert "Québec Office in Munich" in page and "Munich Office" not in page

    workflow.move(record=office.partner, to_status=S.PUBLISHED, user=publisher)
    office.refresh_from_db()
    assert office.name_en == "Munich Office"


def test_deleting_an_office_of_a_published_partner_waits_in_its_pending_version(
    client, publisher, office
):
    client.force_login(publisher)
    url = reverse("admin:partners_office_delete", args=[office.pk])

    response = client.post(url, {"post": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert said(response) == [KEPT.format("Bavaria")]
    assert Office.objects.filter(pk=office.pk).exists()
    pending = PendingVersion.objects.get()
    assert [row["model"] for row in pending.data["objects"]] == ["partners.partner"]
    client.logout()
    assert (
        "Québec Office in Munich" in client.get(office.partner.get_absolute_url()).content.decode()
    )

    workflow.move(record=office.partner, to_status=S.PUBLISHED, user=publisher)
    assert not Office.objects.filter(pk=office.pk).exists()
    page = client.get(office.partner.get_absolute_url()).content.decode()
    assert "Québec Office in Munich" not in page


def test_an_office_of_a_draft_partner_is_deleted_at_once(client, publisher):
    partner = factories.PartnerFactory(publication_status=S.DRAFT)
    office = factories.OfficeFactory(partner=partner)
    client.force_login(publisher)

    response = client.post(
        reverse("admin:partners_office_delete", args=[office.pk]), {"post": "yes"}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert not Office.objects.exists()
    assert not PendingVersion.objects.exists()


def test_the_bulk_delete_refuses_offices_of_published_partners(client, publisher, office):
    client.force_login(publisher)

    response = client.post(
        reverse("admin:partners_office_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [office.pk], "post": "yes"},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert said(response) == [
        "Nothing was deleted: Bavaria is published. Delete these entries one by one, so that "
        "each deletion waits in its pending version for a publisher."
    ]
    assert Office.objects.filter(pk=office.pk).exists()
    assert not PendingVersion.objects.exists()


def test_restoring_a_recommendation_of_a_published_mission_waits_in_its_pending_version(
    client, editor, recommendation
):
    client.force_login(editor)
    oldest = recommendation.history.order_by("history_id").first()

    response = restore(
        client,
        "missions_recommendation",
        recommendation,
        oldest,
        {"follow_ups-TOTAL_FORMS": "0", "follow_ups-INITIAL_FORMS": "0"},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert said(response) == [KEPT.format("Mission to China")]
    recommendation.refresh_from_db()
    assert recommendation.text_en == "Continue the exchanges"
    pending = PendingVersion.objects.get()
    assert versions.differences(recommendation.mission, pending.data) == [
        (
            "recommendation “Continue the exchanges”: recommendation (English)",
            "Continue the exchanges",
            "Old text",
        )
    ]
    client.logout()
    page = client.get(recommendation.mission.get_absolute_url()).content.decode()
    assert "Continue the exchanges" in page and "Old text" not in page


def test_deleting_a_recommendation_of_a_published_mission_waits_in_its_pending_version(
    client, publisher, recommendation
):
    factories.FollowUpActionFactory(recommendation=recommendation)
    client.force_login(publisher)
    url = reverse("admin:missions_recommendation_delete", args=[recommendation.pk])

    response = client.post(url, {"post": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert said(response) == [KEPT.format("Mission to China")]
    assert Recommendation.objects.get().follow_ups.count() == 1
    pending = PendingVersion.objects.get()
    assert [row["model"] for row in pending.data["objects"]] == ["missions.mission"]
    client.logout()
    mission_url = recommendation.mission.get_absolute_url()
    assert "Continue the exchanges" in client.get(mission_url).content.decode()

    workflow.move(record=recommendation.mission, to_status=S.PUBLISHED, user=publisher)
    assert not Recommendation.objects.exists()
    assert "Continue the exchanges" not in client.get(mission_url).content.decode()
