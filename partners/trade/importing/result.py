"""What an import reports: its counts, its errors and warnings, in the active language."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext

from ..models import ImportBatch

MAX_ERRORS = 1000
MAX_WARNINGS = 100


@dataclass(frozen=True)
class Issue:
    """One thing wrong with the file: where (line, column as written in the header) and why."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        if self.column is None:
            return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return _('line %(line)s, column "%(column)s": %(message)s') % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    file_name: str
    checksum: str = ""
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[Issue] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    products_created: list[str] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    language: str = ""
    batch: ImportBatch | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def changed(self) -> int:
        return self.created + self.updated

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        """One sentence in the active language, for the command line and the admin."""
        if not self.ok:
            return ngettext(
                "The import failed with %(count)s error; nothing was written.",
                "The import failed with %(count)s errors; nothing was written.",
                self.error_count,
            ) % {"count": self.error_count}
        if not self.changed:
            return (
                _("Nothing to change: every row is already in the database.") + " " + self.counts()
            )
        if self.dry_run:
            return _("Dry run, nothing written.") + " " + self.counts()
        return self.counts()

    def counts(self) -> str:
        """ "6 rows: 6 new, 0 updated, 0 unchanged." with each count's own plural (in French
        "6 lignes : 6 nouvelles, 0 mise à jour, 0 inchangée") and grouped digits."""
        return _("%(rows)s: %(created)s, %(updated)s, %(unchanged)s.") % {
            "rows": ngettext("%(count)s row", "%(count)s rows", self.rows)
            % {"count": grouped(self.rows)},
            "created": npgettext(
                "trade import rows", "%(count)s new", "%(count)s new", self.created
            )
            % {"count": grouped(self.created)},
            "updated": npgettext(
                "trade import rows", "%(count)s updated", "%(count)s updated", self.updated
            )
            % {"count": grouped(self.updated)},
            "unchanged": npgettext(
                "trade import rows", "%(count)s unchanged", "%(count)s unchanged", self.unchanged
            )
            % {"count": grouped(self.unchanged)},
        }


def grouped(count: int) -> str:
    """A count with the page's language's digit grouping (45,000 / 45 000)."""
    return number_format(count, force_grouping=True)


def warn(result: ImportResult, message: str) -> None:
    if len(result.warnings) < MAX_WARNINGS:
        result.warnings.append(message)
