"""Reading a trade data file as a stream of rows: CSV (any of the usual encodings and
delimiters) or Excel .xlsx. Nothing here knows what the columns mean.

Line numbers are rows as a spreadsheet shows them: the first row of the file is line 1, and a
CSV cell holding a line break still counts as one row. Blank rows are counted but not yielded.
"""

import codecs
import csv
import hashlib
import itertools
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import limits as bounds

CHUNK = 1024 * 1024
DELIMITERS = (";", "\t", ",")
NOT_A_TABLE = gettext_noop(
    "The file is not a table. Save it as CSV (comma, semicolon or tab between cells) or as an "
    "Excel workbook (.xlsx)."
)


class FileProblem(Exception):
    """The file as a whole cannot be read as a table (not one row error among others)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class FileFacts:
    """What one pass over the bytes tells: checksum, size, kind and text encoding."""

    checksum: str
    size: int
    kind: str  # "csv" or "xlsx"
    encoding: str = ""


@dataclass
class Table:
    header: list[str]
    header_line: int
    rows: Iterator[tuple[int, list]]
    facts: FileFacts
    delimiter: str = ""

    def position(self) -> float:
        """How far through the file the reading is, from 0 to 1 (for a progress bar)."""
        return self._position() if self._position else 0.0

    _position: object = None


def inspect(path: Path) -> FileFacts:
    """Checksum the file and find its kind and encoding, in one streaming pass."""
    digest = hashlib.sha256()
    size = 0
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    utf8_ok = cp1252_ok = True
    cp1252_whole = False  # the cp1252 decoder below read the file from its first byte
    head = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            if not head:
                head = chunk[:8]
                if head.startswith(b"PK\x03\x04"):
                    # A zip archive: an .xlsx workbook, or not a table at all (read_xlsx says).
                    digest.update(chunk)
                    size += len(chunk)
                    for rest in iter(lambda: handle.read(CHUNK), b""):
                        digest.update(rest)
                        size += len(rest)
                    return FileFacts(digest.hexdigest(), size, "xlsx")
                if head.startswith(b"\xd0\xcf\x11\xe0"):
                    raise FileProblem(
                        _(
                            "This is an Excel 97-2003 workbook (.xls), which is not supported. "
                            "Save it as .xlsx or as CSV."
                        )
                    )
                if head.startswith(b"%PDF"):
                    raise FileProblem(
                        _(
                            "This is a PDF document, not a table. Save the data as CSV or as an "
                            "Excel workbook (.xlsx)."
                        )
                    )
            if b"\x00" in chunk:
                raise FileProblem(_(NOT_A_TABLE))
            digest.update(chunk)
            size += len(chunk)
            if utf8_ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
                    cp1252_whole = size == len(chunk)  # UTF-8 failed in the first chunk
            if not utf8_ok and cp1252_ok:
                try:
                    cp1252.decode(chunk)
                except UnicodeDecodeError:
                    cp1252_ok = False
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    if size == 0:
        raise FileProblem(_("The file is empty."))
    if utf8_ok:
        encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    elif cp1252_ok:
        # cp1252 must decode the whole file, not only what came after the UTF-8 failure.
        encoding = "cp1252"
        if not cp1252_whole and not _decodes(path, "cp1252"):
            raise FileProblem(_(NOT_A_TABLE))
    else:
        raise FileProblem(_(NOT_A_TABLE))
    return FileFacts(digest.hexdigest(), size, "csv", encoding)


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def is_blank(cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


@contextmanager
def open_table(path: Path, limit: bounds.Limits | None = None):
    """Yield a Table over the file at `path`; raise FileProblem when it is not one, or when
    reading it would cost more than `limit` allows (limits.py; checked before that cost)."""
    path = Path(path)
    limit = limit or bounds.limits()
    if problem := bounds.check_size(path, limit):
        raise FileProblem(problem)
    facts = inspect(path)
    if facts.kind == "xlsx":
        with _xlsx_table(path, facts, limit) as table:
            yield table
    else:
        with _csv_table(path, facts, limit) as table:
            yield table


def _bounded_lines(text, limit: bounds.Limits):
    """The file's lines, refusing one longer than the limit before it is held whole."""
    number = 0
    while line := text.readline(limit.line_chars + 2):
        number += 1
        if len(line.rstrip("\r\n")) > limit.line_chars:
            raise FileProblem(bounds.line_too_long(number, limit), number)
        yield line


def _first_row(rows: Iterator[tuple[int, list]]) -> tuple[int, list]:
    for line, cells in rows:
        return line, cells
    raise FileProblem(_("The file has no rows."))


def csv_rows(text, delimiter: str, limit: bounds.Limits) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each row of the CSV text that is not blank, as csv.reader reads the
    file's lines (the default dialect, with this delimiter), counted as a spreadsheet counts
    them; a line longer than the limit is refused before it is held whole (_bounded_lines).

    A line without a quote character is what csv.reader would make of it split at the
    delimiter, and is split so, without csv.reader; a line with one goes to csv.reader, with the
    lines after it for as long as its row goes on (a quoted cell may hold line breaks).
    tests/partners/trade/test_csv_rows.py holds this to csv.reader over _bounded_lines."""
    cap = limit.line_chars + 2
    longest = limit.line_chars
    # csv.reader refuses a cell longer than its field limit; splitting would not.
    split_ok = longest <= csv.field_size_limit()
    readline = text.readline
    physical = [0]  # lines read, for the error that names a line too long

    def continuation():
        """The lines after a quoted one, for csv.reader to take as many as its row needs."""
        while more := readline(cap):
            physical[0] += 1
            if len(more) > longest and len(more.rstrip("\r\n")) > longest:
                raise FileProblem(bounds.line_too_long(physical[0], limit), physical[0])
            yield more

    line = 0
    while raw := readline(cap):
        physical[0] += 1
        if len(raw) > longest and len(raw.rstrip("\r\n")) > longest:
            raise FileProblem(bounds.line_too_long(physical[0], limit), physical[0])
        line += 1
        if split_ok and '"' not in raw:
            cells = raw.rstrip("\r\n").split(delimiter)
        else:
            try:
                cells = next(
                    csv.reader(itertools.chain((raw,), continuation()), delimiter=delimiter)
                )
            except csv.Error as error:
                raise FileProblem(
                    _("Line %(line)s cannot be read as CSV (%(reason)s).")
                    % {"line": line, "reason": error},
                    line,
                ) from error
        if "".join(cells).strip():  # is_blank(), for cells that are all text
            yield line, cells


@contextmanager
def _csv_table(path: Path, facts: FileFacts, limit: bounds.Limits):
    with open(path, encoding=facts.encoding, newline="") as text:
        first_line = ""
        for physical in _bounded_lines(text, limit):
            if physical.strip().strip(",;\t"):
                first_line = physical
                break
        if not first_line:
            raise FileProblem(_("The file is empty."))
        try:
            delimiter = max(
                DELIMITERS, key=lambda d: len(next(csv.reader([first_line], delimiter=d)))
            )
        except csv.Error as error:
            raise FileProblem(
                _("Line %(line)s cannot be read as CSV (%(reason)s).")
                % {"line": 1, "reason": error},
                1,
            ) from error
        text.seek(0)
        binary = text.buffer

        iterator = csv_rows(text, delimiter, limit)
        header_line, header = _first_row(iterator)
        table = Table(
            header=[cell.strip() for cell in header],
            header_line=header_line,
            rows=iterator,
            facts=facts,
            delimiter=delimiter,
        )
        size = facts.size or 1
        table._position = lambda: min(binary.tell() / size, 1.0)
        yield table


@contextmanager
def _xlsx_table(path: Path, facts: FileFacts, limit: bounds.Limits):
    from openpyxl import load_workbook

    # Before openpyxl reads anything (it holds every shared string in memory at once): the
    # parts' unpacked sizes, from the zip's directory.
    try:
        problem = bounds.check_archive(path, limit)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileProblem(_(NOT_A_TABLE)) from error
    if problem:
        raise FileProblem(problem)
    # openpyxl is given the open file, not its path: given a path, it refuses any name that does
    # not end in .xlsx, and the admin stores uploads under a token with no extension. What the
    # file is, the sniffing above has said from its bytes.
    handle = open(path, "rb")  # noqa: SIM115  (closed with the workbook, below)
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        handle.close()
        raise FileProblem(_(NOT_A_TABLE)) from error
    except Exception as error:  # openpyxl's InvalidFileException and kin
        handle.close()
        raise FileProblem(_(NOT_A_TABLE)) from error
    try:
        if not workbook.worksheets:
            raise FileProblem(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        # The extent the sheet declares, which openpyxl pads every row and the sheet up to.
        if problem := bounds.check_dimension(
            sheet.min_row, sheet.min_column, sheet.max_row, sheet.max_column, limit
        ):
            raise FileProblem(problem)
        total = sheet.max_row or 0
        columns = limit.columns
        state = {"line": 0}

        def rows():
            try:
                for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    state["line"] = line
                    if len(values) > columns and not is_blank(values[columns:]):
                        raise FileProblem(bounds.too_many_columns(line, len(values), limit), line)
                    cells = [_xlsx_cell(value) for value in values]
                    if not is_blank(cells):
                        yield line, cells
            except FileProblem:
                raise
            except Exception as error:
                raise FileProblem(
                    _("Line %(line)s of the workbook cannot be read.")
                    % {"line": state["line"] + 1},
                    state["line"] + 1,
                ) from error

        iterator = rows()
        header_line, header = _first_row(iterator)
        # Trailing empty header cells are formatting, not columns.
        while header and (header[-1] is None or str(header[-1]).strip() == ""):
            header.pop()
        table = Table(
            header=["" if cell is None else str(cell).strip() for cell in header],
            header_line=header_line,
            rows=iterator,
            facts=facts,
        )
        table._position = lambda: min(state["line"] / total, 1.0) if total else 0.0
        yield table
    finally:
        workbook.close()
        handle.close()


def _xlsx_cell(value):
    """Keep numbers as numbers; everything else becomes text as the sheet shows it."""
    if isinstance(value, bool):
        return str(value).upper()
    if value is None or isinstance(value, str | int | float | Decimal):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
