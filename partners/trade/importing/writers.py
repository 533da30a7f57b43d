"""Where validated rows go until the import is decided, and how they are written.

Two writers with the same interface and the same results:

- PostgresWriter streams rows with COPY into a temporary staging table and does the rest in
  set-based SQL (duplicate keys, the plan of new/updated/unchanged rows, the writes and the
  change records of updated figures; created figures carry the batch in a column). Memory
  stays flat whatever the size of the file.

  A real import first takes the direct path: rows go by COPY straight into the trade table,
  with the batch's id reserved and the ids of new products too, as long as no figure exists
  for their partner and year. At the first row whose partner and year hold figures, the rest
  of the file goes to the staging path, the rows already written staying where they are. When
  the direct rows cannot stand (a key repeated in the file, or met again after the switch, or
  anything else the trade table refuses), the writer raises NotAllNew and the run starts
  again, from a savepoint, on the staging path alone: the results are the same either way.
- GenericWriter (SQLite, the newcomer's database) keeps the rows in memory and writes them with
  bulk_create/bulk_update.

Both run inside the caller's transaction: nothing they do survives a rollback.
"""

import contextlib
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, connection, transaction

from ..models import ImportBatchChange, TradeFigure

# A staged row: line, partner id, year, flow, HS code ("" for the total), value (a Decimal, or
# the digits of one as text).
Row = tuple[int, int, int, str, str, Decimal | str]
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Counts:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class Change:
    """A row that will create or update a figure (for the preview)."""

    line: int
    partner_id: int
    year: int
    flow: str
    hs_code: str
    previous_value: Decimal | None
    new_value: Decimal


class NotAllNew(Exception):
    """The direct path cannot finish this import (the trade table refused a row, or a row
    repeats a key written directly): roll back to the savepoint around the attempt and run the
    import again on the staging path, which reports and handles everything as it always has."""


class RepeatedKeys(Exception):
    """Rows of the file repeat a key, found while planning or writing (duplicates() was told
    to leave the check to them): ask duplicates() for the lines."""


def writer_for_connection():
    return PostgresWriter() if connection.vendor == "postgresql" else GenericWriter()


class PostgresWriter:
    STAGING = "trade_import_staging"
    PLAN = "trade_import_plan"
    FLUSH_ROWS = 4096
    # Product ids reserved at a time for the new HS codes of a direct import (doubled each
    # time): a reservation ends the COPY under way, and unused ids are gaps in the sequence.
    PRODUCT_IDS = 32

    # Memory for the sorts and hashes over the whole file (duplicate keys, the plan), for this
    # transaction only: with the default 4 MB, a million rows spill to disk.
    WORK_MEM = "128MB"

    def open(self, *, direct: bool = False, sample: int = 0) -> None:
        """Start taking rows. `direct` (a real import, under the import lock): try the direct
        path first; `sample`: how many of its first rows to keep for the preview."""
        self.cursor = connection.cursor()
        self.cursor.execute("SELECT set_config('work_mem', %s, true)", [self.WORK_MEM])
        self.deferred = False
        self.batch_id: int | None = None  # reserved by the direct path
        self.path = "staging"  # or "direct", "direct, then staging"
        self.direct_rows = 0
        self._copy_context = None
        if direct:
            self._open_direct(sample)
        else:
            self._open_staging()

    def _open_staging(self) -> None:
        self._open_staging_table()
        self._buffer: list[str] = []
        self.add = self._adder()

    def _open_staging_table(self) -> None:
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.STAGING}")
        self.cursor.execute(
            f"CREATE TEMP TABLE {self.STAGING} ("
            " line integer NOT NULL, partner_id bigint NOT NULL, year smallint NOT NULL,"
            " flow varchar(6) NOT NULL, hs_code varchar(12) NOT NULL,"
            " value_cad numeric(18, 2) NOT NULL"
            ") ON COMMIT DROP"
        )
        self._copy_context = self.cursor.cursor.copy(
            f"COPY {self.STAGING} (line, partner_id, year, flow, hs_code, value_cad) FROM STDIN"
        )
        self._copy = self._copy_context.__enter__()

    # --- The direct path ----------------------------------------------------------------------

    def _open_direct(self, sample: int) -> None:
        self.path = "direct"
        self.cursor.execute("SELECT nextval(pg_get_serial_sequence('partners_importbatch', 'id'))")
        self.batch_id = self.cursor.fetchone()[0]
        # The partners and years that already hold figures: a row of one of them may replace a
        # figure, which is the staging path's work.
        self.cursor.execute("SELECT DISTINCT partner_id, year FROM partners_tradefigure")
        self._held: dict[int, set[int]] = {}
        for partner_id, year in self.cursor.fetchall():
            self._held.setdefault(partner_id, set()).add(year)
        self.cursor.execute("SELECT hs_code, id FROM partners_product")
        self._product_ids = _ProductIds(
            self, {code: str(pk) for code, pk in self.cursor.fetchall()}
        )
        self._reserved: dict[str, int] = {}  # new HS code -> the product id it will get
        self._spare_ids: list[int] = []
        self._reserve_size = self.PRODUCT_IDS
        self._sample_size = sample
        self._first: list[Row] = []  # the first rows written directly, for the preview
        self._line = "%d\t%d\t%s\t%s\t%s\t" + str(self.batch_id) + "\n"
        self._start_direct_copy()
        self._rows: list[Row] = []
        rows, append, flush_rows, flush = (
            self._rows,
            self._rows.append,
            self.FLUSH_ROWS,
            self._flush_direct,
        )

        def add(row: Row) -> None:
            append(row)
            if len(rows) >= flush_rows:
                flush()

        self.add = add

    def _start_direct_copy(self) -> None:
        self._copy_context = self.cursor.cursor.copy(
            "COPY partners_tradefigure (partner_id, year, flow, product_id, value_cad,"
            " import_batch_id) FROM STDIN"
        )
        self._copy = self._copy_context.__enter__()

    def _end_copy(self) -> None:
        """Finish the COPY under way; NotAllNew when the table refused a directly written row
        (the staging COPY's rows are refused by nothing but a broken file, as before)."""
        import psycopg

        context, self._copy_context = self._copy_context, None
        try:
            context.__exit__(None, None, None)
        except psycopg.IntegrityError as error:
            if self.path == "direct":
                raise NotAllNew from error
            raise

    def _flush_direct(self) -> None:
        rows = self._rows
        if not rows:
            return
        if self.path != "direct":  # switched: the rest of the file goes to staging
            self._copy.write("".join(["%d\t%d\t%d\t%s\t%s\t%s\n" % row for row in rows]))  # noqa: UP031
            rows.clear()
            return
        held = self._held
        split = len(rows)
        if held:
            for index, row in enumerate(rows):
                years = held.get(row[1])
                if years is not None and row[2] in years:
                    split = index
                    break
        direct = rows[:split] if split < len(rows) else rows
        if len(self._first) < self._sample_size:
            self._first.extend(direct[: self._sample_size - len(self._first)])
        if direct:
            line, products = self._line, self._product_ids
            text = "".join(
                [
                    line % (partner_id, year, flow, products[code], value)
                    for _line, partner_id, year, flow, code, value in direct
                ]
            )
            self._write_direct(text)
            self.direct_rows += len(direct)
        rest = rows[split:]
        rows.clear()
        if rest:
            self._switch()
            rows.extend(rest)
            self._flush_direct()

    def _write_direct(self, text: str) -> None:
        import psycopg

        try:
            self._copy.write(text)
        except psycopg.IntegrityError as error:
            self.abort()
            raise NotAllNew from error

    def _reserve(self, code: str) -> str:
        """The id the new product `code` will get: the COPY under way is ended to ask the
        sequence (the rows formatted so far are written after)."""
        if not self._spare_ids:
            self._end_copy()
            self.cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('partners_product', 'id'))"
                " FROM generate_series(1, %s)",
                [self._reserve_size],
            )
            self._spare_ids = [pk for (pk,) in self.cursor.fetchall()]
            self._spare_ids.reverse()
            self._reserve_size *= 2
            self._start_direct_copy()
        self._reserved[code] = self._spare_ids.pop()
        return str(self._reserved[code])

    def _switch(self) -> None:
        """From the direct path to the staging path, for the rest of the file."""
        self._end_copy()
        self.path = "direct, then staging"
        self._open_staging_table()

    def product_ids(self) -> dict[str, int]:
        """The ids reserved for the file's new HS codes: the products must be created with
        them (the figures written directly already name them)."""
        return dict(getattr(self, "_reserved", {}))

    def _adder(self):
        """add(row), with what it uses on every row bound once."""
        buffer, append, write, flush_rows = (
            self._buffer,
            self._buffer.append,
            self._copy.write,
            self.FLUSH_ROWS,
        )

        def add(row: Row) -> None:
            # Every field is validated: digits, a flow word, an HS code of digits; no tab or
            # newline.
            append("%d\t%d\t%d\t%s\t%s\t%s\n" % row)  # noqa: UP031 (fastest)
            if len(buffer) >= flush_rows:
                write("".join(buffer))
                buffer.clear()

        return add

    def close(self) -> None:
        if self.path == "staging":
            if self._buffer:
                self._copy.write("".join(self._buffer))
                self._buffer.clear()
        else:
            self._flush_direct()
        self._end_copy()
        if self.path != "direct":
            self.cursor.execute(f"ANALYZE {self.STAGING}")

    def abort(self) -> None:
        """Stop a COPY under way (the file turned out unreadable half-way)."""
        if getattr(self, "_copy_context", None) is not None:
            # Leaving the COPY with an exception cancels it; the transaction rolls back anyway.
            with contextlib.suppress(Exception):
                self._copy_context.__exit__(RuntimeError, RuntimeError("aborted"), None)
            self._copy_context = None

    def duplicates(self, cap: int, defer: bool = False) -> tuple[list[tuple[int, int]], int]:
        """(line, first line with the same key) for each repeated key, and how many in all.

        With `defer` (a real import of a file with no other error), nothing is looked for
        here, and nothing found: plan() and write() find repeated keys on their way, for less
        than this pass over every staged row, and raise RepeatedKeys. Rows that repeat a key
        match the same figure, or are new rows that write() cannot insert side by side (the
        trade table's unique keys)."""
        if self.path == "direct":
            return [], 0  # the trade table's unique keys took every row: none repeats another
        if defer:
            self.deferred = True
            return [], 0
        if self.path != "staging":
            # Some rows were written directly: a staged row may repeat one of their keys, whose
            # line is not kept. The file has errors anyway; the staging path alone lists them.
            raise NotAllNew
        return self._staged_duplicates(cap)

    def _staged_duplicates(self, cap: int) -> tuple[list[tuple[int, int]], int]:
        self.cursor.execute(
            f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {self.STAGING}"
            " GROUP BY partner_id, year, flow, hs_code HAVING count(*) > 1) AS repeated"
        )
        total = int(self.cursor.fetchone()[0])
        if not total:
            return [], 0
        self.cursor.execute(
            f"SELECT line, first_line FROM (SELECT line, min(line) OVER (PARTITION BY"
            f" partner_id, year, flow, hs_code) AS first_line FROM {self.STAGING}) AS keyed"
            " WHERE line <> first_line ORDER BY line LIMIT %s",
            [cap],
        )
        return [(line, first) for line, first in self.cursor.fetchall()], total

    def plan(self) -> Counts:
        """Match every row with the figure it would replace; count new, updated, unchanged.
        Raises RepeatedKeys when rows match the same figure and the check was deferred."""
        if self.path == "direct":
            return Counts(self.direct_rows, 0, 0)
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.PLAN}")
        self.cursor.execute(
            f"CREATE TEMP TABLE {self.PLAN} ON COMMIT DROP AS"
            " SELECT s.line, s.partner_id, s.year, s.flow, s.hs_code, p.id AS product_id,"
            " s.value_cad, f.id AS figure_id, f.value_cad AS old_value,"
            " f.import_batch_id AS figure_batch"
            f" FROM {self.STAGING} s"
            " LEFT JOIN partners_product p ON p.hs_code = s.hs_code"
            " LEFT JOIN partners_tradefigure f ON f.partner_id = s.partner_id"
            " AND f.year = s.year AND f.flow = s.flow"
            " AND coalesce(f.product_id, 0) = coalesce(p.id, 0)"
        )
        self.cursor.execute(
            "SELECT count(*) FILTER (WHERE figure_id IS NULL),"
            " count(*) FILTER (WHERE old_value <> value_cad),"
            " count(*) FILTER (WHERE old_value = value_cad),"
            + (" count(figure_id) - count(DISTINCT figure_id)," if self.deferred else " 0,")
            # A staged row with the key of a row written directly, before the switch.
            + (" count(*) FILTER (WHERE figure_batch = %s)" if self.batch_id else " 0")
            + f" FROM {self.PLAN}",
            [self.batch_id] if self.batch_id else [],
        )
        created, updated, unchanged, repeated, direct_again = self.cursor.fetchone()
        if direct_again:
            raise NotAllNew
        if repeated:
            raise RepeatedKeys
        return Counts(created + self.direct_rows, updated, unchanged)

    def sample(self, limit: int) -> list[Change]:
        first = []
        if self.path != "staging":
            # The rows written directly come first in the file, and are all new.
            first = [
                Change(line, partner_id, year, flow, code, None, _cents(value))
                for line, partner_id, year, flow, code, value in self._first[:limit]
            ]
            if self.path == "direct" or len(first) >= limit:
                return first
            limit -= len(first)
        self.cursor.execute(
            "SELECT line, partner_id, year, flow, hs_code, old_value, value_cad"
            f" FROM {self.PLAN} WHERE figure_id IS NULL OR old_value <> value_cad"
            " ORDER BY line LIMIT %s",
            [limit],
        )
        return first + [Change(*row) for row in self.cursor.fetchall()]

    def write(self, batch_id: int) -> None:
        """Raises RepeatedKeys when new rows repeat a key and the check was deferred."""
        if self.batch_id is not None and batch_id != self.batch_id:
            raise ValueError("the rows written directly name the reserved batch")
        if self.path == "direct":
            return  # written already
        try:
            with transaction.atomic():  # a savepoint: the staged rows stay, for duplicates()
                self._write(batch_id)
        except IntegrityError:
            if self.deferred and self._staged_duplicates(1)[1]:
                raise RepeatedKeys from None
            raise  # not the file's doing: the figures changed under the import

    def _write(self, batch_id: int) -> None:
        self.cursor.execute(
            "WITH changed AS (UPDATE partners_tradefigure f SET value_cad = p.value_cad"
            f" FROM {self.PLAN} p WHERE f.id = p.figure_id AND p.old_value <> p.value_cad"
            " RETURNING f.id, p.old_value, p.value_cad)"
            " INSERT INTO partners_importbatchchange"
            " (batch_id, figure_id, previous_value, new_value)"
            " SELECT %s, id, old_value, value_cad FROM changed",
            [batch_id],
        )
        # In key order: the unique index then grows at its end, not at random places.
        self.cursor.execute(
            "INSERT INTO partners_tradefigure"
            " (partner_id, year, flow, product_id, value_cad, import_batch_id)"
            " SELECT partner_id, year, flow, product_id, value_cad, %s"
            f" FROM {self.PLAN} WHERE figure_id IS NULL"
            " ORDER BY partner_id, year, flow, product_id",
            [batch_id],
        )


def _cents(value: Decimal | str) -> Decimal:
    """A staged value as the database keeps it (numeric(18, 2)); validated values have at most
    two decimals."""
    return Decimal(value).quantize(CENT)


class _ProductIds(dict):
    """HS code -> the product id as COPY text (NULL for the flow's total); a new code gets the
    id reserved for it."""

    def __init__(self, writer: "PostgresWriter", known: dict[str, str]):
        super().__init__(known)
        self[""] = "\\N"
        self.writer = writer

    def __missing__(self, code: str) -> str:
        self[code] = pk = self.writer._reserve(code)
        return pk


class GenericWriter:
    BATCH_SIZE = 500
    batch_id = None  # never reserved: the batch gets its id when created

    def open(self, *, direct: bool = False, sample: int = 0) -> None:
        # Always the same path: rows kept in memory, written by the ORM.
        self.rows: dict[tuple, tuple[int, Decimal]] = {}
        self.repeated: list[tuple[int, int]] = []

    def add(self, row: Row) -> None:
        line, partner_id, year, flow, hs_code, value = row
        if type(value) is str:  # a common shape, read as text (rules.plain_value)
            value = Decimal(value).quantize(CENT)
        key = (partner_id, year, flow, hs_code)
        first = self.rows.get(key)
        if first is None:
            self.rows[key] = (line, value)
        else:
            self.repeated.append((line, first[0]))

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass

    def product_ids(self) -> dict[str, int]:
        return {}

    def duplicates(self, cap: int, defer: bool = False) -> tuple[list[tuple[int, int]], int]:
        # Found as the rows were added, for nothing more: never deferred.
        return sorted(self.repeated)[:cap], len(self.repeated)

    def plan(self) -> Counts:
        from ..models import Product

        products = dict(Product.objects.values_list("hs_code", "pk"))
        partners = {key[0] for key in self.rows}
        years = {key[1] for key in self.rows}
        existing = {
            (partner_id, year, flow, product_id): (pk, value)
            for pk, partner_id, year, flow, product_id, value in TradeFigure.objects.filter(
                partner_id__in=partners, year__in=years
            ).values_list("pk", "partner_id", "year", "flow", "product_id", "value_cad")
        }
        self.planned = []
        for (partner_id, year, flow, hs_code), (line, value) in self.rows.items():
            product_id = products.get(hs_code) if hs_code else None
            figure_id, old_value = existing.get((partner_id, year, flow, product_id), (None, None))
            self.planned.append(
                (line, partner_id, year, flow, hs_code, product_id, value, figure_id, old_value)
            )
        self.planned.sort()
        created = sum(1 for row in self.planned if row[7] is None)
        updated = sum(1 for row in self.planned if row[7] is not None and row[8] != row[6])
        return Counts(created, updated, len(self.planned) - created - updated)

    def _changes(self):
        return [row for row in self.planned if row[7] is None or row[8] != row[6]]

    def sample(self, limit: int) -> list[Change]:
        return [
            Change(line, partner_id, year, flow, hs_code, old_value, value)
            for line, partner_id, year, flow, hs_code, _p, value, _f, old_value in self._changes()[
                :limit
            ]
        ]

    def write(self, batch_id: int) -> None:
        created, updated, changes = [], [], []
        for (
            _line,
            partner_id,
            year,
            flow,
            _hs,
            product_id,
            value,
            figure_id,
            old,
        ) in self._changes():
            if figure_id is None:
                created.append(
                    TradeFigure(
                        partner_id=partner_id,
                        year=year,
                        flow=flow,
                        product_id=product_id,
                        value_cad=value,
                        import_batch_id=batch_id,
                    )
                )
            else:
                updated.append(TradeFigure(pk=figure_id, value_cad=value))
                changes.append(
                    ImportBatchChange(
                        batch_id=batch_id, figure_id=figure_id, previous_value=old, new_value=value
                    )
                )
        TradeFigure.objects.bulk_update(updated, ["value_cad"], batch_size=self.BATCH_SIZE)
        TradeFigure.objects.bulk_create(created, batch_size=self.BATCH_SIZE)
        ImportBatchChange.objects.bulk_create(changes, batch_size=self.BATCH_SIZE)
