"""What a trade data file may cost before it is refused: bytes, unpacked size, rows, columns and
cells. Every limit is checked before the work it bounds, and cheaply: the file's size from the
file system, an .xlsx workbook's unpacked sizes from its zip directory and its sheet's extent
from the `dimension` it declares (both before openpyxl reads any cell or shared string), a CSV
line's length while it is read.

The values come from settings.TRADE_IMPORT_LIMITS (from the environment; defaults there).
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    bytes: int  # the file as received
    inflated_bytes: int  # an .xlsx workbook's parts, unpacked
    shared_strings_bytes: int  # its table of texts, unpacked (openpyxl holds it all in memory)
    zip_entries: int  # parts in the workbook's zip
    rows: int  # data rows
    columns: int
    cells: int  # rows x columns a sheet declares
    line_chars: int  # characters in one CSV line


def limits() -> Limits:
    return Limits(**settings.TRADE_IMPORT_LIMITS)


def number(value: int) -> str:
    return number_format(value, force_grouping=True)


def megabytes(size: int) -> str:
    return number_format(max(size / MB, 0.1), decimal_pos=1, force_grouping=True)


def check_size(path: Path, limit: Limits) -> str | None:
    size = path.stat().st_size
    if size > limit.bytes:
        return _(
            "The file is too large: %(size)s MB, for at most %(limit)s MB. Split it into "
            "several files (by year, for instance)."
        ) % {"size": megabytes(size), "limit": megabytes(limit.bytes)}
    return None


SHARED_STRINGS = re.compile(r"(^|/)sharedstrings\.xml$", re.IGNORECASE)
DECLARED_COUNT = re.compile(rb'uniqueCount="(\d+)"')


def check_archive(path: Path, limit: Limits) -> str | None:
    """Refuse a workbook whose parts would unpack to too much, from the sizes its zip directory
    declares. zipfile never inflates a part past its declared size (it stops there and fails the
    check sum), so what openpyxl reads is bounded by what is checked here."""
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        if len(infos) > limit.zip_entries:
            # Not a workbook any spreadsheet writes: "not a table" (reading.py).
            raise zipfile.BadZipFile(f"{len(infos)} parts")
        inflated = sum(info.file_size for info in infos)
        if inflated > limit.inflated_bytes:
            return _(
                "The workbook is too large once unpacked: %(size)s MB, for at most %(limit)s MB. "
                "Save it as CSV, or split it into several files."
            ) % {"size": megabytes(inflated), "limit": megabytes(limit.inflated_bytes)}
        for info in infos:
            if not SHARED_STRINGS.search(info.filename):
                continue
            declared = 0
            with archive.open(info) as part:
                match = DECLARED_COUNT.search(part.read(4096))
                if match:
                    declared = int(match.group(1))
            if info.file_size > limit.shared_strings_bytes or declared > limit.cells:
                return _(
                    "The workbook holds too many different texts (%(size)s MB of them unpacked, "
                    "for at most %(limit)s MB). Save it as CSV."
                ) % {
                    "size": megabytes(info.file_size),
                    "limit": megabytes(limit.shared_strings_bytes),
                }
    return None


def check_dimension(min_row, min_column, max_row, max_column, limit: Limits) -> str | None:
    """The extent a sheet declares (its `dimension`, which openpyxl fills every row up to)."""
    if max_row is None or max_column is None:
        return None
    rows = max_row - (min_row or 1) + 1
    columns = max_column - (min_column or 1) + 1
    if rows - 1 > limit.rows:
        return ngettext(
            "The sheet declares %(count)s row, for at most %(limit)s data rows. Split it into "
            "several files.",
            "The sheet declares %(count)s rows, for at most %(limit)s data rows. Split it into "
            "several files.",
            rows,
        ) % {"count": number(rows), "limit": number(limit.rows)}
    if columns > limit.columns:
        return ngettext(
            "The sheet declares %(count)s column, for at most %(limit)s. Delete the empty "
            "columns, or save the sheet as CSV.",
            "The sheet declares %(count)s columns, for at most %(limit)s. Delete the empty "
            "columns, or save the sheet as CSV.",
            columns,
        ) % {"count": number(columns), "limit": number(limit.columns)}
    if rows * columns > limit.cells:
        return ngettext(
            "The sheet declares %(count)s cell, for at most %(limit)s. Split it into several "
            "files.",
            "The sheet declares %(count)s cells, for at most %(limit)s. Split it into several "
            "files.",
            rows * columns,
        ) % {"count": number(rows * columns), "limit": number(limit.cells)}
    return None


def too_many_rows(limit: Limits) -> str:
    return ngettext(
        "The file has more than %(limit)s data row. Split it into several files.",
        "The file has more than %(limit)s data rows. Split it into several files.",
        limit.rows,
    ) % {"limit": number(limit.rows)}


def too_many_columns(line: int, count: int, limit: Limits) -> str:
    return ngettext(
        "Line %(line)s has %(count)s cell, for at most %(limit)s.",
        "Line %(line)s has %(count)s cells, for at most %(limit)s.",
        count,
    ) % {"line": line, "count": number(count), "limit": number(limit.columns)}


def line_too_long(line: int, limit: Limits) -> str:
    return ngettext(
        "Line %(line)s is longer than %(limit)s character: this is not a table.",
        "Line %(line)s is longer than %(limit)s characters: this is not a table.",
        limit.line_chars,
    ) % {"line": line, "limit": number(limit.line_chars)}
