"""The publication workflow: who may take which step, the completeness gate, scheduling."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner, Transition
from partners.publishing.models import LanguageScope, PublicationStatus
from partners.publishing.services import (
    STEPS,
    WorkflowError,
    allowed_steps,
    history,
    missing_translations,
    move,
    note_text_changes,
    outdated_languages,
)
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.english]
S = PublicationStatus
NOON = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)


def complete_agreement(status):
    return factories.AgreementFactory(
        publication_status=status,
        published_at=NOON if status == S.PUBLISHED else None,
        scheduled_for=NOON + datetime.timedelta(days=1) if status == S.SCHEDULED else None,
        summary_fr="Résumé en français.",
        summary_en="Summary in English.",
    )


EDITOR_STEPS = {step for step, role in STEPS.items() if role == "edit"}
# The steps of the record itself; published → published and published → scheduled are steps of
# a published record's pending changes (tests/partners/publishing/test_pending_versions.py).
RECORD_STEPS = sorted(set(STEPS) - {(S.PUBLISHED, S.PUBLISHED), (S.PUBLISHED, S.SCHEDULED)})


@pytest.mark.parametrize(("source", "target"), RECORD_STEPS)
def test_publisher_may_take_every_step(publisher, source, target):
    agreement = complete_agreement(source)
    step = move(
        record=agreement,
        to_status=target,
        user=publisher,
        note="Raison" if target == S.UNPUBLISHED else "",
        scheduled_for=NOON + datetime.timedelta(days=2),
        now=NOON,
    )
    agreement.refresh_from_db()
    assert agreement.publication_status == target
    assert (step.from_status, step.to_status, step.user) == (source, target, publisher)


@pytest.mark.parametrize(("source", "target"), RECORD_STEPS)
def test_editor_takes_only_the_editing_steps(editor, source, target):
    agreement = complete_agreement(source)
    if (source, target) in EDITOR_STEPS:
        move(record=agreement, to_status=target, user=editor, now=NOON)
        assert Agreement.objects.get(pk=agreement.pk).publication_status == target
        return
    with pytest.raises(WorkflowError) as excinfo:
        move(
            record=agreement,
            to_status=target,
            user=editor,
            note="x",
            scheduled_for=NOON + datetime.timedelta(days=2),
            now=NOON,
        )
    if STEPS[(source, target)] == "withdraw":  # someone else submitted it
        assert excinfo.value.message == (
            "Only a publisher or the person who submitted the record can do this."
        )
    else:
        assert excinfo.value.message == "Only a publisher can do this."
    assert Agreement.objects.get(pk=agreement.pk).publication_status == source
    assert Transition.objects.count() == 0


def test_steps_outside_the_workflow_are_refused(publisher):
    agreement = complete_agreement(S.PUBLISHED)
    with pytest.raises(WorkflowError) as excinfo:
        move(record=agreement, to_status=S.SUBMITTED, user=publisher)
    assert (
        excinfo.value.message
        == "A record that is “published” cannot become “submitted for review”."
    )


def test_editor_sees_only_submit_on_a_draft(editor, publisher):
    agreement = complete_agreement(S.DRAFT)
    assert allowed_steps(editor, agreement) == [S.SUBMITTED]
    assert allowed_steps(publisher, agreement) == [S.SUBMITTED, S.PUBLISHED, S.SCHEDULED]


def test_unpublishing_needs_a_reason_and_keeps_it(publisher):
    agreement = complete_agreement(S.PUBLISHED)
    with pytest.raises(WorkflowError, match=r"Say why the record is unpublished\."):
        move(record=agreement, to_status=S.UNPUBLISHED, user=publisher, note="  ")
    move(record=agreement, to_status=S.UNPUBLISHED, user=publisher, note="Entente expirée")
    agreement.refresh_from_db()
    assert agreement.unpublished_reason == "Entente expirée"
    assert [(t.to_status, t.note) for t in history(agreement)] == [
        (S.UNPUBLISHED, "Entente expirée")
    ]


def test_completeness_gate_blocks_a_missing_english_summary(publisher):
    agreement = complete_agreement(S.SUBMITTED)
    agreement.summary_en = ""
    agreement.save()
    assert [str(m) for m in missing_translations(agreement)] == ["summary (English)"]
    with pytest.raises(WorkflowError) as excinfo:
        move(record=agreement, to_status=S.PUBLISHED, user=publisher)
    assert (
        excinfo.value.message == "Cannot publish while these fields are empty: summary (English)."
    )
    assert Agreement.objects.get(pk=agreement.pk).publication_status == S.SUBMITTED


def test_a_french_only_mission_report_may_be_published(publisher):
    mission = factories.MissionFactory(
        publication_status=S.SUBMITTED,
        published_at=None,
        context_fr="Les liens entre le Québec et la Chine…",
        objectives_fr="consolider les liens",
        results_fr="Les objectifs ont été atteints.",
        title_en="",
        ministry_en="",
    )
    factories.RecommendationFactory(mission=mission, text_en="")
    gaps = [str(m) for m in missing_translations(mission)]
    assert "title (English)" in gaps
    assert "recommendation “Poursuivre les échanges”: recommendation (English)" in gaps
    with pytest.raises(WorkflowError):
        move(record=mission, to_status=S.PUBLISHED, user=publisher)

    mission.language_scope = LanguageScope.FRENCH_ONLY
    mission.save()
    assert missing_translations(mission) == []
    move(record=mission, to_status=S.PUBLISHED, user=publisher)
    assert Mission.objects.published().filter(pk=mission.pk).exists()


def test_scheduling_needs_a_future_time(publisher):
    agreement = complete_agreement(S.SUBMITTED)
    with pytest.raises(WorkflowError, match=r"Choose when the record goes online\."):
        move(record=agreement, to_status=S.SCHEDULED, user=publisher, now=NOON)
    with pytest.raises(WorkflowError, match=r"The publication time must be in the future\."):
        move(record=agreement, to_status=S.SCHEDULED, user=publisher, scheduled_for=NOON, now=NOON)


def test_publish_scheduled_publishes_at_the_boundary_and_is_idempotent(publisher):
    agreement = complete_agreement(S.SUBMITTED)
    partner = factories.PartnerFactory(
        publication_status=S.DRAFT, published_at=None, overview_fr="Profil", overview_en="Profile"
    )
    later = factories.AgreementFactory(
        publication_status=S.DRAFT, published_at=None, summary_fr="R", summary_en="S"
    )
    with time_machine.travel(NOON - datetime.timedelta(hours=1), tick=False):
        move(record=agreement, to_status=S.SCHEDULED, user=publisher, scheduled_for=NOON)
        move(record=partner, to_status=S.SCHEDULED, user=publisher, scheduled_for=NOON)
        move(
            record=later,
            to_status=S.SCHEDULED,
            user=publisher,
            scheduled_for=NOON + datetime.timedelta(seconds=1),
        )

    out = io.StringIO()
    with time_machine.travel(NOON - datetime.timedelta(microseconds=1), tick=False):
        call_command("publish_scheduled", stdout=out)
    assert out.getvalue().strip() == "Published 0 scheduled records."
    assert not Agreement.objects.published().filter(pk=agreement.pk).exists()

    out = io.StringIO()
    with time_machine.travel(NOON, tick=False):
        call_command("publish_scheduled", stdout=out)
        call_command("publish_scheduled", stdout=io.StringIO())
    assert out.getvalue().strip().splitlines() == [
        f"Published: partner “{partner}”",
        f"Published: agreement “{agreement}”",
        "Published 2 scheduled records.",
    ]
    agreement.refresh_from_db()
    assert (agreement.publication_status, agreement.published_at) == (S.PUBLISHED, NOON)
    assert Partner.objects.published().filter(pk=partner.pk).exists()
    assert Agreement.objects.get(pk=later.pk).publication_status == S.SCHEDULED
    steps = list(history(agreement).values_list("from_status", "to_status", "user"))
    assert steps == [(S.SCHEDULED, S.PUBLISHED, None), (S.SUBMITTED, S.SCHEDULED, publisher.pk)]


def test_a_translation_is_outdated_when_the_other_language_changed_after_it():
    agreement = complete_agreement(S.PUBLISHED)
    note_text_changes(agreement, ["title_fr", "title_en"], when=NOON)
    assert outdated_languages(agreement) == []
    note_text_changes(agreement, ["summary_fr", "status"], when=NOON + datetime.timedelta(days=3))
    assert agreement.french_changed_at == NOON + datetime.timedelta(days=3)
    assert agreement.english_changed_at == NOON
    assert outdated_languages(agreement) == ["en"]
    note_text_changes(agreement, ["summary_en"], when=NOON + datetime.timedelta(days=4))
    assert outdated_languages(agreement) == ["fr"]
    # A new English slug is an address, not a text to translate: nothing becomes outdated.
    note_text_changes(agreement, ["slug_fr"], when=NOON + datetime.timedelta(days=5))
    assert agreement.french_changed_at == NOON + datetime.timedelta(days=3)
    assert outdated_languages(agreement) == ["fr"]
