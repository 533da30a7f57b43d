"""The site's versions of library middleware: per request, only the work the request needs.

Every request goes through the whole chain (settings.MIDDLEWARE), so what a middleware does on
each one is the floor of every page (bench/bare_request.py, bench/README.md). These classes do
what the library's do, with the same answers, and leave out what a public anonymous request
never needs:

- `ReadsSettingsOnce`: a middleware reads its settings when it is built (once a process), not
  on every request; tests that change a setting (override_settings, pytest-django's `settings`,
  which send `setting_changed`) make it read them again.
- `LocaleMiddleware`: Django's, its answers kept (partners/publishing/language.py).
- `CommonMiddleware`: Django's, its settings read once and Content-Length written as checked.
- `SessionMiddleware`: Django's, a visitor's new session made when the request first uses it.
- `MessageMiddleware`: Django's, its storage made when the request first adds or reads a message.
- `HistoryRequestMiddleware`: django-simple-history's, only for a request that can be signed in.
- `AxesMiddleware`: django-axes', without its check for async mode on every request.

CORS and the API's conditional GET run on /api/ paths only (config/api/middleware.py).
"""

from functools import partial

from axes.helpers import get_lockout_response
from axes.middleware import AxesMiddleware as LibraryAxesMiddleware
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages import middleware as messages_middleware
from django.contrib.messages.storage import default_storage
from django.contrib.sessions import middleware as sessions_middleware
from django.core.exceptions import PermissionDenied
from django.core.signals import setting_changed
from django.middleware import common, locale
from django.utils.cache import patch_vary_headers
from django.utils.functional import LazyObject, SimpleLazyObject, empty
from simple_history.middleware import HistoryRequestMiddleware as history_middleware

from config.headers import Header
from partners.publishing import language

VARY_ACCEPT_LANGUAGE = Header("Vary", "Accept-Language")
# A length is digits: checked as this one is.
CONTENT_LENGTH = Header("Content-Length", "0")


class ReadsSettingsOnce:
    """A middleware whose `read_settings()` sets what it reads of the settings as attributes;
    its `__init__` calls `watch_settings()`. `setting_changed` holds the middleware weakly."""

    def read_settings(self) -> None:
        raise NotImplementedError

    def watch_settings(self) -> None:
        self.read_settings()
        setting_changed.connect(self._setting_changed)

    def _setting_changed(self, **kwargs) -> None:
        self.read_settings()


def lazy(lazy_class: type[SimpleLazyObject], setup) -> SimpleLazyObject:
    """`lazy_class(setup)` for SimpleLazyObject or a subclass of it, as its constructor makes it
    (its two attributes: the function that sets it up, and `empty` until then), without the
    constructor's five Python calls (SimpleLazyObject's and LazyObject's `__init__`, LazyObject's
    `__setattr__` and twice its `__getattribute__`). A middleware makes one on every request."""
    made = object.__new__(lazy_class)
    object.__setattr__(made, "_setupfunc", setup)
    object.__setattr__(made, "_wrapped", empty)
    return made


def never_used(value) -> bool:
    """Whether `value` is a lazy object not set up yet: nothing has read or changed it."""
    return isinstance(value, LazyObject) and object.__getattribute__(value, "_wrapped") is empty


class LocaleMiddleware(ReadsSettingsOnce, locale.LocaleMiddleware):
    """Django's LocaleMiddleware, with the same answers, kept rather than found again.

    Django's finds the language from the path's prefix three times a request (twice on the way
    in, once on the way out), then from the cookie and Accept-Language, and asks which language
    is active twice, through settings read each time. Each of those answers hangs only on the
    path's prefix, the cookie and the header: `partners.publishing.language` keeps them (the one
    place that resolves the page's language). The prefix's answer found on the way in serves on
    the way out (unless the path changed). A 404 goes to Django's own `process_response`, which
    may redirect to the address with the visitor's prefix.

    A plain middleware (one `__call__` does what Django's `process_request` and
    `process_response` do, without MiddlewareMixin's calls), sync only as the site is (see
    AxesMiddleware). `Vary:
    Accept-Language` and `Content-Language` in the site's languages are headers checked once
    (config/headers.py); a response that varies already, or another language, goes through
    Django's `patch_vary_headers` and `setdefault`.
    """

    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self.watch_settings()

    def read_settings(self) -> None:
        self.root_urlconf = settings.ROOT_URLCONF
        self.default_language = settings.LANGUAGE_CODE
        self.cookie_name = settings.LANGUAGE_COOKIE_NAME
        self.content_language = {
            code: Header("Content-Language", code) for code, _name in settings.LANGUAGES
        }

    def __call__(self, request):
        urlconf = getattr(request, "urlconf", self.root_urlconf)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        path = request.path_info
        from_path = language.language_from_path(path)
        if i18n_patterns_used and from_path is not None:
            code = from_path
        else:
            code = language.visitor_language(request, self.cookie_name)
        if not from_path and i18n_patterns_used and not prefixed_default_language:
            code = self.default_language
        request.LANGUAGE_CODE = language.activate(code)

        response = self.get_response(request)

        if response.status_code == 404:
            return super().process_response(request, response)
        urlconf = getattr(request, "urlconf", self.root_urlconf)
        i18n_patterns_used, _prefixed = is_language_prefix_patterns_used(urlconf)
        if request.path_info is not path:
            from_path = language.language_from_path(request.path_info)
        if not (i18n_patterns_used and from_path) and not VARY_ACCEPT_LANGUAGE.setdefault(response):
            patch_vary_headers(response, ("Accept-Language",))
        code = language.response_language()
        header = self.content_language.get(code)
        if header is None:
            response.headers.setdefault("Content-Language", code)
        else:
            header.setdefault(response)
        return response


class CommonMiddleware(ReadsSettingsOnce, common.CommonMiddleware):
    """Django's CommonMiddleware, its settings read when it is built, as one `__call__`.

    Django's reads DISALLOWED_USER_AGENTS and PREPEND_WWW on every request, through
    MiddlewareMixin's calls, and writes Content-Length through ResponseHeaders' checks. This one
    refuses the same user agents and validates the host (`request.get_host()`, which refuses a
    host not in ALLOWED_HOSTS) as Django's does, hands a redirect to www. (PREPEND_WWW) and a
    404 (APPEND_SLASH's redirect) to Django's own methods, and writes the length, digits, as
    checked (config/headers.py). Sync only, as the site is (see AxesMiddleware).
    """

    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self.watch_settings()

    def read_settings(self) -> None:
        self.disallowed_user_agents = tuple(settings.DISALLOWED_USER_AGENTS)
        self.prepend_www = settings.PREPEND_WWW

    def __call__(self, request):
        user_agent = request.META.get("HTTP_USER_AGENT")
        if user_agent is not None:
            for user_agent_regex in self.disallowed_user_agents:
                if user_agent_regex.search(user_agent):
                    raise PermissionDenied("Forbidden user agent")
        host = request.get_host()
        if self.prepend_www and host and not host.startswith("www."):
            response = super().process_request(request)  # the redirect to www.
        else:
            response = self.get_response(request)
        if response.status_code == 404:
            return super().process_response(request, response)
        if not response.streaming and CONTENT_LENGTH.absent(response):
            CONTENT_LENGTH.set_value(response, str(len(response.content)))
        return response


class MessageMiddleware(messages_middleware.MessageMiddleware):
    """Django's MessageMiddleware, its storage made when the request first adds or reads one.

    Django's makes `request._messages` (settings.MESSAGE_STORAGE: a cookie storage with its
    signer, and a session storage) on every request, then asks it on the way out whether it has
    anything to write. A public page neither adds nor shows a message (only the admin does): the
    storage is Django's own, behind a SimpleLazyObject, made on its first use (an added message,
    the admin's template reading them); one never made has nothing to write, and the way out
    skips it. Any other (made, or replaced by the view) goes through Django's `process_response`.
    """

    async_capable = False

    def __call__(self, request):
        request._messages = lazy(SimpleLazyObject, partial(default_storage, request))
        response = self.get_response(request)
        if never_used(request._messages):
            return response
        return self.process_response(request, response)


class SessionMiddleware(ReadsSettingsOnce, sessions_middleware.SessionMiddleware):
    """Django's SessionMiddleware, a visitor's new session made when the request first uses it.

    A request without the session cookie gets a new, empty session (`SessionStore(None)`), and
    on the way out Django's asks it whether it was read (then `Vary: Cookie`), changed (then
    saved, and its cookie set) or emptied: a session never used was none of these, and Django's
    writes nothing. Here that new session is Django's own, behind a SimpleLazyObject made on its
    first use (signing in, the user read by a page or the page cache); one never used skips the
    way out. A request with the cookie, and a session used or replaced, are Django's exactly.
    Sync only, as the site is (see AxesMiddleware).
    """

    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self.watch_settings()

    def read_settings(self) -> None:
        self.cookie_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if self.cookie_name in request.COOKIES:
            return super().__call__(request)
        request.session = lazy(SimpleLazyObject, partial(self.SessionStore, None))
        response = self.get_response(request)
        if never_used(request.session):
            return response
        return self.process_response(request, response)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class HistoryRequestMiddleware:
    """django-simple-history's middleware, for the requests that can be signed in.

    simple_history's makes the request known to the history (`HistoricalRecords.context`), so
    that a change saved during it records who made it: the request's user, if signed in, else
    nobody. A request without a session cannot be signed in, and becomes so only by signing in,
    which is a POST (the admin's login form): a GET without a session (a public page's visitor)
    skips it, and its changes, if any, record nobody, as they did. Any other request goes
    through simple_history's own middleware. A visitor's new session not used yet
    (SessionMiddleware) has no key: the gate does not make it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.with_history = history_middleware(get_response)

    def __call__(self, request):
        session = request.session
        if request.method in SAFE_METHODS and (never_used(session) or session.session_key is None):
            return self.get_response(request)
        return self.with_history(request)


class AxesMiddleware(ReadsSettingsOnce, LibraryAxesMiddleware):
    """django-axes' middleware, sync only: the site is served by WSGI (config/wsgi.py), and
    django-axes' asks on every request whether it runs in async mode (a dozen calls of
    `inspect`). Under ASGI Django would run it in a thread, as it does any sync middleware.
    It still turns a locked-out login into the lockout page (AXES_LOCKOUT_CALLABLE)."""

    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response
        self.watch_settings()

    def read_settings(self) -> None:
        self.enabled = settings.AXES_ENABLED

    def __call__(self, request):
        response = self.get_response(request)
        if self.enabled and getattr(request, "axes_locked_out", None):
            credentials = getattr(request, "axes_credentials", None)
            response = get_lockout_response(request, response, credentials)
        return response
