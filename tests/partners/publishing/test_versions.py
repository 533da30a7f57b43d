"""The pending-version service: a mission's children kept, shown, published; the gate holds on
every path (shell service, bulk action, publish_due)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from missions.models import DelegationMember, Mission, MissionPlace
from partners.publishing import services as workflow
from partners.publishing import versions
from partners.publishing.models import PendingVersion, PublicationStatus, Transition
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.english]
S = PublicationStatus


def complete_mission(**kwargs):
    mission = factories.MissionFactory(
        context_fr="Contexte",
        context_en="Context",
        objectives_fr="Objectifs",
        objectives_en="Objectives",
        results_fr="Résultats",
        results_en="Results",
        **kwargs,
    )
    factories.MissionPlaceFactory(mission=mission, city_fr="Pékin", city_en="Beijing")
    factories.DelegationMemberFactory(mission=mission, name="Jeanne Roy")
    return mission


def pending_edit(mission, user, change):
    """What the admin does: change inside a rolled-back savepoint, keep the snapshot."""
    with versions.rolled_back():
        change(mission)
        data = versions.capture(mission)
    return versions.store(record=mission, data=data, user=user)


def test_a_missions_children_wait_with_its_pending_version_and_go_live_with_it(publisher):
    mission = complete_mission()
    partner = MissionPlace.objects.get().partner

    def change(mission):
        MissionPlace.objects.create(
            mission=mission, city_fr="Shanghai", city_en="Shanghai", partner=partner, position=2
        )
        DelegationMember.objects.filter(mission=mission).delete()
        Mission.objects.filter(pk=mission.pk).update(results_en="Better results")

    pending = pending_edit(mission, publisher, change)

    assert list(MissionPlace.objects.values_list("city_en", flat=True)) == ["Beijing"]
    assert DelegationMember.objects.count() == 1
    assert versions.differences(mission, pending.data) == [
        ("results (English)", "Results", "Better results"),
        ("delegation member “Jeanne Roy”", "removed", "—"),
        ("place visited “Shanghai”", "—", "added"),
    ]

    workflow.move(record=mission, to_status=S.PUBLISHED, user=publisher)

    assert sorted(MissionPlace.objects.values_list("city_en", flat=True)) == [
        "Beijing",
        "Shanghai",
    ]
    assert DelegationMember.objects.count() == 0
    assert Mission.objects.get().results_en == "Better results"
    assert not PendingVersion.objects.exists()


def test_the_gate_checks_the_pending_childrens_texts_too(publisher):
    mission = complete_mission()

    def change(mission):
        MissionPlace.objects.filter(mission=mission).update(city_en="")

    pending_edit(mission, publisher, change)
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.move(record=mission, to_status=S.PUBLISHED, user=publisher)
    assert refused.value.message == (
        "Cannot publish while these fields are empty: place visited “Pékin”: city (English)."
    )
    assert MissionPlace.objects.get().city_en == "Beijing"
    assert PendingVersion.objects.exists()
    with pytest.raises(workflow.WorkflowError):
        workflow.move(
            record=mission,
            to_status=S.SCHEDULED,
            user=publisher,
            scheduled_for=timezone.now() + datetime.timedelta(days=1),
        )
    assert PendingVersion.objects.get().scheduled_for is None


def test_the_bulk_publish_action_holds_the_gate_for_pending_versions(client, publisher):
    agreement = factories.AgreementFactory(summary_fr="Résumé", summary_en="Summary")

    def change(agreement):
        type(agreement).objects.filter(pk=agreement.pk).update(title_en="")

    pending_edit(agreement, publisher, change)
    client.force_login(publisher)
    response = client.post(
        reverse("admin:agreements_agreement_changelist"),
        {"action": "publish", "_selected_action": [agreement.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"{agreement}: Cannot publish while these fields are empty: title (English)."
    ]
    agreement.refresh_from_db()
    assert agreement.title_en != ""
    assert PendingVersion.objects.exists()


def test_publish_due_skips_changes_the_gate_refuses_and_publishes_the_others(publisher):
    good = complete_mission()
    bad = complete_mission()
    when = timezone.now() + datetime.timedelta(hours=1)
    for mission, value in ((good, "New results"), (bad, "New results")):
        pending_edit(
            mission,
            publisher,
            lambda m, value=value: Mission.objects.filter(pk=m.pk).update(results_en=value),
        )
        workflow.move(record=mission, to_status=S.SCHEDULED, user=publisher, scheduled_for=when)
    # Changed again after it was scheduled, past the admin's check (from the shell).
    version = versions.pending_version(bad)
    version.data["objects"][0]["fields"]["results_en"] = ""
    version.save()

    with time_machine.travel(when + datetime.timedelta(minutes=1)):
        published = workflow.publish_due()

    assert published == [good]
    assert Mission.objects.get(pk=good.pk).results_en == "New results"
    assert Mission.objects.get(pk=bad.pk).results_en == "Results"
    assert versions.pending_version(bad) is not None
    assert Transition.objects.filter(object_id=bad.pk, to_status=S.PUBLISHED).count() == 0


def test_a_follow_up_edited_in_its_own_form_waits_with_its_missions_pending_version(
    client, editor, publisher
):
    mission = complete_mission()
    follow_up = factories.FollowUpActionFactory(
        recommendation=factories.RecommendationFactory(mission=mission), status="planned"
    )
    client.force_login(editor)
    url = reverse("admin:missions_followupaction_change", args=[follow_up.pk])
    response = client.post(
        url,
        {
            "recommendation": follow_up.recommendation_id,
            "description_fr": follow_up.description_fr,
            "description_en": "Sign the new agreement with Shandong",
            "responsible_unit_fr": follow_up.responsible_unit_fr,
            "responsible_unit_en": follow_up.responsible_unit_en,
            "due_on": "2018-06-30",
            "status": "done",
        },
    )

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.description_en) == (
        "planned",
        "Update the agreement with Shandong",
    )
    pending = versions.pending_version(mission)
    assert pending.created_by == editor
    assert versions.differences(mission, pending.data) == [
        (
            "follow-up action “Update the agreement with Shandong”: action (English)",
            "Update the agreement with Shandong",
            "Sign the new agreement with Shandong",
        ),
        ("follow-up action “Update the agreement with Shandong”: status", "planned", "done"),
    ]
    form = client.get(url).context["adminform"].form
    assert form.initial["status"] == "done"  # the form shows the pending version

    workflow.move(record=mission, to_status=S.PUBLISHED, user=publisher)
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.description_en) == (
        "done",
        "Sign the new agreement with Shandong",
    )
