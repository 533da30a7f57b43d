"""The site's system checks (registered by config.apps.SiteConfig.ready)."""

from axes.middleware import AxesMiddleware
from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string


@checks.register(checks.Tags.security)
def axes_middleware_check(app_configs, **kwargs):
    """django-axes' own check (axes.W002, silenced in settings) wants its class by name in
    MIDDLEWARE; this one accepts the site's subclass (config.middleware.AxesMiddleware)."""
    for path in settings.MIDDLEWARE:
        middleware = import_string(path)
        if isinstance(middleware, type) and issubclass(middleware, AxesMiddleware):
            return []
    return [
        checks.Warning(
            "Neither django-axes' AxesMiddleware nor a subclass of it is in MIDDLEWARE: a "
            "locked-out login would not get the lockout page.",
            id="config.W001",
        )
    ]
