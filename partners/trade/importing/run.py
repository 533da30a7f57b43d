"""Running an import: the one engine behind both ways in (admin upload, `manage.py import_trade`).

`import_trade_file` reads the file as a stream (reading.py), validates each row in Python
(validation.py: partners from a dictionary loaded once, flows, years, numbers), hands valid rows
to a writer and keeps only the errors, never the rows. Then, in the same transaction, the writer
finds repeated keys, plans what is new, updated and unchanged, and writes. Any error, or a dry
run, rolls everything back: the database is left exactly as it was. A real import tries the
writer's direct path first, in a savepoint, and runs again on the staging path when the writer
cannot finish it (writers.py, NotAllNew).
"""

import time
from collections.abc import Callable
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Partner
from partners.publishing.signals import content_changed

from ..models import ImportBatch, ImportSource
from . import limits as bounds
from . import reading
from .header import HeaderProblem, map_header
from .result import MAX_ERRORS, ImportResult, Issue, warn
from .validation import RowValidator
from .writers import Change, Counts, NotAllNew, RepeatedKeys, writer_for_connection

SAMPLE_SIZE = 100
PROGRESS_EVERY = 20_000
LOCK_KEY = 0x7472616465  # pg_advisory_xact_lock key shared by every trade import ("trade")


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
            _attempt(path, result, writer, user, source, progress, sample_size)
            if not result.ok or dry_run:
                raise _Abort
            content_changed.send(sender=import_trade_file)
    except _Abort:
        pass
    except reading.FileProblem as problem:
        result.errors = [Issue(problem.line, None, problem.message)]
        result.error_count = 1
    except HeaderProblem as problem:
        result.errors = [Issue(1, None, problem.message)]
        result.error_count = 1
    except IntegrityError:
        result.errors = [
            Issue(
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


def _attempt(path, result, writer, user, source, progress, sample_size):
    """A real import tries the writer's direct path first, in a savepoint; when the writer
    cannot finish it (NotAllNew), the import runs again from the start of the file on the
    staging path alone, with a fresh result: the outcome is the one the staging path gives."""
    if not result.dry_run:
        try:
            with transaction.atomic():
                _run(path, result, writer, user, source, progress, sample_size, direct=True)
            return
        except NotAllNew:
            vars(result).update(vars(ImportResult(file_name=result.file_name)))
            writer = type(writer)()
    _run(path, result, writer, user, source, progress, sample_size)


def _run(path, result, writer, user, source, progress, sample_size, direct=False):
    try:
        _read_and_write(path, result, writer, user, source, progress, sample_size, direct)
    finally:
        writer.abort()


def _read_and_write(path, result, writer, user, source, progress, sample_size, direct):
    limit = bounds.limits()
    with reading.open_table(path, limit) as table:
        result.checksum = table.facts.checksum
        columns = map_header(table.header)
        result.language = columns.language
        result.ignored_columns = columns.unknown
        for name in columns.unknown:
            warn(
                result,
                _('The column "%(column)s" is not used and was ignored.') % {"column": name},
            )
        validator = RowValidator(columns, result, text_cells=table.facts.kind == "csv")
        if connection.vendor == "postgresql" and not result.dry_run:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        writer.open(direct=direct, sample=sample_size)
        add = writer.add
        check = validator.check
        rows = 0
        max_rows = limit.rows
        for line, cells in table.rows:
            rows += 1
            if rows > max_rows:
                raise reading.FileProblem(bounds.too_many_rows(limit), line)
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
    validator.finish()
    # A real import of a file with no other error leaves repeated keys to the writer, which
    # finds them while planning and writing (RepeatedKeys), for less than a pass of its own.
    # Errors are sorted below, so the list is the same whichever finds them.
    _repeated_keys(writer, validator, result, defer=result.ok and not result.dry_run)
    if not result.ok:
        return
    new_products = validator.create_products(user, ids=writer.product_ids())
    try:
        counts: Counts = writer.plan()
    except RepeatedKeys:
        _repeated_keys(writer, validator, result)
        return
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
        pk=writer.batch_id,  # reserved by the direct path (its rows name it), else None
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
    try:
        writer.write(batch.pk)
    except RepeatedKeys:
        _repeated_keys(writer, validator, result)
        return
    result.batch = batch


def _repeated_keys(writer, validator, result, defer=False):
    """The errors of the rows that repeat a key (if the writer does not leave them for later),
    then every error in line and column order, the first MAX_ERRORS kept."""
    repeated, repeated_count = writer.duplicates(MAX_ERRORS, defer=defer)
    for line, first_line in repeated:
        validator.error(
            line,
            None,
            _("the same partner, year, flow and product as line %(first)s") % {"first": first_line},
            count=False,
            force=True,
        )
    result.error_count += repeated_count
    result.errors.sort(key=lambda issue: (issue.line or 0, validator.order(issue.column)))
    del result.errors[MAX_ERRORS:]


def _note_same_file(result: ImportResult) -> None:
    earlier = (
        ImportBatch.objects.filter(checksum=result.checksum, rolled_back_at__isnull=True)
        .order_by("-imported_at")
        .first()
    )
    if earlier is not None:
        warn(
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
