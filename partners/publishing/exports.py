"""CSV, JSON and Excel downloads: the public lists (partners, agreements, missions) and the trade
explorer's figures, written the same way whatever the record type.

- `header` is [(JSON key, CSV/Excel column title)]: the keys are stable English names, the
  titles are in the page's language; `rows` give the values in that order.
- Values are plain Python: text, numbers (Decimal kept exact in CSV, a number in JSON and
  Excel), None (an empty cell, `null` in JSON), lists (joined with "; " in a cell, an array in
  JSON). Dates come as ISO text with their precision (`iso_date()`: "2011", "2017-09",
  "2017-09-21").
- CSV is UTF-8 with a BOM (so that Excel reads it as such); a large download (`stream=True`,
  or more than STREAM_ABOVE rows) is written as it goes, not built in memory first.
- Every text of a spreadsheet format goes through `safe_cell()` (formula injection: a label
  typed as `=HYPERLINK(…)` stays text in a spreadsheet): CSV cells get a quote in front, Excel
  cells get the quote and are typed as text. JSON is data, not a sheet that runs formulas: its
  texts stay exactly as the records hold them (a quote would change the data itself).

Every list goes through `export_response`; the list mixin (partners/publishing/views.py) calls it
with the rows its view builds, the trade explorer with its figures.
"""

import csv
import datetime
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

FORMATS = ("csv", "json")
TABLE_FORMATS = ("csv", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
STREAM_ABOVE = 2_000
LIST_SEPARATOR = "; "


def safe_cell(value):
    """A cell a spreadsheet shows as text: a text that would start a formula gets a quote in
    front (numbers, negative ones included, are left as they are)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def iso_date(date: datetime.date | None, precision: str = "day") -> str | None:
    """A date as ISO 8601 text at the precision the sources give: "2011" for a year, "2017-09"
    for a month, "2017-09-21" for a day; None when unknown."""
    if date is None or precision == "unknown":
        return None
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def iso_datetime(moment: datetime.datetime | None) -> str | None:
    """A moment as ISO 8601 in UTC, to the second ("2026-03-02T14:05:00Z")."""
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return safe_cell(LIST_SEPARATOR.join(str(item) for item in value))
    return safe_cell(value)


def json_value(value):
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return value


class _Echo:
    """A file that hands back what is written to it: csv.writer's line, for streaming."""

    def write(self, value):
        return value


def csv_lines(header, rows) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([label for _key, label in header])
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


def json_chunks(header, rows) -> Iterator[str]:
    keys = [key for key, _label in header]
    yield "["
    for index, row in enumerate(rows):
        item = {key: json_value(value) for key, value in zip(keys, row, strict=True)}
        yield ("," if index else "") + json.dumps(item, ensure_ascii=False, default=str)
    yield "]"


def xlsx_file(header, rows, sheet_title: str):
    """The rows as an Excel workbook (openpyxl's write-only mode: one row in memory at a time),
    in a temporary file; every text cell typed as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])

    def cell(value):
        if value is None:
            return None
        if isinstance(value, Decimal):
            return _number(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        if isinstance(value, list | tuple):
            value = LIST_SEPARATOR.join(str(item) for item in value)
        written = WriteOnlyCell(sheet, value=str(safe_cell(str(value))))
        written.data_type = "s"  # text, never a formula, whatever it starts with
        return written

    sheet.append([cell(str(label)) for _key, label in header])
    for row in rows:
        sheet.append([cell(value) for value in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    workbook.save(spool)
    spool.seek(0)
    return spool


def export_response(
    kind: str,
    header: Sequence[tuple[str, str]],
    rows: Iterable[Sequence],
    filename: str,
    *,
    stream: bool = False,
) -> HttpResponse:
    """A download: `header` is [(JSON key, column title)], `rows` the values in that order."""
    if kind not in TABLE_FORMATS:
        raise ValueError(f"Unknown export format: {kind}")
    header = [(key, str(label)) for key, label in header]
    if kind == "xlsx":
        response = FileResponse(
            xlsx_file(header, rows, filename),
            as_attachment=True,
            filename=f"{filename}.xlsx",
            content_type=CONTENT_TYPES[kind],
        )
        return response
    chunks = csv_lines(header, rows) if kind == "csv" else json_chunks(header, rows)
    large = stream or (hasattr(rows, "__len__") and len(rows) > STREAM_ABOVE)
    if large:
        response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[kind])
    else:
        response = HttpResponse("".join(chunks), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response
