"""The dashboard, the translation report, agreement terms and overdue follow-ups."""

import datetime
import io
from http import HTTPStatus

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from agreements.alerts import agreement_alerts
from config.reports import translation_gaps_query, translation_report
from missions.models import Mission
from partners.publishing.models import LanguageScope, PublicationStatus
from partners.publishing.services import note_text_changes
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.english]
S = PublicationStatus
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def terms():
    """One agreement in each situation, and some that must not be listed."""
    make = factories.AgreementFactory
    return {
        "expiring": make(
            title_en="Expiring", status="in_force", ends_on=datetime.date(2027, 11, 23)
        ),
        "expiring_draft": make(
            title_en="Expiring draft",
            status="signed",
            ends_on=datetime.date(2027, 1, 15),
            publication_status=S.DRAFT,
            published_at=None,
        ),
        "too_late": make(
            title_en="Ends later", status="in_force", ends_on=datetime.date(2027, 11, 24)
        ),
        "past_end": make(
            title_en="Past end", status="in_force", ends_on=datetime.date(2026, 11, 22)
        ),
        "expired": make(title_en="Expired", status="expired", ends_on=datetime.date(2020, 1, 1)),
        "renewal": make(
            title_en="Renewal", status="in_force", renewal_due_on=datetime.date(2027, 3, 1)
        ),
        "renewal_far": make(
            title_en="Renewal far", status="in_force", renewal_due_on=datetime.date(2028, 3, 1)
        ),
    }


def titles(agreements):
    return [a.title_en for a in agreements]


def test_agreement_alerts_list_exactly_the_expected_agreements(terms):
    alerts = agreement_alerts(today=TODAY)
    assert titles(alerts.expiring) == ["Expiring draft", "Expiring"]
    assert titles(alerts.past_end_in_force) == ["Past end"]
    assert titles(alerts.renewal_due) == ["Renewal"]


def test_agreement_alerts_command_prints_and_emails_the_publishers(terms, publisher, editor):
    publisher.email = "publieur@mri.example"
    publisher.save()
    editor.email = "editeur@mri.example"
    editor.save()
    out = io.StringIO()
    call_command("agreement_alerts", date=TODAY, language="en", stdout=out)
    text = out.getvalue()
    assert "Agreements to watch as of 2026-11-23" in text
    assert "- Expiring — ends 2027-11-23" in text
    assert "- Past end — ended 2026-11-22" in text
    assert "- Renewal — decide by 2027-03-01" in text
    assert "Ends later" not in text and "Renewal far" not in text and "Expired" not in text
    assert text.strip().endswith("Sent to 1 publisher.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["publieur@mri.example"]
    assert mail.outbox[0].subject == "Agreements to watch as of 2026-11-23"


def test_overdue_follow_ups_appear_and_done_ones_do_not(client, publisher):
    overdue = factories.FollowUpActionFactory(
        description_en="Overdue", due_on=datetime.date(2026, 11, 22), status="in_progress"
    )
    factories.FollowUpActionFactory(
        description_en="Done", due_on=datetime.date(2026, 1, 1), status="done"
    )
    factories.FollowUpActionFactory(
        description_en="Due today", due_on=datetime.date(2026, 11, 23), status="planned"
    )
    client.force_login(publisher)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 15, 0, tzinfo=datetime.UTC)):
        page = client.get(
            reverse("admin:missions_followupaction_changelist"),
            {"overdue": "yes"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert [a.pk for a in page.context["cl"].result_list] == [overdue.pk]
        dashboard = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert [a.pk for a in dashboard.context["overdue_follow_ups"]] == [overdue.pk]


def test_translation_report_finds_a_missing_and_an_outdated_translation(client, publisher):
    missing = factories.AgreementFactory(title_en="Missing", summary_fr="Résumé", summary_en="")
    outdated = factories.AgreementFactory(
        title_en="Outdated", summary_fr="Résumé révisé", summary_en="Summary"
    )
    note_text_changes(
        outdated,
        ["summary_fr", "summary_en"],
        when=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    note_text_changes(
        outdated, ["summary_fr"], when=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)
    )
    outdated.save()
    factories.AgreementFactory(title_en="Complete", summary_fr="Résumé", summary_en="Summary")
    factories.AgreementFactory(  # drafts are not in the report
        title_en="Draft", summary_en="", publication_status=S.DRAFT, published_at=None
    )
    factories.MissionFactory(  # French only, on purpose
        title_en="",
        ministry_en="",
        language_scope=LanguageScope.FRENCH_ONLY,
        context_fr="C",
        objectives_fr="O",
        results_fr="R",
    )

    gaps = {gap.record.title_en: gap for gap in translation_report(model_name="agreement")}
    assert set(gaps) == {"Missing", "Outdated"}
    assert [str(m) for m in gaps["Missing"].missing] == ["summary (English)"]
    assert gaps["Outdated"].outdated == ["en"]
    assert translation_report(model_name="agreement", language="fr") == []
    assert translation_report(model_name="mission") == []

    client.force_login(publisher)
    page = client.get(
        reverse("admin:translation_report"),
        {"model": "agreement", "language": "en"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert "2 records to look at." in html
    assert reverse("admin:agreements_agreement_change", args=[missing.pk]) in html
    bad = client.get(reverse("admin:translation_report"), {"model": "x'; drop", "page": "zzz"})
    assert bad.status_code == HTTPStatus.OK


def complete_mission(**values):
    texts = {
        f"{name}_{lang}": "x"
        for name in ("context", "objectives", "results")
        for lang in ["fr", "en"]
    }
    return factories.MissionFactory(**{**texts, **values})


def test_translation_report_looks_into_a_missions_places_delegation_and_recommendations(
    django_assert_num_queries,
):
    blank_city = complete_mission(title_en="Blank city")
    factories.MissionPlaceFactory(mission=blank_city, city_en="  ")
    no_french_text = complete_mission(title_en="No French recommendation")
    factories.RecommendationFactory(mission=no_french_text, text_fr="")
    english_only = complete_mission(
        title_en="English only", language_scope=LanguageScope.ENGLISH_ONLY
    )
    factories.RecommendationFactory(mission=english_only, text_fr="")
    complete = complete_mission(title_en="Complete")
    factories.DelegationMemberFactory(mission=complete)
    for _ in range(20):
        factories.MissionPlaceFactory(mission=complete_mission())

    # The database finds the two missions to look at; their children come in one query each.
    with django_assert_num_queries(4):
        gaps = {gap.record.title_en: gap for gap in translation_report(model_name="mission")}

    assert set(gaps) == {"Blank city", "No French recommendation"}
    narrowed = Mission.objects.filter(translation_gaps_query(Mission))
    assert sorted(narrowed.values_list("title_en", flat=True)) == [
        "Blank city",
        "No French recommendation",
    ]
    assert [(m.language, m.field) for m in gaps["Blank city"].missing] == [("en", "city")]
    assert [m.language for m in gaps["No French recommendation"].missing] == ["fr"]
    assert [
        gap.record.title_en for gap in translation_report(model_name="mission", language="en")
    ] == ["Blank city"]


def test_dashboard_shows_the_work_in_progress(client, editor, publisher, terms):
    client.force_login(editor)
    client.post(
        reverse("admin:agreements_agreement_add"),
        {
            "title_fr": "Entente en préparation",
            "title_en": "Agreement in preparation",
            "slug_fr": "entente-en-preparation",
            "slug_en": "agreement-in-preparation",
            "kind": "agreement",
            "status": "negotiation",
            "parties": [factories.PartnerFactory().pk],
            "signed_on": "",
            "signed_on_precision": "unknown",
            "language_scope": "",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "funding_calls-TOTAL_FORMS": "0",
            "funding_calls-INITIAL_FORMS": "0",
        },
    )
    submitted = factories.MissionFactory(publication_status=S.SUBMITTED, published_at=None)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 15, 0, tzinfo=datetime.UTC)):
        page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == HTTPStatus.OK
    assert [r.title_fr for r in page.context["my_drafts"]] == ["Entente en préparation"]
    assert page.context["waiting_for_review"] == [submitted]
    html = page.content.decode()
    assert "2 agreements expire within 12 months" in html
    assert "1 agreement is past its end but still in force" in html
    terms_page = client.get(reverse("admin:agreement_terms"))
    assert terms_page.status_code == HTTPStatus.OK


def _pending(record, user, when):
    from partners.publishing import versions

    return versions.store(record=record, data=versions.capture(record), user=user, now=when)


def test_dashboard_lists_the_changes_waiting_for_publication(
    client, editor, publisher, django_assert_num_queries
):
    from config.reports import pending_changes

    editor.first_name, editor.last_name = "Marie", "Tremblay"
    editor.save()
    older = factories.AgreementFactory(title_fr="Entente jeunesse", title_en="Youth agreement")
    newer = factories.MissionFactory(title_fr="Mission en Chine", title_en="Mission to China")
    _pending(older, editor, datetime.datetime(2026, 11, 20, 14, 5, tzinfo=datetime.UTC))
    _pending(newer, publisher, datetime.datetime(2026, 11, 22, 3, 30, tzinfo=datetime.UTC))
    factories.AgreementFactory(title_en="Nothing pending")

    with django_assert_num_queries(4):  # the count, the versions, one per kind of record
        listed = pending_changes()
    assert [v.record for v in listed["pending_changes"]] == [newer, older]

    client.force_login(editor)
    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    older_url = reverse("admin:agreements_agreement_change", args=[older.pk])
    newer_url = reverse("admin:missions_mission_change", args=[newer.pk])
    assert "2 published records have changes waiting for publication." in html
    assert (
        f'<li><a href="{newer_url}">Mission to China</a> <span class="quiet">mission · last changed '
        "by publisher on 2026-11-21 22:30</span></li>"
        f'<li><a href="{older_url}">Youth agreement</a> <span class="quiet">agreement · last changed '
        "by Marie Tremblay on 2026-11-20 09:05</span></li>"
    ) in html

    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "2 fiches publiées ont des modifications en attente de publication." in html
    assert (
        f'<li><a href="{newer_url}">Mission en Chine</a> <span class="quiet">mission · dernière modification '
        "par publisher le 2026-11-21 22:30</span></li>"
    ) in html


def test_dashboard_counts_one_record_waiting(client, editor):
    _pending(factories.AgreementFactory(), editor, None)
    client.force_login(editor)
    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1 fiche publiée a des modifications en attente de publication." in html
    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 published record has changes waiting for publication." in html
