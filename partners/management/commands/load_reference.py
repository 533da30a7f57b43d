from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from partners.reference import sync_reference_countries


class Command(BaseCommand):
    help = "Create every ISO 3166-1 country as a reference partner (idempotent)."

    def handle(self, *args, **options):
        result = sync_reference_countries()
        self.stdout.write(
            _(
                "Reference countries: %(created)d created, %(updated)d updated, %(unchanged)d unchanged."
            )
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
