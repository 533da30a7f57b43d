"""What the import and rollback say, in both languages, each count with its own plural."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from partners.trade.admin import rollback_message
from partners.trade.importing import ImportResult
from partners.trade.importing.rollback import RollbackResult

from .conftest import FILES


def counts(language, rows, created, updated, unchanged):
    result = ImportResult(
        file_name="f.csv", rows=rows, created=created, updated=updated, unchanged=unchanged
    )
    with translation.override(language):
        return result.counts()


@pytest.mark.parametrize(
    ("numbers", "english", "french"),
    [
        (
            (0, 0, 0, 0),
            "0 rows: 0 new, 0 updated, 0 unchanged.",
            "0 ligne\u00a0: 0 nouvelle, 0 mise à jour, 0 inchangée.",
        ),
        (
            (1, 1, 0, 0),
            "1 row: 1 new, 0 updated, 0 unchanged.",
            "1 ligne\u00a0: 1 nouvelle, 0 mise à jour, 0 inchangée.",
        ),
        (
            (6, 2, 2, 2),
            "6 rows: 2 new, 2 updated, 2 unchanged.",
            "6 lignes\u00a0: 2 nouvelles, 2 mises à jour, 2 inchangées.",
        ),
        (
            (45000, 45000, 1, 0),
            "45,000 rows: 45,000 new, 1 updated, 0 unchanged.",
            "45\u00a0000 lignes\u00a0: 45\u00a0000 nouvelles, 1 mise à jour, 0 inchangée.",
        ),
    ],
)
def test_import_counts(numbers, english, french):
    assert counts("en", *numbers) == english
    assert counts("fr", *numbers) == french


def rolled_back(language, deleted, restored, products):
    with translation.override(language):
        return rollback_message(
            RollbackResult(
                batch=None, deleted=deleted, restored=restored, products_deleted=products
            )
        )


@pytest.mark.parametrize(
    ("numbers", "english", "french"),
    [
        (
            (0, 0, 0),
            "Import rolled back: 0 figures deleted, 0 restored to their previous value, "
            "0 products removed.",
            "Importation annulée\u00a0: 0 donnée supprimée, 0 remise à sa valeur précédente, "
            "0 produit retiré.",
        ),
        (
            (1, 1, 1),
            "Import rolled back: 1 figure deleted, 1 restored to its previous value, "
            "1 product removed.",
            "Importation annulée\u00a0: 1 donnée supprimée, 1 remise à sa valeur précédente, "
            "1 produit retiré.",
        ),
        (
            (2, 2, 2),
            "Import rolled back: 2 figures deleted, 2 restored to their previous value, "
            "2 products removed.",
            "Importation annulée\u00a0: 2 données supprimées, 2 remises à leur valeur "
            "précédente, 2 produits retirés.",
        ),
    ],
)
def test_rollback_message(numbers, english, french):
    assert rolled_back("en", *numbers) == english
    assert rolled_back("fr", *numbers) == french


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.django_db
@pytest.mark.usefixtures("countries")
@pytest.mark.parametrize(
    ("language", "last_frame", "speed"),
    [
        ("en", "█" * 30 + " 100%  2 rows", r"\d+\.\d s, [\d,]+ rows? per second\."),
        (
            "fr",
            "█" * 30 + " 100\u00a0%  2 lignes",
            r"\d+,\d s, [\d\u00a0]+ lignes? par seconde\.",
        ),
    ],
)
def test_the_progress_bar_and_the_rate_speak_the_users_language(language, last_frame, speed):
    out = Terminal()

    call_command("import_trade", str(FILES / "design_fr.csv"), "--language", language, stdout=out)

    frames = out.getvalue().split("\r")
    assert frames[-1].splitlines()[0] == last_frame
    assert re.fullmatch(speed, frames[-1].splitlines()[2])


def test_a_batch_is_named_by_its_local_time():
    from datetime import UTC, datetime

    from partners.models import ImportBatch

    batch = ImportBatch(
        file_name="exports.csv", imported_at=datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
    )

    assert str(batch) == "exports.csv (2026-11-23 10:30)"
