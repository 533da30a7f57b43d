"""The agreement alerts e-mail: sender and server from the settings, links to each record, a
warning when no publisher can receive it, and a mail server down that the command reports."""

import datetime
import io
import socket

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from partners.publishing.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)
SITE = "https://relations.example"


@pytest.fixture(autouse=True)
def mail_settings(settings):
    settings.SITE_URL = SITE + "/"
    settings.DEFAULT_FROM_EMAIL = "Relations internationales <alertes@mri.example>"


@pytest.fixture
def due():
    """A published agreement and a draft, both expiring within 12 months."""
    return (
        factories.AgreementFactory(
            title_fr="Entente Québec-Bavière",
            title_en="Québec-Bavaria agreement",
            slug="quebec-baviere",
            status="in_force",
            ends_on=datetime.date(2027, 5, 1),
        ),
        factories.AgreementFactory(
            title_fr="Entente en préparation",
            title_en="Draft agreement",
            slug="brouillon",
            status="signed",
            ends_on=datetime.date(2027, 6, 1),
            publication_status=PublicationStatus.DRAFT,
            published_at=None,
        ),
    )


def publishers(*emails):
    group = Group.objects.get(name="Publisher")
    for number, email in enumerate(emails):
        user = factories.UserFactory(username=f"publisher{number}", email=email)
        user.groups.add(group)


def run(language, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "agreement_alerts", date=TODAY, language=language, stdout=out, stderr=err, **options
    )
    return out.getvalue(), err.getvalue()


def admin_link(agreement):
    return SITE + reverse("admin:agreements_agreement_change", args=[agreement.pk])


def test_the_e_mail_comes_from_the_configured_sender_with_a_link_to_each_record(due):
    published, draft = due
    publishers("publieur@mri.example")

    out, err = run("en")

    assert err == ""
    message = mail.outbox[0]
    assert message.from_email == "Relations internationales <alertes@mri.example>"
    assert message.to == ["publieur@mri.example"]
    with translation.override("en"):
        public = SITE + published.get_absolute_url()
    assert public == SITE + "/en/agreements/quebec-baviere-en/"
    assert (
        "Expiring within 12 months (2)\n"
        "- Québec-Bavaria agreement — ends 2027-05-01\n"
        f"  Admin: {admin_link(published)}\n"
        f"  Public page: {public}\n"
        "- Draft agreement — ends 2027-06-01\n"
        f"  Admin: {admin_link(draft)}\n"
        "\n"
        "Past their end date but still marked in force (0)\n"
    ) in message.body
    assert out.endswith("Sent to 1 publisher.\n")


def test_the_french_e_mail_links_to_the_french_page(due):
    published, draft = due
    publishers("publieur@mri.example")

    out, _err = run("fr")

    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Ententes à surveiller au 2026-11-23"
    assert (
        "- Entente Québec-Bavière — prend fin le 2027-05-01\n"
        f"  Administration\u00a0: {admin_link(published)}\n"
        f"  Page publique\u00a0: {SITE}/fr/ententes/quebec-baviere/\n"
        "- Entente en préparation — prend fin le 2027-06-01\n"
        f"  Administration\u00a0: {admin_link(draft)}\n"
    ) in body
    assert out.endswith("Envoyé à 1 responsable de la publication.\n")


@pytest.mark.parametrize(
    ("language", "count", "sentence"),
    [
        ("en", 2, "Sent to 2 publishers."),
        ("fr", 2, "Envoyé à 2 responsables de la publication."),
    ],
)
def test_the_count_of_publishers_is_a_plural(due, language, count, sentence):
    publishers(*(f"p{n}@mri.example" for n in range(count)))

    out, _err = run(language)

    assert out.splitlines()[-1] == sentence
    assert sorted(mail.outbox[0].to) == ["p0@mri.example", "p1@mri.example"]


@pytest.mark.parametrize(
    ("language", "warning"),
    [
        (
            "en",
            "Warning: no active publisher has an e-mail address; nothing was sent. "
            "Give the publishers an address in the admin (Users).",
        ),
        (
            "fr",
            "Attention\u00a0: aucun responsable de la publication actif n'a d'adresse "
            "électronique\u00a0; rien n'a été envoyé. Donnez-leur une adresse dans "
            "l'administration (Utilisateurs).",
        ),
    ],
)
def test_a_warning_is_printed_when_no_publisher_has_an_address(due, language, warning):
    publishers("")

    out, err = run(language)

    assert err == warning + "\n"
    assert mail.outbox == []
    assert "2027-05-01" in out


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_mail_server_down_fails_the_command_with_a_message_and_a_log(due, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_TIMEOUT = 2
    publishers("publieur@mri.example")

    with pytest.raises(CommandError) as failure:
        run("en")

    assert str(failure.value).startswith("The e-mail could not be sent (")
    assert str(failure.value).endswith(
        "); the list above was not delivered. Check the EMAIL_* settings and the mail server."
    )
    assert [r.message for r in caplog.records if r.levelname == "ERROR"] == [
        "agreement alerts: the e-mail could not be sent"
    ]
    assert caplog.records[-1].exc_info[0] is ConnectionRefusedError


def test_a_mail_server_down_exits_with_status_1(due, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    publishers("publieur@mri.example")

    with pytest.raises(SystemExit) as exit_status:
        from django.core.management import execute_from_command_line

        execute_from_command_line(
            ["manage.py", "agreement_alerts", "--date", "2026-11-23", "--language", "fr"]
        )

    assert exit_status.value.code == 1
    assert "CommandError: L'envoi du courriel a échoué (" in capsys.readouterr().err
