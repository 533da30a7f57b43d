"""Production settings served over plain HTTP on loopback, for the load benchmark (bench/load.py).

Everything that matters for speed is production's: DEBUG off, manifest static files, templates
cached, the same middleware. Only what needs TLS is relaxed, and the benchmark's reference view
is added to the URLs.
"""

from .production import *  # noqa: F403

ROOT_URLCONF = "config.urls_bench"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
