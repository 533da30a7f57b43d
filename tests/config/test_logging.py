"""A 500 is logged, with its traceback and the request's id, and the 500 page says so truly
(issue 16, item 7)."""

import io
import json
import logging
from http import HTTPStatus

import pytest
from django.test import override_settings

from config.logs import JsonFormatter, RequestContextFilter

from .test_production import PRODUCTION, manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the production handler writes, captured: JSON lines through the request filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)


@override_settings(ROOT_URLCONF="tests.config.error_urls")
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "The error was logged for the site"),
        ("fr", "L\u2019erreur a été consignée pour l\u2019équipe du site"),
    ],
)
def test_an_error_is_logged_with_its_traceback_and_request_id(client, log_lines, language, words):
    client.raise_request_exception = False
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    (line,) = log_lines()
    assert line["level"] == "ERROR"
    assert line["logger"] == "django.request"
    assert line["message"] == "Internal Server Error: /boom/"
    assert line["request_id"] == request_id
    assert line["path"] == "/boom/"
    assert line["status"] == 500
    assert line["traceback"].startswith("Traceback (most recent call last):")
    assert line["traceback"].endswith(
        "TypeError: unsupported operand type(s) for /: 'dict' and 'int'"
    )
    assert 'return {"total": 1} / 0' in line["traceback"]
    page = response.content.decode()
    assert words in page
    assert f"<code>{request_id}</code>" in page


@override_settings(ROOT_URLCONF="tests.config.error_urls")
def test_the_proxys_request_id_is_kept_and_a_forged_one_replaced(client, log_lines):
    client.raise_request_exception = False
    kept = client.get("/boom/", HTTP_X_REQUEST_ID="nginx-5f2b9c.41")
    forged = client.get("/boom/", HTTP_X_REQUEST_ID='x"\n{"level": "INFO"}')
    assert kept["X-Request-ID"] == "nginx-5f2b9c.41"
    assert len(forged["X-Request-ID"]) == 32
    assert [line["request_id"] for line in log_lines()] == [
        "nginx-5f2b9c.41",
        forged["X-Request-ID"],
    ]


def test_every_response_carries_its_request_id(client):
    first, second = client.get("/robots.txt"), client.get("/robots.txt")
    assert len(first["X-Request-ID"]) == len(second["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_production_logs_json_lines_to_standard_error():
    script = "import logging; logging.getLogger('partners.trade').warning('Import %s refused', 7)"
    result = manage("shell", "--no-imports", "-c", script, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    # Every line is JSON (django-axes says it started, at INFO); then the warning.
    lines = [json.loads(text) for text in result.stderr.splitlines()]
    line = lines[-1]
    assert line["level"] == "WARNING"
    assert line["logger"] == "partners.trade"
    assert line["message"] == "Import 7 refused"
    assert (line["request_id"], line["path"]) == ("", "")
    assert line["time"].endswith("+00:00")
    assert result.stdout == ""


def test_sentry_is_asked_for_only_when_its_dsn_is_set():
    result = manage("check", **PRODUCTION, SENTRY_DSN="https://key@sentry.example.org/1")
    try:
        import sentry_sdk  # noqa: F401
    except ImportError:
        assert result.returncode != 0
        assert "SENTRY_DSN is set but sentry-sdk is not installed" in result.stderr
    else:  # pragma: no cover (the SDK is not a dependency)
        assert result.returncode == 0
    assert manage("check", **PRODUCTION).returncode == 0
