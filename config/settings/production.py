"""Production: everything that matters comes from the environment; no secret, no start."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import client_address_settings, env_bool, env_list, logging_config

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The documented setup has one reverse proxy (nginx) in front of gunicorn: staff lockouts go by
# the address it forwards (AXES_PROXY_COUNT, see base.py). Set it to 0 only when nothing stands
# in front of the site.
REVERSE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "1"))
globals().update(client_address_settings(REVERSE_PROXY_COUNT))

# Logs: JSON lines on standard error, what journald or a log collector reads (config/logs.py).
LOGGING = logging_config(structured=env_bool("LOG_JSON", True), level=LOG_LEVEL)  # noqa: F405

# Error reporting to Sentry (or a compatible service), only when SENTRY_DSN is set; the SDK is
# then needed (`pip install sentry-sdk`), and is not otherwise a dependency.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed (pip install sentry-sdk)."
        ) from error
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # no staff names, addresses or cookies leave the site
        traces_sample_rate=0.0,
    )
