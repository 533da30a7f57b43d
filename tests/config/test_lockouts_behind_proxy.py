"""Staff lockouts behind the documented reverse proxy (issue 16, item 1).

nginx forwards `X-Forwarded-For: <what the client sent>, <client's address>` from its own
address (REMOTE_ADDR 127.0.0.1): a lockout must hold the client's address, never the proxy's,
and never what a client wrote in the header itself.
"""

from http import HTTPStatus

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from config.settings.base import client_address_settings
from tests import factories

pytestmark = pytest.mark.english

PRODUCTION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
BEHIND_NGINX = override_settings(
    AUTHENTICATION_BACKENDS=PRODUCTION_BACKENDS,
    AXES_FAILURE_LIMIT=3,
    AXES_COOLOFF_TIME=1,
    **client_address_settings(1),
)
PROXY = "127.0.0.1"


def attempt(client, username, password, forwarded_for, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
        **extra,
    )


@pytest.mark.django_db
@BEHIND_NGINX
def test_an_attackers_failures_lock_their_address_not_every_member_of_staff(client):
    factories.UserFactory(username="publieur", password="right-password-2026")
    for name in ["alice", "bob", "carol"]:
        attempt(client, name, "guess", "203.0.113.66")
    assert attempt(client, "dave", "guess", "203.0.113.66").status_code == 429
    # Every request came from the proxy's address; a colleague elsewhere still logs in.
    colleague = attempt(client, "publieur", "right-password-2026", "198.51.100.20")
    assert colleague.status_code == HTTPStatus.FOUND
    assert colleague["Location"] == "/admin/"


@pytest.mark.django_db
@BEHIND_NGINX
def test_a_forged_forwarded_for_neither_escapes_nor_borrows_an_address(client):
    factories.UserFactory(username="publieur", password="right-password-2026")
    # The attacker writes a new address in the header at each try; nginx appends the real one.
    for number in range(3):
        attempt(client, f"name{number}", "guess", f"10.9.9.{number}, 203.0.113.66")
    locked = attempt(client, "other", "guess", "192.0.2.200, 203.0.113.66")
    assert locked.status_code == 429
    # Writing a colleague's address in front of one's own does not lock the colleague out.
    colleague = attempt(client, "publieur", "right-password-2026", "203.0.113.66, 198.51.100.20")
    assert colleague.status_code == HTTPStatus.FOUND


@pytest.mark.django_db
@override_settings(
    AUTHENTICATION_BACKENDS=PRODUCTION_BACKENDS, AXES_FAILURE_LIMIT=3, **client_address_settings(0)
)
def test_without_a_proxy_the_header_is_not_trusted(client):
    """Nothing in front (AXES_PROXY_COUNT=0): the connection's address, whatever the header."""
    for number in range(3):
        client.post(
            reverse("admin:login"),
            {"username": f"name{number}", "password": "guess"},
            REMOTE_ADDR="203.0.113.66",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{number}",
        )
    locked = client.post(
        reverse("admin:login"),
        {"username": "other", "password": "guess"},
        REMOTE_ADDR="203.0.113.66",
        HTTP_X_FORWARDED_FOR="10.0.0.1",
    )
    assert locked.status_code == 429


@pytest.mark.django_db
@BEHIND_NGINX
def test_attempts_during_a_lockout_do_not_renew_the_cool_off(client):
    factories.UserFactory(username="publieur", password="right-password-2026")
    with time_machine.travel("2026-03-02 09:00:00-05:00", tick=False) as traveller:
        for number in range(3):
            attempt(client, "publieur", f"wrong-{number}", "203.0.113.66")
        # An attempt every twenty minutes while locked, the right password the last time.
        for _ in range(2):
            traveller.shift(20 * 60)
            assert attempt(client, "publieur", "wrong", "203.0.113.66").status_code == 429
        traveller.shift(15 * 60)  # 55 minutes after the lockout
        assert attempt(client, "publieur", "right-password-2026", "203.0.113.66").status_code == 429
        traveller.shift(6 * 60)  # one hour and a minute after the third failure: free again
        response = attempt(client, "publieur", "right-password-2026", "203.0.113.66")
    assert response.status_code == HTTPStatus.FOUND


@pytest.mark.django_db
@BEHIND_NGINX
@pytest.mark.parametrize(
    ("language", "header", "message"),
    [
        ("en", "International Relations — staff", "suspended for 60 minutes"),
        ("fr", "Relations internationales — personnel", "suspendues pendant 60 minutes"),
    ],
)
def test_the_lockout_page_has_the_sites_header_in_the_visitors_language(
    client, language, header, message
):
    for number in range(3):
        attempt(client, "publieur", f"wrong-{number}", "203.0.113.66")
    locked = attempt(client, "publieur", "wrong", "203.0.113.66", HTTP_ACCEPT_LANGUAGE=language)
    page = locked.content.decode()
    assert locked.status_code == 429
    assert header in page
    assert message in page
    assert "Django" not in page


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "0 ['HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR'] False"),  # the documented nginx
        ({"AXES_PROXY_COUNT": "2"}, "1 ['HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR'] False"),
        ({"AXES_PROXY_COUNT": "0"}, "None ['REMOTE_ADDR'] False"),
    ],
)
def test_production_reads_the_proxy_count_from_the_environment(environment, expected):
    from .test_production import PRODUCTION, manage

    script = (
        "from django.conf import settings as s; print(s.AXES_IPWARE_PROXY_COUNT, "
        "s.AXES_IPWARE_META_PRECEDENCE_ORDER, s.IPWARE_STRICT)"
    )
    result = manage("shell", "--no-imports", "-c", script, **PRODUCTION, **environment)
    assert result.stdout.strip() == expected, result.stderr
