"""Where validated rows go until the import is decided, and how they are written.

Two writers with the same interface and the same results:

- PostgresWriter streams rows with COPY into a temporary staging table and does the rest in
  set-based SQL (duplicate keys, the plan of new/updated/unchanged rows, the writes and the
  change records of updated figures; created figures carry the batch in a column). Memory
  stays flat whatever the size of the file.
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


class RepeatedKeys(Exception):
    """Rows of the file repeat a key, found while planning or writing (duplicates() was told
    to leave the check to them): ask duplicates() for the lines."""


def writer_for_connection():
    return PostgresWriter() if connection.vendor == "postgresql" else GenericWriter()


class PostgresWriter:
    STAGING = "trade_import_staging"
    PLAN = "trade_import_plan"
    FLUSH_ROWS = 4096

    # Memory for the sorts and hashes over the whole file (duplicate keys, the plan), for this
    # transaction only: with the default 4 MB, a million rows spill to disk.
    WORK_MEM = "128MB"

    def open(self) -> None:
        self.cursor = connection.cursor()
        self.cursor.execute("SELECT set_config('work_mem', %s, true)", [self.WORK_MEM])
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
        self._buffer: list[str] = []
        self.add = self._adder()
        self.deferred = False

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
        if self._buffer:
            self._copy.write("".join(self._buffer))
            self._buffer.clear()
        self._copy_context.__exit__(None, None, None)
        self._copy_context = None
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
        if defer:
            self.deferred = True
            return [], 0
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
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.PLAN}")
        self.cursor.execute(
            f"CREATE TEMP TABLE {self.PLAN} ON COMMIT DROP AS"
            " SELECT s.line, s.partner_id, s.year, s.flow, s.hs_code, p.id AS product_id,"
            " s.value_cad, f.id AS figure_id, f.value_cad AS old_value"
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
            + (" count(figure_id) - count(DISTINCT figure_id)" if self.deferred else " 0")
            + f" FROM {self.PLAN}"
        )
        created, updated, unchanged, repeated = self.cursor.fetchone()
        if repeated:
            raise RepeatedKeys
        return Counts(created, updated, unchanged)

    def sample(self, limit: int) -> list[Change]:
        self.cursor.execute(
            "SELECT line, partner_id, year, flow, hs_code, old_value, value_cad"
            f" FROM {self.PLAN} WHERE figure_id IS NULL OR old_value <> value_cad"
            " ORDER BY line LIMIT %s",
            [limit],
        )
        return [Change(*row) for row in self.cursor.fetchall()]

    def write(self, batch_id: int) -> None:
        """Raises RepeatedKeys when new rows repeat a key and the check was deferred."""
        try:
            with transaction.atomic():  # a savepoint: the staged rows stay, for duplicates()
                self._write(batch_id)
        except IntegrityError:
            if self.deferred and self.duplicates(1)[1]:
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


class GenericWriter:
    BATCH_SIZE = 500

    def open(self) -> None:
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
