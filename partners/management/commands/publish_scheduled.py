from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partners.publishing.services import publish_due


class Command(BaseCommand):
    help = "Publish the records whose scheduled time has come. Run it from cron; idempotent."

    def handle(self, *args, **options):
        published = publish_due()
        for record in published:
            self.stdout.write(
                _("Published: %(kind)s “%(record)s”")
                % {"kind": record._meta.verbose_name, "record": record}
            )
        self.stdout.write(
            ngettext(
                "Published %(count)d scheduled record.",
                "Published %(count)d scheduled records.",
                len(published),
            )
            % {"count": len(published)}
        )
