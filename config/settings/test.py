"""Tests: fast hashing, in-memory e-mail, plain static storage, no debug."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Serve static files from the app and project folders, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Django's test client logs in without a request, which django-axes refuses; the lockout tests
# put the production list of backends back.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

# Pages are built afresh in tests (query counts mean something); the cache's own tests turn it on.
PAGE_CACHE_SECONDS = 0
# A test's transaction never commits, so the topics' versions never move: the filters' choices
# are read each time, except in the tests that commit (tests/partners/publishing/test_fragments.py).
FRAGMENT_VERSIONS = False
# For the same reason the selectors' results are computed each time, except in the tests that
# commit (tests/config/test_cache_results.py).
RESULT_CACHE_SECONDS = 0

# Warnings and errors only on standard error while the tests run (pytest's caplog sees all).
LOGGING = logging_config(structured=False, level="WARNING")  # noqa: F405
