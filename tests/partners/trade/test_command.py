"""`manage.py import_trade FILE [--dry-run]`: the engine on the command line."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partners.models import ImportBatch, ImportSource, Partner, Product, TradeFigure

from .conftest import FILES

pytestmark = [pytest.mark.django_db, pytest.mark.english]


def import_trade(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_trade", *map(str, args), "--language", "en", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_a_summary_and_records_the_batch(countries, publisher):
    out, err = import_trade(FILES / "windows_1252_fr.csv", "--user", "publisher")

    lines = out.splitlines()
    assert lines[0] == 'The column "Remarque" is not used and was ignored.'
    assert lines[1] == "6 rows: 6 new, 0 updated, 0 unchanged."
    assert re.fullmatch(r"\d+\.\d s, [\d,]+ rows per second\.", lines[2])
    assert lines[3] == "New products: 0203, 8802."
    batch = ImportBatch.objects.get()
    assert lines[4] == f"Recorded as import #{batch.pk}."
    assert (batch.user, batch.source, batch.created_count) == (publisher, ImportSource.COMMAND, 6)
    assert err == ""
    # No progress bar when the output is not a terminal.
    assert "\r" not in out


def test_dry_run_writes_nothing(countries):
    out, _err = import_trade(FILES / "design_fr.csv", "--dry-run")

    assert out.splitlines()[0] == "Dry run, nothing written. 2 rows: 2 new, 0 updated, 0 unchanged."
    assert TradeFigure.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_errors_go_to_stderr_and_the_exit_status_is_not_zero(countries):
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command(
            "import_trade",
            str(FILES / "bad_negative.csv"),
            "--language",
            "en",
            stdout=out,
            stderr=err,
        )

    assert failure.value.returncode == 1
    assert str(failure.value) == "The import failed with 1 error; nothing was written."
    assert err.getvalue() == 'line 3, column "Valeur ($ CA)": "-12" is negative\n'
    assert TradeFigure.objects.count() == 0


def test_a_missing_file_or_user_is_a_clear_error(countries, tmp_path):
    with pytest.raises(CommandError, match=r'There is no file at ".*nowhere\.csv"\.'):
        import_trade(tmp_path / "nowhere.csv")
    with pytest.raises(CommandError, match=r'There is no user "ghost"\.'):
        import_trade(FILES / "design_fr.csv", "--user", "ghost")


def test_progress_bar_on_a_terminal(countries, tmp_path):
    codes = list(Partner.objects.values_list("iso_code", flat=True))
    path = tmp_path / "long.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("year,partner,flow,value\n")
        rows = ((code, year, flow) for year in range(1926, 2026) for code in codes for flow in "XM")
        for _row, (code, year, flow) in zip(range(45_000), rows, strict=False):
            handle.write(f"{year},{code},{flow},1\n")

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    call_command("import_trade", str(path), "--dry-run", "--language", "en", stdout=out)

    frames = out.getvalue().split("\r")
    assert frames[1].endswith(" 20,000 rows")
    assert frames[2].endswith(" 40,000 rows")
    assert frames[3].splitlines()[:2] == [
        "█" * 30 + " 100%  45,000 rows",
        "Dry run, nothing written. 45,000 rows: 45,000 new, 0 updated, 0 unchanged.",
    ]


def test_a_long_list_of_new_products_is_cut(countries, tmp_path):
    path = tmp_path / "products.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("year,partner,flow,hs_code,product,value\n")
        for number in range(25):
            handle.write(f"2016,CN,export,{1000 + number},Product {number},{number}\n")

    out, _err = import_trade(path)

    assert out.splitlines()[2] == (
        "New products: " + ", ".join(str(1000 + n) for n in range(20)) + " and 5 more."
    )
    assert Product.objects.count() == 25
