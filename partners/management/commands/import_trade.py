import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from partners.models import ImportSource
from partners.trade.importing import import_trade_file

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
                self.stderr.write(
                    _("… and %(count)s more errors.")
                    % {"count": result.error_count - len(result.errors)}
                )
            raise CommandError(result.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(result.summary()))
        self.stdout.write(
            _("%(seconds).1f s, %(speed)s rows per second.")
            % {"seconds": result.seconds, "speed": f"{result.rows_per_second:,.0f}"}
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
        done = int(fraction * BAR_WIDTH)
        bar = "█" * done + "·" * (BAR_WIDTH - done)
        self.stdout.write(f"\r{bar} {fraction:4.0%}  {rows:,} rows", ending="")
        sys.stdout.flush()
