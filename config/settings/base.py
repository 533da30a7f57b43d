"""Settings shared by every environment. Values that differ per machine come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

DJANGO_APPS = [
    # modeltranslation must come before the admin so that its fields show there.
    "modeltranslation",
    "config.apps.MinistryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
]
LOCAL_APPS = [
    "partners",
    "agreements",
    "missions",
    "config.apps.SiteConfig",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # First: every log line of a request carries its id, sent back as X-Request-ID.
    "config.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The API (/api/ only): open to any origin for reading (django-cors-headers), with ETag and
    # conditional GET outside the page cache so that a cached answer is checked against
    # If-None-Match too. Other paths go straight on.
    "config.api.middleware.ApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, a visitor's new session made only when the request uses it (config/middleware.py).
    "config.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, its answers kept (config/middleware.py).
    "config.middleware.LocaleMiddleware",
    # Django's, its settings read once (config/middleware.py).
    "config.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view reads a form (the CSRF check is the first): refuses bodies too large.
    "config.uploads.RequestSizeLimitMiddleware",
    "config.cache.AnonymousPageCacheMiddleware",
    # Django's, its storage made only for a request that adds or reads a message.
    "config.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-simple-history's, for requests that can be signed in (config/middleware.py).
    "config.middleware.HistoryRequestMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    # django-axes last: it turns a locked-out login into the lockout page (its middleware,
    # without the check for async mode on every request: config/middleware.py).
    "config.middleware.AxesMiddleware",
]
# django-axes' check wants its own class by name in MIDDLEWARE; config.checks accepts the
# site's subclass instead (config.W001).
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user@host:5432/name or sqlite:///path), an SQLite file by
# default so that a newcomer needs no server.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Querysets read whole, as the pages show them: iterator() (a select's choices) then fetches
    # in one query instead of declaring, fetching from and closing a server-side cursor.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_POOL"):
    # psycopg 3's connection pool (Django >= 5.1); persistent connections must then be off.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DB_POOL_MIN", "2")),
        "max_size": int(os.environ.get("DB_POOL_MAX", "10")),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (as in production, shared by every app server), else this
# process's memory. Anonymous visitors get whole pages from it for PAGE_CACHE_SECONDS; a change
# to a record makes cold the pages that can show it (config/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, except that an unreachable Redis is a miss, logged, never a
            # 500 (config/redis_cache.py); tried again every RETRY_SECONDS.
            "BACKEND": "config.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "relations"),
            "RETRY_SECONDS": 5,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# The filters' choices (every partner, the sectors, the ministries) are kept in the cache by the
# versions of the topics they show, moved when a change commits (partners/publishing/fragments.py).
FRAGMENT_VERSIONS = True
# The composite pages' selector results (the dossier's, the home page's, the trade explorer's) are
# kept as long, by the versions of what their page shows (partners/publishing/results.py); 0 turns
# it off.
RESULT_CACHE_SECONDS = int(os.environ.get("RESULT_CACHE_SECONDS", "600"))

AUTHENTICATION_BACKENDS = [
    # django-axes first: refuses a login for a locked-out user or address before checking it.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French first and default, English a full peer.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Montreal"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

# django-modeltranslation: one record, one column per language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "en")}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Agreement documents are never served from MEDIA_URL: the view agreements:document checks that
# the agreement is published (or the reader is staff). Behind nginx, set this to the path of an
# `internal` location aliased to MEDIA_ROOT (e.g. "/protected-documents/"): the view then answers
# with X-Accel-Redirect and nginx sends the file (docs/deployment.md, "Agreement documents").
DOCUMENTS_ACCEL_REDIRECT = os.environ.get("DOCUMENTS_ACCEL_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: agreement texts are PDFs of at most 20 MB (agreements/validators.py checks the content);
# anything bigger is refused before it is read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024


def env_megabytes(name: str, default: float) -> int:
    return int(float(os.environ.get(name, default)) * 1024 * 1024)


# Trade data files (partners/trade/importing/limits.py): what a file may cost before it is
# refused, for the admin's upload and `manage.py import_trade` alike. A million rows (the
# benchmark's file) fit: about 45 MB of CSV, 250 MB of unpacked .xlsx.
TRADE_IMPORT_LIMITS = {
    "bytes": env_megabytes("TRADE_IMPORT_MAX_MB", 100),
    "inflated_bytes": env_megabytes("TRADE_IMPORT_MAX_UNPACKED_MB", 400),
    "shared_strings_bytes": env_megabytes("TRADE_IMPORT_MAX_TEXTS_MB", 16),
    "zip_entries": 1000,
    "rows": int(os.environ.get("TRADE_IMPORT_MAX_ROWS", "1000000")),
    "columns": int(os.environ.get("TRADE_IMPORT_MAX_COLUMNS", "50")),
    "cells": int(os.environ.get("TRADE_IMPORT_MAX_CELLS", "10000000")),
    "line_chars": 131072,  # the csv module's own field limit
}
# Any request's body (config/uploads.py), refused from its Content-Length before a byte of it is
# read: the largest upload (a trade file) and its form. nginx's client_max_body_size says the
# same one step earlier (docs/deployment.md).
REQUEST_MAX_BYTES = env_megabytes("REQUEST_MAX_MB", 101)

# The admin's path is configurable so that it is not where bots look first.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/")

LOGIN_URL = "admin:login"

# Staff login throttling (django-axes): after AXES_FAILURE_LIMIT failures, a user name is locked,
# and so is the address they came from, each on its own, for AXES_COOLOFF_HOURS.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.security.lockout_response"
# A login attempt during a lockout is refused without being counted: it does not start the
# cool-off again, so one request an hour cannot keep staff out for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False


def client_address_settings(proxy_count: int) -> dict:
    """How django-axes (through django-ipware) finds the client's address, given the number of
    reverse proxies in front of the site (AXES_PROXY_COUNT).

    No proxy: the connection's own address, REMOTE_ADDR; an X-Forwarded-For header is the
    client's word and is never read. Behind N proxies: each appends the address it received the
    request from to X-Forwarded-For, and the last proxy is REMOTE_ADDR itself, so the client is the
    N-th entry from the right (django-ipware's proxy count is the N - 1 entries to its right).
    What a client wrote itself further left is ignored, so it can neither borrow another
    address nor make every attempt come from the proxy. Not strict: a client's own
    X-Forwarded-For makes the chain longer than N, which must not send us back to the proxy's
    address.
    """
    if proxy_count <= 0:
        return {
            "AXES_IPWARE_PROXY_COUNT": None,
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"],
            "IPWARE_STRICT": False,
        }
    return {
        "AXES_IPWARE_PROXY_COUNT": proxy_count - 1,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        "IPWARE_STRICT": False,
    }


REVERSE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0"))
globals().update(client_address_settings(REVERSE_PROXY_COUNT))

# Content Security Policy (django-csp): the site's own files only, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The read-only API (config/api/, docs/api.md): Django REST framework, JSON only, no login (every
# answer is public), its OpenAPI schema by drf-spectacular, the reference page self-hosted.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "config.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "config.api.schema.ApiSchema",
    "PAGE_SIZE": 20,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "International Relations API",
    "VERSION": "1",
    "DESCRIPTION": (
        "Read-only access to the public records of the ministry of International Relations: "
        "partners, agreements, mission reports, sectors and trade figures. Published records "
        'only. Every text is given in French and English at once ({"fr": …, "en": …}), '
        "whatever the request's language; Accept-Language only sets the language of error "
        "messages and the language the agreements' `q` filter searches in. Dates are ISO 8601 "
        'to the precision known (a year-only date is "2011"). Lists are paginated (`page`, '
        "`page_size` up to 100) with `next` and `previous` addresses. Answers carry an ETag "
        "(and Last-Modified where the records tell when they changed): send If-None-Match to "
        "get 304 Not Modified. Any origin may read the API (CORS). See docs/api.md."
    ),
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {
        "AgreementKindEnum": "agreements.models.AgreementKind",
        "AgreementStatusEnum": "agreements.models.AgreementStatus",
        "EventKindEnum": "agreements.models.EventKind",
        "FollowUpStatusEnum": "missions.models.FollowUpStatus",
        "PartnerKindEnum": "partners.models.PartnerKind",
        "OfficeKindEnum": "partners.models.OfficeKind",
        "DatePrecisionEnum": "partners.publishing.models.DatePrecision",
    },
}
# CORS (django-cors-headers): any site may read the API from a browser; nothing else is open.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Link"]
CORS_PREFLIGHT_MAX_AGE = 86400
# Logs to standard error (config/logs.py): plain lines here, JSON lines in production.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = logging_config(structured=env_bool("LOG_JSON", False), level=LOG_LEVEL)

# Demo staff account created by `manage.py load_demo --with-staff` (development only).
SITE_NAME = _("International Relations")

# E-mail (the agreement alerts): the sender and the SMTP server come from the environment
# (docs/deployment.md, "E-mail"). SITE_URL is the public address links in e-mails start with.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")
