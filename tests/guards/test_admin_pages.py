"""The staff admin: every page loads, roles are enforced, every change is recorded."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner
from partners.publishing import services as workflow
from partners.publishing.models import PublicationStatus
from partners.trade.importing import import_trade_file
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.english]

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"partners", "agreements", "missions"}
)


@pytest.fixture
def records(tmp_path):
    """One of everything, so that change forms have something to show."""
    partner = factories.PartnerFactory(iso_code="CN")
    trade_file = tmp_path / "trade.csv"
    trade_file.write_text("year,partner,flow,value_cad\n2016,CN,export,1000\n", encoding="utf-8")
    imported = import_trade_file(path=trade_file)
    assert imported.ok and imported.batch.created_count == 1, imported.errors
    assert partner.trade_figures.get().value_cad == 1000
    mission = factories.MissionFactory()
    factories.MissionPlaceFactory(mission=mission)
    factories.DelegationMemberFactory(mission=mission)
    recommendation = factories.RecommendationFactory(mission=mission)
    factories.FollowUpActionFactory(recommendation=recommendation)
    event = factories.AgreementEventFactory()
    factories.FundingCallFactory(agreement=event.agreement)
    factories.OfficeFactory()
    factories.SectorFactory()
    factories.TradeFigureFactory(product=factories.ProductFactory())
    workflow.move(record=event.agreement, to_status="unpublished", user=None, note="Test")


def test_every_domain_model_is_in_the_admin():
    for expected in [
        ("partners", "partner"),
        ("partners", "office"),
        ("partners", "sector"),
        ("partners", "tradefigure"),
        ("partners", "product"),
        ("agreements", "agreement"),
        ("missions", "mission"),
    ]:
        assert expected in REGISTERED


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_search_add_and_change_load_for_a_superuser(
    client, superuser, records, app_label, model_name
):
    client.force_login(superuser)
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert client.get(changelist).status_code == HTTPStatus.OK
    assert client.get(changelist, {"q": "Québec"}).status_code == HTTPStatus.OK
    add = client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert add.status_code in {HTTPStatus.OK, HTTPStatus.FORBIDDEN}
    model = admin.site._registry
    obj = next(m for m in model if m._meta.model_name == model_name).objects.first()
    change = reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk])
    assert client.get(change).status_code == HTTPStatus.OK
    history = reverse(f"admin:{app_label}_{model_name}_history", args=[obj.pk])
    assert client.get(history).status_code == HTTPStatus.OK


def test_anonymous_visitors_reach_nothing_of_the_admin(client):
    response = client.get(reverse("admin:agreements_agreement_changelist"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))


def agreement_form(agreement, **overrides):
    data = {
        "title_fr": agreement.title_fr,
        "title_en": agreement.title_en,
        "slug_fr": agreement.slug_fr,
        "slug_en": agreement.slug_en,
        "reference": agreement.reference,
        "kind": agreement.kind,
        "status": agreement.status,
        "parties": [p.pk for p in agreement.parties.all()],
        "signed_on": agreement.signed_on.isoformat(),
        "signed_on_precision": agreement.signed_on_precision,
        "signature_place_fr": "",
        "signature_place_en": "",
        "summary_fr": agreement.summary_fr or "",
        "summary_en": agreement.summary_en or "",
        "publication_status": agreement.publication_status,
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "funding_calls-TOTAL_FORMS": "0",
        "funding_calls-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_editor_edits_but_cannot_publish_or_delete(client, editor):
    agreement = factories.AgreementFactory(publication_status=PublicationStatus.DRAFT)
    client.force_login(editor)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    response = client.post(
        url, agreement_form(agreement, title_fr="Entente révisée", publication_status="published")
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["errors"]
    agreement.refresh_from_db()
    assert agreement.title_fr == "Entente révisée"
    assert agreement.publication_status == PublicationStatus.DRAFT  # the field is read-only

    changelist = reverse("admin:agreements_agreement_changelist")
    page = client.get(changelist)
    offered = [name for name, _ in page.context["action_form"].fields["action"].choices if name]
    assert offered == ["submit_for_review"]  # neither delete nor publish
    client.post(changelist, {"action": "publish", "_selected_action": [agreement.pk]})
    agreement.refresh_from_db()
    assert agreement.publication_status == PublicationStatus.DRAFT

    delete = reverse("admin:agreements_agreement_delete", args=[agreement.pk])
    assert client.get(delete).status_code == HTTPStatus.FORBIDDEN
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert Agreement.objects.filter(pk=agreement.pk).exists()


@pytest.mark.parametrize(
    ("factory", "model", "texts"),
    [
        (factories.AgreementFactory, Agreement, {"summary_fr": "Résumé", "summary_en": "Summary"}),
        (
            factories.MissionFactory,
            Mission,
            {
                "context_fr": "Contexte",
                "context_en": "Context",
                "objectives_fr": "Objectif",
                "objectives_en": "Objective",
                "results_fr": "Résultat",
                "results_en": "Result",
            },
        ),
        (factories.PartnerFactory, Partner, {"overview_fr": "Profil", "overview_en": "Profile"}),
    ],
)
def test_publisher_publishes_in_bulk_and_unpublishes_with_a_reason(
    client, publisher, factory, model, texts
):
    records = [factory(publication_status=PublicationStatus.DRAFT, **texts) for _ in range(2)]
    incomplete = factory(publication_status=PublicationStatus.DRAFT)
    client.force_login(publisher)
    meta = model._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    response = client.post(
        changelist,
        {"action": "publish", "_selected_action": [r.pk for r in [*records, incomplete]]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages[0] == "2 records published."
    assert messages[1].startswith(f"{incomplete}: Cannot publish while these fields are empty: ")
    assert set(model.objects.published().values_list("pk", flat=True)) == {r.pk for r in records}
    assert all(r.published_at for r in model.objects.filter(pk__in=[r.pk for r in records]))

    workflow_url = reverse(
        f"admin:{meta.app_label}_{meta.model_name}_workflow", args=[records[0].pk]
    )
    refused = client.post(workflow_url, {"to_status": "unpublished", "note": ""}, follow=True)
    assert [str(m) for m in refused.context["messages"]] == ["Say why the record is unpublished."]
    done = client.post(
        workflow_url, {"to_status": "unpublished", "note": "Entente expirée"}, follow=True
    )
    assert [str(m) for m in done.context["messages"]] == [f"“{records[0]}” is now unpublished."]
    records[0].refresh_from_db()
    assert records[0].unpublished_reason == "Entente expirée"
    assert model.objects.published().count() == 1
    assert "Entente expirée" in done.content.decode()  # the step is listed on the record


def test_editor_cannot_take_a_publisher_step_through_the_workflow_url(client, editor):
    agreement = factories.AgreementFactory(
        publication_status=PublicationStatus.SUBMITTED,
        published_at=None,
        summary_fr="Résumé",
        summary_en="Summary",
    )
    client.force_login(editor)
    url = reverse("admin:agreements_agreement_workflow", args=[agreement.pk])
    response = client.post(url, {"to_status": "published"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Only a publisher can do this."]
    agreement.refresh_from_db()
    assert agreement.publication_status == PublicationStatus.SUBMITTED
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    assert [step for step, _ in page.context["workflow"]["steps"]] == []


def test_publisher_may_delete(client, publisher):
    agreement = factories.AgreementFactory()
    client.force_login(publisher)
    delete = reverse("admin:agreements_agreement_delete", args=[agreement.pk])
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FOUND
    assert not Agreement.objects.filter(pk=agreement.pk).exists()


def test_history_records_who_and_which_fields_changed(client, editor):
    agreement = factories.AgreementFactory(
        title_fr="Entente initiale", title_en="First", publication_status=PublicationStatus.DRAFT
    )
    client.force_login(editor)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    client.post(url, agreement_form(agreement, title_en="Revised agreement"))
    latest = agreement.history.first()
    assert latest.history_user == editor
    assert latest.history_type == "~"
    assert latest.title_en == "Revised agreement"
    assert latest.prev_record.title_en == "First"
    changes = latest.diff_against(latest.prev_record).changes
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("title_en", "First", "Revised agreement")
    ]

    history = client.get(reverse("admin:agreements_agreement_history", args=[agreement.pk]))
    assert history.status_code == HTTPStatus.OK
    assert "editor" in history.content.decode()


def test_staff_groups_exist_with_the_right_permissions():
    from django.contrib.auth.models import Group

    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(
        Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    )
    assert {"add_agreement", "change_agreement", "view_agreement"} <= editor
    assert not {p for p in editor if p.startswith(("delete_", "publish_", "import_"))}
    assert {
        "delete_agreement",
        "publish_agreement",
        "publish_mission",
        "publish_partner",
        "import_tradefigure",
    } <= publisher
    assert editor < publisher


def test_an_editor_sets_the_renewal_decision_date_and_the_terms_page_lists_it(client, editor):
    agreement = factories.AgreementFactory(
        title_fr="Entente à renouveler",
        title_en="Agreement to renew",
        status="in_force",
        publication_status=PublicationStatus.DRAFT,
    )
    client.force_login(editor)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    assert 'name="renewal_due_on"' in client.get(url).content.decode()
    due = timezone.localdate() + datetime.timedelta(days=45)

    response = client.post(url, agreement_form(agreement, renewal_due_on=due.isoformat()))

    assert response.status_code == HTTPStatus.FOUND
    agreement.refresh_from_db()
    assert agreement.renewal_due_on == due
    terms = client.get(reverse("admin:agreement_terms")).content.decode()
    assert "Agreement to renew" in terms


@pytest.mark.parametrize(
    ("status", "view_on_site"),
    [(PublicationStatus.DRAFT, False), (PublicationStatus.PUBLISHED, True)],
)
def test_view_on_site_only_for_a_published_record_preview_always(
    client, editor, status, view_on_site
):
    agreement = factories.AgreementFactory(publication_status=status)
    client.force_login(editor)
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    html = page.content.decode()
    assert f'href="{agreement.get_absolute_url()}?preview=1" class="viewsitelink"' in html
    assert ("View on site" in html) is view_on_site
    assert client.get(f"{agreement.get_absolute_url()}?preview=1").status_code == HTTPStatus.OK


@pytest.mark.parametrize(("language", "title"), [("fr", "Accès refusé"), ("en", "Access refused")])
def test_a_refused_action_answers_a_403_page_in_the_site_s_look_and_language(
    editor, language, title
):
    from django.test import Client

    agreement = factories.AgreementFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(editor)
    response = client.get(reverse("admin:agreements_agreement_delete", args=[agreement.pk]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
