"""The admin's titles, buttons and actions name each kind of record with French elision and
agreement ("Ajout d'une entente", "missions sélectionnées"), and plainly in English."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def staff(user, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("language", "add_title", "change_title", "button"),
    [
        ("fr", "Ajout d'une entente", "Modification d'une entente", "Ajouter une entente"),
        ("en", "Add an agreement", "Change an agreement", "Add an agreement"),
    ],
)
def test_agreement_pages(superuser, language, add_title, change_title, button):
    agreement = factories.AgreementFactory()
    client = staff(superuser, language)

    add = client.get(reverse("admin:agreements_agreement_add"))
    change = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    listing = client.get(reverse("admin:agreements_agreement_changelist"))

    assert add.status_code == change.status_code == listing.status_code == HTTPStatus.OK
    assert f"<h1>{add_title}</h1>".replace("'", "&#x27;") in add.content.decode()
    assert f"<h1>{change_title}</h1>".replace("'", "&#x27;") in change.content.decode()
    assert button in listing.content.decode()


@pytest.mark.parametrize(
    ("url", "language", "label"),
    [
        ("admin:missions_mission_changelist", "fr", "Supprimer les missions sélectionnées"),
        ("admin:partners_partner_changelist", "fr", "Supprimer les partenaires sélectionnés"),
        ("admin:agreements_agreement_changelist", "fr", "Supprimer les ententes sélectionnées"),
        ("admin:missions_mission_changelist", "en", "Delete the selected missions"),
    ],
)
def test_the_delete_action_agrees_with_the_records(superuser, url, language, label):
    response = staff(superuser, language).get(reverse(url))

    actions = dict(response.context["action_form"].fields["action"].choices)
    assert actions["delete_selected"] == label


def test_a_user_who_may_only_read_sees_a_consultation_title(db, django_user_model):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user("reader", password="pw-reader-2026")
    reader.is_staff = True
    reader.save()
    reader.user_permissions.add(Permission.objects.get(codename="view_tradefigure"))
    figure = factories.TradeFigureFactory()

    page = staff(reader, "fr").get(reverse("admin:partners_tradefigure_change", args=[figure.pk]))

    assert "<h1>Consultation d&#x27;une donnée commerciale</h1>" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            "fr",
            [
                "Lien avec «\u00a0Bavière\u00a0» (partenaire), qui est conservé",
                "Lien avec «\u00a0Mission en Bavière\u00a0» (mission), qui est conservé",
            ],
        ),
        (
            "en",
            [
                "Link with “Bavaria” (partner), which is kept",
                "Link with “Mission to Bavaria” (mission), which is kept",
            ],
        ),
    ],
)
def test_the_delete_page_names_the_linked_records_not_their_tables(superuser, language, lines):
    bavaria = factories.PartnerFactory(name_fr="Bavière", name_en="Bavaria")
    agreement = factories.AgreementFactory(parties=[bavaria])
    mission = factories.MissionFactory(title_fr="Mission en Bavière", title_en="Mission to Bavaria")
    mission.agreements_signed.add(agreement)

    response = staff(superuser, language).get(
        reverse("admin:agreements_agreement_delete", args=[agreement.pk])
    )

    page = response.content.decode().replace("&#x27;", "'")
    assert "object (" not in page
    assert "Agreement_parties" not in page and "Mission_agreements_signed" not in page
    for line in lines:
        assert f"<li>{line}</li>" in page
    # The links are not counted as records deleted.
    assert (
        dict(response.context["model_count"])
        == {
            "fr": {"ententes": 1},
            "en": {"agreements": 1},
        }[language]
    )


def test_language_names_are_lower_case_inside_french_sentences():
    from django.utils import translation

    from partners.publishing.services import MissingTranslation

    missing = MissingTranslation("summary", "résumé", "en")
    with translation.override("fr"):
        assert str(missing) == "résumé (anglais)"
    with translation.override("en"):
        assert str(MissingTranslation("summary", "summary", "fr")) == "summary (French)"


def test_the_translation_report_capitalises_the_language_it_offers(superuser):
    page = staff(superuser, "fr").get(reverse("admin:translation_report")).content.decode()

    assert '<option value="en">Anglais</option>' in page
    assert '<option value="fr">Français</option>' in page


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("fr", ["Ajouter un autre lieu visité", "Ajouter un autre membre de la délégation"]),
        ("en", ["Add another place visited", "Add another delegation member"]),
    ],
)
def test_inlines_say_add_another_in_their_own_words(superuser, language, texts):
    import json

    mission = factories.MissionFactory()

    response = staff(superuser, language).get(
        reverse("admin:missions_mission_change", args=[mission.pk])
    )

    add_texts = [
        json.loads(formset.inline_formset_data())["options"]["addText"]
        for formset in response.context["inline_admin_formsets"]
    ]
    assert add_texts[:2] == texts


@pytest.mark.parametrize(("language", "title"), [("fr", "Ententes"), ("en", "Agreements")])
def test_a_list_is_titled_by_what_it_lists(superuser, language, title):
    page = staff(superuser, language).get(reverse("admin:agreements_agreement_changelist"))

    assert f"<h1>{title}</h1>" in page.content.decode()


def test_the_french_list_of_offices(superuser):
    page = staff(superuser, "fr").get(reverse("admin:partners_office_changelist"))

    assert "<h1>Représentations à l&#x27;étranger</h1>" in page.content.decode()
    assert "Ajouter une représentation à l&#x27;étranger" in page.content.decode()
