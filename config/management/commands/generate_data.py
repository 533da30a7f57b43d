import time

from django.core.management.base import BaseCommand, CommandError

from config.demo.generate import clear_generated, generate


class Command(BaseCommand):
    help = (
        "Fill the database with realistic bilingual records for benchmarks "
        "(bulk writes, repeatable with --seed). Never run by `make run`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, default=10_000)
        parser.add_argument("--missions", type=int, default=2_000)
        parser.add_argument("--trade-rows", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument(
            "--clear", action="store_true", help="Only remove previously generated records."
        )

    def handle(self, *args, **options):
        if options["clear"]:
            clear_generated()
            self.stdout.write("Generated records removed.")
            return
        started = time.monotonic()
        try:
            result = generate(
                agreements=options["agreements"],
                missions=options["missions"],
                trade_rows=options["trade_rows"],
                seed=options["seed"],
                progress=lambda message: self.stdout.write(message),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Generated {result.agreements} agreements ({result.events} events), "
            f"{result.missions} missions and {result.trade_rows} trade rows "
            f"in {time.monotonic() - started:.1f} s."
        )
