from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class MinistryAdminConfig(AdminConfig):
    """Django's admin with the ministry's site (dashboard, staff reports): config/admin.py."""

    default_site = "config.admin.MinistryAdminSite"


class SiteConfig(AppConfig):
    """What spans every app: the staff dashboard and reports, the audit trail, the cross-record
    search, the sitemaps, the page cache, backups, and the demo and benchmark data. It sits above
    the domain apps; they never import it (docs/architecture.md)."""

    name = "config"
    verbose_name = _("Site")

    def ready(self):
        from partners.publishing import fragments, results

        from . import (
            admin_audit,  # noqa: F401  (registers the audit trail)
            checks,  # noqa: F401  (registers the site's system checks)
        )
        from .cache import connect_invalidation, fragment_versions, page_versions

        connect_invalidation()
        # The filters' choices are kept by the versions the page cache keeps, and the composite
        # pages' selector results by the versions their page holds.
        fragments.register_version_source(fragment_versions)
        results.register_version_source(page_versions)
