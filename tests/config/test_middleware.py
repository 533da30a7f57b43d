"""The site's middleware does per request only what the request needs, with the same answers
(config/middleware.py, config/api/middleware.py, bench/bare_request.py)."""

import re
from http import HTTPStatus

import pytest
from django.contrib import messages
from django.contrib.auth import get_user
from django.contrib.auth.models import Group
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.checks import Warning as CheckWarning
from django.http import HttpResponse, HttpResponseNotFound, StreamingHttpResponse
from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.test import RequestFactory, override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.functional import empty
from simple_history.models import HistoricalRecords

from config.checks import axes_middleware_check
from config.middleware import (
    AxesMiddleware,
    CommonMiddleware,
    HistoryRequestMiddleware,
    LocaleMiddleware,
    MessageMiddleware,
    SessionMiddleware,
    never_used,
)
from partners.publishing.models import PublicationStatus
from tests import factories
from tests.guards.test_admin_pages import agreement_form

pytestmark = pytest.mark.django_db

PATHS = [
    "/fr/",
    "/en/partners/",
    "/fr/partenaires/cn/",
    "/en",
    "/de/partners/",
    "/en-us/partners/",
    "/partenaires/",
    "/robots.txt",
    "/api/v1/",
    "/fr\n",
    "/",
]
VISITORS = [
    ({}, ""),
    ({}, "en-CA,en;q=0.9,fr;q=0.5"),
    ({}, "de, *"),
    ({}, "fr-CA"),
    ({"django_language": "en"}, "fr"),
    ({"django_language": "de"}, "en-GB"),
    ({"django_language": "en-us"}, ""),
]


def locale_answer(middleware_class, path, cookies, accept, status, answer="page"):
    request = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE=accept)
    request.COOKIES.update(cookies)

    def view(request):
        if status == 404:
            return HttpResponseNotFound("none")
        response = HttpResponse("page")
        if answer == "varies":
            response["Vary"] = "Cookie"
        elif answer == "in another language":
            translation.activate("pt-br")
        elif answer == "with its language":
            response["Content-Language"] = "de"
        return response

    try:
        response = middleware_class(view)(request)
    finally:
        translation.deactivate()
    return (
        request.LANGUAGE_CODE,
        response.status_code,
        response.get("Location"),
        response.get("Vary"),
        response.get("Content-Language"),
    )


@pytest.mark.parametrize("status", [200, 404])
@pytest.mark.parametrize("path", PATHS)
def test_the_kept_locale_answers_are_djangos(path, status):
    for cookies, accept in VISITORS:
        theirs = locale_answer(DjangoLocaleMiddleware, path, cookies, accept, status)
        first = locale_answer(LocaleMiddleware, path, cookies, accept, status)
        kept = locale_answer(LocaleMiddleware, path, cookies, accept, status)
        assert first == kept == theirs, (cookies, accept)


@pytest.mark.parametrize("answer", ["varies", "in another language", "with its language"])
@pytest.mark.parametrize("path", ["/fr/", "/partenaires/", "/robots.txt"])
def test_the_locale_headers_of_a_view_that_sets_its_own_are_djangos(path, answer):
    theirs = locale_answer(DjangoLocaleMiddleware, path, {}, "en", 200, answer)
    assert locale_answer(LocaleMiddleware, path, {}, "en", 200, answer) == theirs


def test_the_locale_headers_are_exact():
    assert locale_answer(LocaleMiddleware, "/en/partners/", {}, "fr", 200) == (
        "en",
        200,
        None,
        None,
        "en",
    )
    assert locale_answer(LocaleMiddleware, "/robots.txt", {}, "en", 200)[3:] == (
        "Accept-Language",
        "en",
    )
    assert locale_answer(LocaleMiddleware, "/robots.txt", {}, "en", 200, "varies")[3:] == (
        "Cookie, Accept-Language",
        "en",
    )


def test_an_unprefixed_page_goes_to_the_visitors_language(client):
    response = client.get("/partenaires/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/en/partners/"
    assert client.get("/en/partners/")["Content-Language"] == "en"
    assert client.get("/fr/partenaires/")["Content-Language"] == "fr"


def test_a_setting_changed_by_a_test_is_read_again(client, settings):
    assert client.get("/robots.txt").status_code == HTTPStatus.OK
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post("/i18n/setlang/", {"padding": "x" * 5000})
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


def history_request(method: str, *, signed_in_session: bool):
    """What simple_history sees as the request while the view runs, and after it."""
    request = getattr(RequestFactory(), method)("/fr/")
    session = SessionStore()
    if signed_in_session:
        session.create()
    request.session = SessionStore(session.session_key)
    seen = []

    def view(request):
        seen.append(getattr(HistoricalRecords.context, "request", None))
        return HttpResponse("page")

    HistoryRequestMiddleware(view)(request)
    return request, seen[0], getattr(HistoricalRecords.context, "request", None)


def test_a_visitor_without_a_session_skips_the_history():
    _request, during, after = history_request("get", signed_in_session=False)
    assert (during, after) == (None, None)


@pytest.mark.parametrize(
    ("method", "signed_in_session"), [("get", True), ("post", False), ("post", True)]
)
def test_a_request_that_can_be_signed_in_is_known_to_the_history(method, signed_in_session):
    request, during, after = history_request(method, signed_in_session=signed_in_session)
    assert during is request
    assert after is None


def test_a_change_saved_after_logging_in_records_who_made_it(client):
    editor = factories.UserFactory(username="redactrice", password="right-password-2026")
    editor.groups.add(Group.objects.get(name="Editor"))
    login = client.post(
        reverse("admin:login"),
        {"username": "redactrice", "password": "right-password-2026", "next": "/admin/"},
    )
    assert login.status_code == HTTPStatus.FOUND
    agreement = factories.AgreementFactory(
        title_en="First", publication_status=PublicationStatus.DRAFT
    )
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    assert client.post(url, agreement_form(agreement, title_en="Revised")).status_code == 302
    latest = agreement.history.first()
    assert (latest.history_user, latest.history_type, latest.title_en) == (editor, "~", "Revised")


def test_the_api_alone_gets_cors_and_etags(client):
    api = client.get("/api/v1/", HTTP_ORIGIN="https://data.example.org")
    assert api.status_code == HTTPStatus.OK
    assert api["Access-Control-Allow-Origin"] == "*"
    assert api["Access-Control-Expose-Headers"] == "ETag, Last-Modified, Link"
    assert "origin" in api["Vary"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', api["ETag"])
    assert client.get("/api/v1/", HTTP_IF_NONE_MATCH=api["ETag"]).status_code == 304

    page = client.get("/fr/", HTTP_ORIGIN="https://data.example.org")
    assert page.status_code == HTTPStatus.OK
    assert [name for name in page.headers if name.lower().startswith("access-control")] == []
    assert "origin" not in page.get("Vary", "").lower()
    assert "ETag" not in page
    preflight = client.options(
        "/robots.txt",
        headers={"origin": "https://data.example.org", "access-control-request-method": "GET"},
    )
    assert "Access-Control-Allow-Methods" not in preflight


def test_the_request_id_is_echoed_or_made(client):
    assert client.get("/fr/", HTTP_X_REQUEST_ID="nginx-5f2b9c.41")["X-Request-ID"] == (
        "nginx-5f2b9c.41"
    )
    assert re.fullmatch(r"[0-9a-f]{32}", client.get("/fr/")["X-Request-ID"])


def test_axes_middleware_is_sync_only_and_turns_a_lockout_into_its_page(settings):
    assert (AxesMiddleware.sync_capable, AxesMiddleware.async_capable) == (True, False)
    request = RequestFactory().post(reverse("admin:login"))
    request.axes_locked_out = True
    request.axes_credentials = {"username": "x"}
    original = HttpResponse("login page")
    settings.AXES_LOCKOUT_CALLABLE = None
    settings.AXES_HTTP_RESPONSE_CODE = 429
    assert AxesMiddleware(lambda request: original)(request).status_code == 429
    settings.AXES_ENABLED = False
    assert AxesMiddleware(lambda request: original)(request) is original


def test_the_axes_check_accepts_the_sites_subclass(settings):
    assert axes_middleware_check(None) == []
    without = [path for path in settings.MIDDLEWARE if path != "config.middleware.AxesMiddleware"]
    with override_settings(MIDDLEWARE=without):
        (warning,) = axes_middleware_check(None)
    assert isinstance(warning, CheckWarning)
    assert warning.id == "config.W001"


def message_answer(middleware_class, view, cookies=None):
    """The response's messages cookie (value, max-age) and the request, through a session."""
    request = RequestFactory().get("/fr/")
    request.COOKIES.update(cookies or {})
    request.session = SessionStore()
    response = middleware_class(view)(request)
    cookie = response.cookies.get("messages")
    return (cookie.value, cookie["max-age"]) if cookie else None, request


def adds_a_message(request):
    messages.success(request, "Saved.")
    return HttpResponse("page")


def reads_the_messages(request):
    return HttpResponse(" ".join(str(message) for message in messages.get_messages(request)))


def test_a_request_without_messages_never_makes_the_storage():
    cookie, request = message_answer(MessageMiddleware, lambda request: HttpResponse("page"))
    assert cookie is None
    assert object.__getattribute__(request._messages, "_wrapped") is empty


@pytest.mark.parametrize("view", [adds_a_message, reads_the_messages])
@pytest.mark.parametrize("with_cookie", [False, True])
def test_the_lazy_message_storage_answers_as_djangos(view, with_cookie):
    (added, _max_age), _request = message_answer(DjangoMessageMiddleware, adds_a_message)
    cookies = {"messages": added} if with_cookie else {}
    ours, ours_request = message_answer(MessageMiddleware, view, cookies)
    theirs, theirs_request = message_answer(DjangoMessageMiddleware, view, cookies)
    assert ours == theirs
    assert [str(m) for m in ours_request._messages] == [str(m) for m in theirs_request._messages]


def test_a_message_is_written_then_read_once():
    (added, max_age), _request = message_answer(MessageMiddleware, adds_a_message)
    assert max_age == ""
    assert message_answer(MessageMiddleware, reads_the_messages, {"messages": added})[0] == (
        "",
        0,
    )


def test_a_staff_change_shows_its_message_once(client, superuser):
    client.force_login(superuser)
    saved = client.post(reverse("admin:auth_group_add"), {"name": "Relecteurs"}, follow=True)
    assert saved.redirect_chain[0][1] == HTTPStatus.FOUND
    shown = [str(message) for message in messages.get_messages(saved.wsgi_request)]
    assert len(shown) == 1
    assert "Relecteurs" in shown[0]
    again = client.get(reverse("admin:auth_group_changelist"))
    assert list(messages.get_messages(again.wsgi_request)) == []


def common_answer(middleware_class, path, *, host="testserver", agent=None, view=None):
    request = RequestFactory().get(path, HTTP_HOST=host)
    if agent is not None:
        request.META["HTTP_USER_AGENT"] = agent

    def page(request):
        return HttpResponse("page" if resolve_or_none(path) else "none", status=200)

    try:
        response = middleware_class(view or page)(request)
    except Exception as error:
        return type(error).__name__, str(error)
    return (
        response.status_code,
        response.get("Location"),
        response.get("Content-Length"),
        response.streaming,
    )


def resolve_or_none(path):
    try:
        return resolve(path)
    except Resolver404:
        return None


def not_found(request):
    return HttpResponseNotFound("none")


def streamed(request):
    return StreamingHttpResponse(iter([b"a", b"b"]))


def sized(request):
    response = HttpResponse("page")
    response["Content-Length"] = "999"
    return response


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/fr/", {}),
        ("/fr/", {"view": not_found}),
        ("/fr", {"view": not_found}),
        ("/fr/partenaires", {"view": not_found}),
        ("/fr/", {"view": streamed}),
        ("/fr/", {"view": sized}),
        ("/fr/", {"host": "evil.example"}),
        ("/fr/", {"agent": "BadBot/1.0"}),
        ("/fr/", {"agent": "Firefox/140"}),
    ],
)
@pytest.mark.parametrize("prepend_www", [False, True])
def test_the_common_answers_are_djangos(settings, path, kwargs, prepend_www):
    settings.DISALLOWED_USER_AGENTS = [re.compile(r"^BadBot")]
    settings.PREPEND_WWW = prepend_www
    theirs = common_answer(DjangoCommonMiddleware, path, **kwargs)
    assert common_answer(CommonMiddleware, path, **kwargs) == theirs


def test_the_common_answers_are_exact(settings):
    settings.DISALLOWED_USER_AGENTS = [re.compile(r"^BadBot")]
    assert common_answer(CommonMiddleware, "/fr/") == (200, None, "4", False)
    assert common_answer(CommonMiddleware, "/fr/partenaires", view=not_found) == (
        301,
        "/fr/partenaires/",
        None,
        False,
    )
    assert common_answer(CommonMiddleware, "/fr/", agent="BadBot/2") == (
        "PermissionDenied",
        "Forbidden user agent",
    )
    assert common_answer(CommonMiddleware, "/fr/", host="evil.example")[0] == "DisallowedHost"
    settings.PREPEND_WWW = True
    assert common_answer(CommonMiddleware, "/fr/") == (
        301,
        "http://www.testserver/fr/",
        "0",
        False,
    )


def session_answer(middleware_class, view, cookies=None):
    """The response's session cookie (whether set, its max-age), its Vary, and the request."""
    request = RequestFactory().get("/fr/")
    request.COOKIES.update(cookies or {})
    response = middleware_class(view)(request)
    cookie = response.cookies.get("sessionid")
    written = (bool(cookie.value), cookie["max-age"]) if cookie else None
    return written, response.get("Vary"), request


def untouched(request):
    return HttpResponse("page")


def reads_the_session(request):
    return HttpResponse(str(request.session.get("seen", 0)))


def writes_the_session(request):
    request.session["seen"] = request.session.get("seen", 0) + 1
    return HttpResponse("page")


def reads_the_user(request):
    request.user = get_user(request)
    return HttpResponse(str(request.user.is_authenticated))


def test_a_visitors_session_never_used_is_never_made():
    written, vary, request = session_answer(SessionMiddleware, untouched)
    assert (written, vary) == (None, None)
    assert never_used(request.session)


@pytest.mark.parametrize("view", [untouched, reads_the_session, writes_the_session, reads_the_user])
@pytest.mark.parametrize("cookie", ["none", "kept", "unknown", "invalid"])
def test_the_session_answers_are_djangos(view, cookie):
    def cookies():
        kept = SessionStore()
        kept["seen"] = 1
        kept.create()
        return {
            "none": {},
            "kept": {"sessionid": kept.session_key},
            "unknown": {"sessionid": "x" * 32},
            "invalid": {"sessionid": "short"},
        }[cookie]

    ours, ours_vary, ours_request = session_answer(SessionMiddleware, view, cookies())
    theirs, theirs_vary, theirs_request = session_answer(DjangoSessionMiddleware, view, cookies())
    assert (ours, ours_vary) == (theirs, theirs_vary)
    assert dict(ours_request.session.items()) == dict(theirs_request.session.items())


def test_the_session_answers_are_exact():
    assert session_answer(SessionMiddleware, reads_the_session)[:2] == (None, "Cookie")
    written, vary, request = session_answer(SessionMiddleware, writes_the_session)
    assert (written, vary) == ((True, 1209600), "Cookie")
    assert SessionStore(request.session.session_key)["seen"] == 1
    assert session_answer(SessionMiddleware, untouched, {"sessionid": "short"})[:2] == (
        (False, 0),
        "Cookie",
    )


def test_the_history_gate_leaves_a_visitors_new_session_unmade():
    request = RequestFactory().get("/fr/")
    seen = []

    def view(request):
        seen.append(getattr(HistoricalRecords.context, "request", None))
        return HttpResponse("page")

    SessionMiddleware(HistoryRequestMiddleware(view))(request)
    assert seen == [None]
    assert never_used(request.session)


SECURITY_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/fr/",
            {"Content-Language": "fr", "Content-Type": "text/html; charset=utf-8"},
        ),
        (
            "/robots.txt",
            {
                "Content-Language": "fr",
                "Content-Length": "75",
                "Content-Type": "text/plain",
                "Vary": "Accept-Language",
            },
        ),
    ],
)
def test_a_visitors_page_has_exactly_the_sites_headers(client, path, expected):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    headers = dict(response.headers)
    assert re.fullmatch(r"[0-9a-f]{32}", headers.pop("X-Request-ID"))
    assert "default-src 'self'" in headers.pop("Content-Security-Policy").split("; ")
    if "Content-Length" not in expected:
        assert headers.pop("Content-Length") == str(len(response.content))
    assert headers == {**SECURITY_HEADERS, **expected}
    assert list(response.cookies) == []
    assert never_used(response.wsgi_request.session)
    assert never_used(response.wsgi_request._messages)
