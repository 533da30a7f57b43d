from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from config.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format on PostgreSQL, a copy on SQLite) and the "
        "uploaded files (MEDIA_ROOT) in one archive that only its owner can read."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="File to write (default: backups/<time>)")

    def handle(self, *args, output=None, **options):
        path = output or Path("backups") / timezone.now().strftime("%Y%m%d-%H%M%S.backup")
        try:
            backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup of the database and the files written to {path}")
