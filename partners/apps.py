from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners and trade")

    def ready(self):
        from django.db.backends.signals import connection_created

        from partners.publishing.language import (
            register_sqlite_collations,
            share_multilingual_queryset_classes,
        )
        from partners.publishing.search import register_sqlite_unaccent

        share_multilingual_queryset_classes()

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="sqlite-unaccent")
        connection_created.connect(register_sqlite_collations, dispatch_uid="sqlite-collations")
