from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database's content and the uploaded files with a backup made by "
        "`manage.py backup`, then empty the page cache."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation")

    def handle(self, *args, file, no_input=False, **options):
        if not no_input:
            answer = input(
                f"Replace the whole database and the files with {file}? Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Database and files restored from {file}")
