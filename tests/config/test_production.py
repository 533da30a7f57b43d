"""Production settings, staff login throttling, passwords, the admin's path, backups."""

import os
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from partners.models import Partner
from tests import factories

pytestmark = pytest.mark.english

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]


def manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k" * 20 + "Zq8#vN2$pL5@wR9!xT4&yU7*bM3%cJ6^",
    "ALLOWED_HOSTS": "relations.example.org",
}


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    # The one silenced is django-axes' own check of MIDDLEWARE (axes.W002), which wants its class
    # by name: config.checks checks for the site's subclass instead (config.W001).
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY must be set in production."),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set in production."),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode == 1
    assert f"django.core.exceptions.ImproperlyConfigured: {message}" in result.stderr


def test_the_admin_path_comes_from_the_environment():
    result = manage(
        "shell",
        "-c",
        "from django.urls import reverse; print(reverse('admin:index'))",
        DJANGO_ADMIN_URL="gestion-7f3a/",
    )
    assert result.stdout.strip().splitlines()[-1] == "/gestion-7f3a/"


@pytest.mark.django_db
def test_staff_passwords_are_validated():
    user = factories.UserFactory(username="valerie")
    for weak, error in [
        ("valerie2026", "The password is too similar to the username."),
        ("short-1", "This password is too short. It must contain at least 12 characters."),
        ("123456789012", "This password is entirely numeric."),
        ("password1234", "This password is too common."),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            validate_password(weak, user)
        assert error in excinfo.value.messages
    validate_password("mission-shandong-2008", user)


def attempt(client, username, password, address):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
@override_settings(AUTHENTICATION_BACKENDS=PRODUCTION_BACKENDS, AXES_FAILURE_LIMIT=3)
def test_a_user_name_is_locked_after_repeated_failures(client):
    factories.UserFactory(username="publieur", password="right-password-2026")
    for number, address in enumerate(["10.0.0.1", "10.0.0.2"]):
        response = attempt(client, "publieur", f"wrong-{number}", address)
        assert response.status_code == HTTPStatus.OK  # the login form again, with an error
    # The third failure locks the account.
    third = attempt(client, "publieur", "wrong-2", "10.0.0.3")
    assert third.status_code == HTTPStatus.TOO_MANY_REQUESTS
    # Even the right password, from a new address, is refused now.
    locked = attempt(client, "publieur", "right-password-2026", "10.0.0.4")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@override_settings(AUTHENTICATION_BACKENDS=PRODUCTION_BACKENDS, AXES_FAILURE_LIMIT=3)
def test_an_address_is_locked_after_repeated_failures_on_any_names(client):
    factories.UserFactory(username="editeur", password="right-password-2026")
    for name in ["alice", "bob"]:
        assert attempt(client, name, "guess", "192.0.2.7").status_code == HTTPStatus.OK
    assert attempt(client, "carol", "guess", "192.0.2.7").status_code == 429
    locked = attempt(client, "editeur", "right-password-2026", "192.0.2.7")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    # The same account from another address is not locked.
    elsewhere = attempt(client, "editeur", "right-password-2026", "198.51.100.1")
    assert elsewhere.status_code == HTTPStatus.FOUND


@pytest.mark.django_db
@override_settings(AUTHENTICATION_BACKENDS=PRODUCTION_BACKENDS)
def test_lockout_page_speaks_french_to_a_french_browser(client):
    factories.UserFactory(username="publieur")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "publieur", "wrong", "10.1.1.1")
    locked = client.post(
        reverse("admin:login"),
        {"username": "publieur", "password": "wrong"},
        REMOTE_ADDR="10.1.1.1",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert locked["Content-Language"] == "fr"
    assert '<html lang="fr"' in locked.content.decode()


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_back_the_original_rows(tmp_path):
    factories.PartnerFactory(slug="shandong", name_fr="Shandong", name_en="Shandong")
    factories.PartnerFactory(slug="jalisco", name_fr="Jalisco", name_en="Jalisco")
    dump = tmp_path / "before.backup"
    call_command("backup", output=dump, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert dump.stat().st_size > 0

    Partner.objects.filter(slug="jalisco").delete()
    Partner.objects.filter(slug="shandong").update(name_fr="Renommé")
    factories.PartnerFactory(slug="added-after")

    call_command("restore", str(dump), no_input=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert sorted(Partner.objects.values_list("slug", "name_fr")) == [
        ("jalisco", "Jalisco"),
        ("shandong", "Shandong"),
    ]


@pytest.mark.django_db
def test_restore_of_a_missing_file_says_so(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No backup file at"):
        call_command("restore", str(tmp_path / "nope.backup"), no_input=True)
