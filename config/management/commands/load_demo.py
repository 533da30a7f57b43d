from django.core.management.base import BaseCommand

from config.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo content drawn from the ministry's public documents, in French and English "
        "(idempotent: a second run changes nothing)."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(load_demo()))
