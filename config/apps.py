from django.contrib.admin.apps import AdminConfig


class MinistryAdminConfig(AdminConfig):
    """Django's admin with the ministry's site (dashboard, staff reports): config/admin.py."""

    default_site = "config.admin.MinistryAdminSite"
