import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partners.models import ImportSource
from partners.templatetags.public import percent
from partners.trade.importing import import_trade_file
from partners.trade.importing.result import grouped

BAR_WIDTH = 30
PRODUCTS_LISTED = 20


class Command(BaseCommand):
    help = (
        "Import a yearly trade data file (CSV or .xlsx; see DESIGN.md, “Trade data files”), "
        "all or nothing. The file is streamed; on PostgreSQL, memory stays flat whatever its size."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or .xlsx file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and count what would change, without writing anything.",
        )
        parser.add_argument("--user", help="Record the import as done by this user (a user name).")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the messages (default: %(default)s).",
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            return self._import(options)

    def _import(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_('There is no file at "%(path)s".') % {"path": path})
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get_by_natural_key(options["user"])
            except get_user_model().DoesNotExist as error:
                raise CommandError(
                    _('There is no user "%(name)s".') % {"name": options["user"]}
                ) from error
        progress = self._progress_bar if self.stdout.isatty() else None
        result = import_trade_file(
            path=path,
            user=user,
            source=ImportSource.COMMAND,
            dry_run=options["dry_run"],
            progress=progress,
        )
        if progress is not None:
            self.stdout.write("")
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))
        if not result.ok:
            for issue in result.errors:
                self.stderr.write(str(issue))
            if result.error_count > len(result.errors):
                more = result.error_count - len(result.errors)
                self.stderr.write(
                    ngettext("… and %(count)s more error.", "… and %(count)s more errors.", more)
                    % {"count": grouped(more)}
                )
            raise CommandError(result.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(result.summary()))
        speed = round(result.rows_per_second)
        self.stdout.write(
            ngettext(
                "%(seconds)s s, %(speed)s row per second.",
                "%(seconds)s s, %(speed)s rows per second.",
                speed,
            )
            % {
                "seconds": number_format(result.seconds, decimal_pos=1),
                "speed": grouped(speed),
            }
        )
        if result.products_created:
            codes = result.products_created
            listed = ", ".join(codes[:PRODUCTS_LISTED])
            if len(codes) > PRODUCTS_LISTED:
                listed += " " + _("and %(count)s more") % {"count": len(codes) - PRODUCTS_LISTED}
            self.stdout.write(_("New products: %(codes)s.") % {"codes": listed})
        if result.batch is not None:
            self.stdout.write(_("Recorded as import #%(batch)s.") % {"batch": result.batch.pk})

    def _progress_bar(self, fraction: float, rows: int) -> None:
        """The bar, the share done and the rows read, as the user's language writes them
        (" 45 %  45 000 lignes" / " 45%  45,000 rows")."""
        done = int(fraction * BAR_WIDTH)
        bar = "█" * done + "·" * (BAR_WIDTH - done)
        share = percent(fraction, 0).rjust(len(percent(1, 0)))
        read = ngettext("%(count)s row", "%(count)s rows", rows) % {"count": grouped(rows)}
        self.stdout.write(f"\r{bar} {share}  {read}", ending="")
        sys.stdout.flush()
