"""The one engine behind both ways in (admin upload, `manage.py import_trade`).

`import_trade_file` reads the file as a stream, validates each row in Python (partners from a
dictionary loaded once, flows, years, numbers), hands valid rows to a writer and keeps only the
errors, never the rows. Then, in the same transaction, the writer finds repeated keys, plans
what is new, updated and unchanged, and writes. Any error, or a dry run, rolls everything back:
the database is left exactly as it was.
"""

import operator
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from partners.models import Partner
from partners.publishing.signals import content_changed

from ..models import ImportBatch, ImportSource, Product, TradeFigure
from . import reading, rules
from .writers import Change, Counts, writer_for_connection

MAX_ERRORS = 1000
MAX_WARNINGS = 100
SAMPLE_SIZE = 100
PROGRESS_EVERY = 20_000
LOCK_KEY = 0x7472616465  # pg_advisory_xact_lock key shared by every trade import ("trade")


@dataclass
class ImportResult:
    file_name: str
    checksum: str = ""
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[rules.Issue] = field(default_factory=list)
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
        return ngettext(
            "%(rows)s row: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.",
            "%(rows)s rows: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.",
            self.rows,
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


class _Abort(Exception):
    """Leave the transaction: errors were found, or this is a dry run."""


def import_trade_file(
    *,
    path: str | Path,
    file_name: str = "",
    user=None,
    source: str = ImportSource.COMMAND,
    dry_run: bool = False,
    writer=None,
    progress: Callable[[float, int], None] | None = None,
    sample_size: int = SAMPLE_SIZE,
) -> ImportResult:
    """Import the trade data file at `path`, all or nothing. Never raises for a bad file:
    its problems are in the result's errors."""
    started = time.monotonic()
    path = Path(path)
    result = ImportResult(file_name=file_name or path.name, dry_run=dry_run)
    writer = writer or writer_for_connection()
    try:
        with transaction.atomic():
            try:
                _run(path, result, writer, user, source, progress, sample_size)
            finally:
                writer.abort()
            if not result.ok or dry_run:
                raise _Abort
            content_changed.send(sender=import_trade_file)
    except _Abort:
        pass
    except reading.FileProblem as problem:
        result.errors = [rules.Issue(problem.line, None, problem.message)]
        result.error_count = 1
    except rules.HeaderProblem as problem:
        result.errors = [rules.Issue(1, None, problem.message)]
        result.error_count = 1
    except IntegrityError:
        result.errors = [
            rules.Issue(
                None,
                None,
                _(
                    "The trade figures changed while the file was being imported (another "
                    "import at the same time?). Nothing was written; import the file again."
                ),
            )
        ]
        result.error_count = 1
    if not result.ok:
        result.created = result.updated = result.unchanged = 0
        result.changes = []
        result.products_created = []
        result.batch = None
    result.seconds = time.monotonic() - started
    if result.batch is not None:
        ImportBatch.objects.filter(pk=result.batch.pk).update(seconds=result.seconds)
        result.batch.seconds = result.seconds
    return result


def _run(path, result, writer, user, source, progress, sample_size):
    with reading.open_table(path) as table:
        result.checksum = table.facts.checksum
        columns = rules.map_header(table.header)
        result.language = columns.language
        result.ignored_columns = columns.unknown
        for name in columns.unknown:
            _warn(
                result,
                _('The column "%(column)s" is not used and was ignored.') % {"column": name},
            )
        validator = _RowValidator(columns, result, text_cells=table.facts.kind == "csv")
        if connection.vendor == "postgresql" and not result.dry_run:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        writer.open()
        add = writer.add
        check = validator.check
        rows = 0
        for line, cells in table.rows:
            rows += 1
            row = check(line, cells)
            if row is not None:
                add(row)
            if progress is not None and not rows % PROGRESS_EVERY:
                progress(table.position(), rows)
        writer.close()
        if progress is not None:
            progress(1.0, rows)
    result.rows = rows
    if rows == 0:
        raise reading.FileProblem(_("The file has a header but no data rows."))
    repeated, repeated_count = writer.duplicates(MAX_ERRORS)
    for line, first_line in repeated:
        validator.error(
            line,
            None,
            _("the same partner, year, flow and product as line %(first)s") % {"first": first_line},
            count=False,
            force=True,
        )
    result.error_count += repeated_count
    validator.finish()
    result.errors.sort(key=lambda issue: (issue.line or 0, validator.order(issue.column)))
    del result.errors[MAX_ERRORS:]
    if not result.ok:
        return
    new_products = validator.create_products(user)
    counts: Counts = writer.plan()
    result.created, result.updated, result.unchanged = (
        counts.created,
        counts.updated,
        counts.unchanged,
    )
    result.changes = _describe(writer.sample(sample_size))
    result.products_created = [product.hs_code for product in new_products]
    _note_same_file(result)
    if result.dry_run or not result.changed:
        if not result.changed:
            # Nothing to write, nothing to record: leave even the new products out.
            result.products_created = []
            raise _Abort
        return
    batch = ImportBatch.objects.create(
        file_name=result.file_name[:255],
        checksum=result.checksum,
        source=source,
        user=user,
        imported_at=timezone.now(),
        rows=result.rows,
        created_count=result.created,
        updated_count=result.updated,
        unchanged_count=result.unchanged,
    )
    batch.products_created.set(new_products)
    writer.write(batch.pk)
    result.batch = batch


def _warn(result: ImportResult, message: str) -> None:
    if len(result.warnings) < MAX_WARNINGS:
        result.warnings.append(message)


def _note_same_file(result: ImportResult) -> None:
    earlier = (
        ImportBatch.objects.filter(checksum=result.checksum, rolled_back_at__isnull=True)
        .order_by("-imported_at")
        .first()
    )
    if earlier is not None:
        _warn(
            result,
            _("The same file was already imported on %(date)s (import #%(batch)s).")
            % {
                "date": timezone.localtime(earlier.imported_at).strftime("%Y-%m-%d %H:%M"),
                "batch": earlier.pk,
            },
        )


def _describe(changes: list[Change]) -> list[dict]:
    partners = dict(
        Partner.objects.filter(pk__in={c.partner_id for c in changes}).values_list("pk", "name")
    )
    return [
        {
            "line": change.line,
            "partner": partners.get(change.partner_id, change.partner_id),
            "year": change.year,
            "flow": change.flow,
            "hs_code": change.hs_code,
            "previous_value": change.previous_value,
            "new_value": change.new_value,
            "status": "new" if change.previous_value is None else "updated",
        }
        for change in changes
    ]


class _RowValidator:
    """Turns a row's cells into a staged row, or records why it cannot be one."""

    CACHE_SIZE = 100_000

    def __init__(self, columns: rules.Columns, result: ImportResult, text_cells: bool = False):
        self.columns = columns
        # Rows already seen valid, by their cells as written (text cells only: an Excel cell's
        # 2016 and 2016.0 are equal keys but need not read the same): (year, partner, flow)
        # cells -> (partner id, year, flow); (HS code, product) cells -> HS code. A row whose
        # cells are all known, with a value of a common shape, skips the full check.
        self.text_cells = text_cells
        self.known_heads: dict[tuple, tuple[int, int, str]] = {}
        self.known_products: dict[object, str] = {}
        self.result = result
        self.partners = rules.PartnerLookup()
        self.products = rules.load_products()
        self.new_labels: dict[str, tuple[str, int]] = {}  # HS code -> (label, first line)
        self.new_codes: dict[str, int] = {}  # HS code -> first line it appears on
        self.label_warned: set[str] = set()
        self.last_year = rules.max_year()
        self.width = columns.width
        index = columns.index
        self.i_year, self.i_partner, self.i_flow, self.i_value = (
            index[rules.YEAR],
            index[rules.PARTNER],
            index[rules.FLOW],
            index[rules.VALUE],
        )
        self.i_code = index.get(rules.HS_CODE)
        self.i_label = index.get(rules.PRODUCT)
        # The cells that key known_heads and known_products.
        self.head_cells = operator.itemgetter(self.i_year, self.i_partner, self.i_flow)
        product = [i for i in (self.i_code, self.i_label) if i is not None]
        self.product_cells = operator.itemgetter(*product) if product else lambda cells: None
        self.required = [
            (self.i_year, columns.names[rules.YEAR]),
            (self.i_partner, columns.names[rules.PARTNER]),
            (self.i_flow, columns.names[rules.FLOW]),
            (self.i_value, columns.names[rules.VALUE]),
        ]
        self.column_order = {name: index[field] for field, name in columns.names.items()}
        # Caches: a file repeats the same few partners, years and flows on every row.
        self.partner_cache: dict = {}
        self.year_cache: dict = {}
        self.flow_cache: dict = {}
        self.code_cache: dict = {}
        self.total_labels: dict[str, bool] = {}  # label -> names the flow's total
        self.labels_checked: set[tuple[str, str]] = set()  # (HS code, label) already seen

    def order(self, column: str | None) -> int:
        return -1 if column is None else self.column_order.get(column, 99)

    def error(self, line, column, message: str, count: bool = True, force: bool = False):
        """Count the error and keep it, up to MAX_ERRORS (those found after the rows, which may
        come earlier in the file, are kept anyway: the list is sorted and cut at the end)."""
        if count:
            self.result.error_count += 1
        if force or len(self.result.errors) < MAX_ERRORS:
            self.result.errors.append(rules.Issue(line, column, message))

    def check(self, line: int, cells: list):
        """The staged row (line, partner id, year, flow, HS code, value), or None after
        recording its errors."""
        if self.text_cells and len(cells) == self.width:
            head = self.known_heads.get(self.head_cells(cells))
            if head is not None:
                code = self.known_products.get(self.product_cells(cells))
                if code is not None:
                    value = rules.plain_value(cells[self.i_value])
                    if value is not None:
                        return (line, *head, code, value)
        row = self._check(line, cells)
        if row is not None and self.text_cells:
            if len(self.known_heads) < self.CACHE_SIZE:
                self.known_heads[self.head_cells(cells)] = row[1:4]
            if len(self.known_products) < self.CACHE_SIZE:
                self.known_products[self.product_cells(cells)] = row[4]
        return row

    def _check(self, line: int, cells: list):
        if len(cells) != self.width and (
            len(cells) < self.width or not reading.is_blank(cells[self.width :])
        ):
            self.error(
                line,
                None,
                _("the row has %(cells)s cells where the header has %(columns)s")
                % {"cells": len(cells), "columns": self.width},
            )
            return None
        ok = True
        for position, name in self.required:
            cell = cells[position]
            if cell is None or (type(cell) is str and not cell.strip()):
                self.error(line, name, _("the cell is empty"))
                ok = False
        if not ok:
            return None
        names = self.columns.names
        year = self._cached(self.year_cache, rules.parse_year, cells[self.i_year], self.last_year)
        partner = self._cached(self.partner_cache, self.partners.find, cells[self.i_partner])
        flow = self._cached(self.flow_cache, rules.parse_flow, cells[self.i_flow])
        try:
            value = rules.parse_value(cells[self.i_value])
        except rules.CellError as error:
            value = error
        code = ""
        if self.i_code is not None:
            raw_code = cells[self.i_code]
            if raw_code is not None and raw_code != "":
                code = self._cached(self.code_cache, rules.parse_hs_code, raw_code) or ""
        label = ""
        if self.i_label is not None:
            raw_label = cells[self.i_label]
            label = "" if raw_label is None else " ".join(str(raw_label).split())
        for outcome, name in (
            (year, rules.YEAR),
            (partner, rules.PARTNER),
            (flow, rules.FLOW),
            (code, rules.HS_CODE),
            (value, rules.VALUE),
        ):
            if isinstance(outcome, rules.CellError):
                self.error(line, names[name], outcome.message)
                ok = False
        if not ok:
            return None
        if code:
            if not self._product(line, code, label):
                return None
        elif label and not self._is_total(label):
            self.error(
                line,
                names.get(rules.HS_CODE, names[rules.PRODUCT]),
                _(
                    '"%(label)s" has no HS code: give the product\'s code, or write "Total" '
                    "(or nothing) as the product of the flow's total"
                )
                % {"label": rules.shown(label)},
            )
            return None
        return (line, partner, year, flow, code, value)

    @staticmethod
    def _cached(cache: dict, parse, cell, *args):
        key = (type(cell), cell)
        try:
            return cache[key]
        except KeyError:
            pass
        try:
            outcome = parse(cell, *args)
        except rules.CellError as error:
            outcome = error
        if len(cache) < 10_000:
            cache[key] = outcome
        return outcome

    def _is_total(self, label: str) -> bool:
        try:
            return self.total_labels[label]
        except KeyError:
            total = rules.normalize(label) in rules.TOTAL_WORDS
            if len(self.total_labels) < 10_000:
                self.total_labels[label] = total
            return total

    def _product(self, line: int, code: str, label: str) -> bool:
        if (code, label) in self.labels_checked:
            return True  # the same pair was checked on an earlier line
        known = self.products.get(code)
        if known is not None:
            if len(self.labels_checked) < 100_000:
                self.labels_checked.add((code, label))
            if (
                label
                and code not in self.label_warned
                and not self._is_total(label)
                and rules.normalize(label)
                not in {rules.normalize(known.label_fr), rules.normalize(known.label_en)}
            ):
                self.label_warned.add(code)
                _warn(
                    self.result,
                    _(
                        'HS code %(code)s: the file calls it "%(label)s"; the stored label '
                        '"%(stored)s" was kept.'
                    )
                    % {
                        "code": code,
                        "label": rules.shown(label),
                        "stored": known.label_fr or known.label_en,
                    },
                )
            return True
        if len(label) > rules.LABEL_MAX_LENGTH:
            self.error(
                line,
                self.columns.names[rules.PRODUCT],
                _("the label is longer than %(max)s characters") % {"max": rules.LABEL_MAX_LENGTH},
            )
            return False
        self.new_codes.setdefault(code, line)
        if len(self.labels_checked) < 100_000:
            self.labels_checked.add((code, label))
        if label and not self._is_total(label):
            first = self.new_labels.get(code)
            if first is None:
                self.new_labels[code] = (label, line)
            elif first[0] != label and code not in self.label_warned:
                self.label_warned.add(code)
                _warn(
                    self.result,
                    _(
                        'HS code %(code)s has several labels in the file; the first, "%(label)s" '
                        "(line %(line)s), was used."
                    )
                    % {"code": code, "label": rules.shown(first[0]), "line": first[1]},
                )
        return True

    def finish(self) -> None:
        """Errors known only at the end of the file: new HS codes that never got a label."""
        for code, line in self.new_codes.items():
            if code not in self.new_labels:
                self.error(
                    line,
                    self.columns.names.get(rules.HS_CODE),
                    _("%(code)s is a new HS code: give its label in the product column")
                    % {"code": code},
                    force=True,
                )

    def create_products(self, user) -> list[Product]:
        """The products the file introduces, labelled in the file's language only."""
        language = self.columns.language
        products = []
        for code in self.new_codes:
            label = self.new_labels[code][0]
            products.append(
                Product(
                    hs_code=code,
                    label=label,
                    label_fr=label if language == "fr" else "",
                    label_en=label if language == "en" else "",
                )
            )
        for product in products:
            product.full_clean(validate_unique=False, validate_constraints=False)
        # In bulk, with their history (who created them: the importing user).
        return bulk_create_with_history(products, Product, batch_size=1000, default_user=user)


@dataclass
class RollbackResult:
    batch: ImportBatch
    deleted: int
    restored: int
    products_deleted: int


class RollbackRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def rollback_batch(*, batch: ImportBatch, user=None) -> RollbackResult:
    """Undo an import: delete the figures it created, put back the values it replaced.

    Refused when the batch is already rolled back, when a later import that is still in place
    changed the same figures (roll that one back first), or when someone changed one of its
    figures since: a rollback must restore exactly what was there, never overwrite newer work.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.rolled_back_at is not None:
        raise RollbackRefused(
            _("This import was already rolled back on %(date)s.")
            % {"date": timezone.localtime(batch.rolled_back_at).strftime("%Y-%m-%d %H:%M")}
        )
    created = TradeFigure.objects.filter(import_batch=batch)
    later = list(
        ImportBatch.objects.filter(
            Q(changes__figure_id__in=created.values("pk"))
            | Q(changes__figure_id__in=batch.changes.values("figure_id")),
            pk__gt=batch.pk,
            rolled_back_at__isnull=True,
        )
        .distinct()
        .order_by("-pk")
        .values_list("pk", "file_name")
    )
    if later:
        raise RollbackRefused(
            _(
                "Later imports changed the same figures; roll them back first, newest first: "
                "%(batches)s."
            )
            % {"batches": ", ".join(f"#{pk} ({name})" for pk, name in later)}
        )
    # A created figure changed by hand no longer carries the batch (TradeFigure.save).
    current = TradeFigure.objects.filter(pk=OuterRef("figure_id")).values("value_cad")[:1]
    intact = batch.changes.annotate(current=Subquery(current)).filter(current=F("new_value"))
    drifted = batch.changes.count() - intact.count() + batch.created_count - created.count()
    if drifted:
        raise RollbackRefused(
            ngettext(
                "%(count)s figure of this import was changed or deleted since; rolling back "
                "would overwrite that work.",
                "%(count)s figures of this import were changed or deleted since; rolling back "
                "would overwrite that work.",
                drifted,
            )
            % {"count": drifted}
        )
    deleted, _detail = created.delete()
    previous = batch.changes.filter(figure_id=OuterRef("pk")).values("previous_value")[:1]
    restored = TradeFigure.objects.filter(pk__in=batch.changes.values("figure_id")).update(
        value_cad=Subquery(previous)
    )
    products_deleted = 0
    for product in batch.products_created.filter(trade_figures__isnull=True):
        product.delete()
        products_deleted += 1
    batch.rolled_back_at = timezone.now()
    batch.rolled_back_by = user
    batch.save(update_fields=["rolled_back_at", "rolled_back_by"])
    content_changed.send(sender=rollback_batch)
    return RollbackResult(batch, deleted, restored, products_deleted)


__all__ = [
    "ImportResult",
    "RollbackRefused",
    "RollbackResult",
    "import_trade_file",
    "rollback_batch",
]
