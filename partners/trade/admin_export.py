"""The admin's trade export: the change list's figures as a trade data file, written as staff
open it (CSV for the spreadsheet of their language, or Excel .xlsx), streamed row by row.

- CSV: UTF-8 with a BOM (so that Excel reads the accents), the decimal separator of the page's
  language (Django's format, from CLDR) and the list separator Excel pairs with it: `;` where
  the decimal separator is a comma (French Excel), `,` where it is a point.
- .xlsx: openpyxl's write-only mode (constant memory) into a temporary file, then sent in chunks.
  One sheet holds at most 1,048,576 rows (Excel's limit): a larger export is refused before any
  work, with a message that says to filter the list or to take the CSV, which has no limit.
- Every text cell goes through the formula guard of the public exports
  (`partners.publishing.exports.safe_cell`): a label starting with `=`, `+`, `-`, `@`, tab or CR
  never reaches a spreadsheet as a formula.

The rows are read by primary key in chunks (keyset pagination), so that neither the database
client nor the web process holds the whole export.
"""

import csv
import tempfile
from collections.abc import Iterator
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils.formats import get_format
from openpyxl import Workbook

from partners.publishing.exports import safe_cell
from partners.publishing.language import active_language

from .models import TradeFlow

CHUNK = 5000
# Excel's rows per sheet, the header included.
XLSX_MAX_ROWS = 1_048_576

# The trade file format's own headers (DESIGN.md), so that an export imports back as is.
FILE_HEADERS = {
    "fr": ["Année", "Partenaire", "Flux", "Code SH", "Produit", "Valeur ($ CA)"],
    "en": ["year", "partner", "flow", "hs_code", "product", "value_cad"],
}
FLOW_WORDS = {
    "fr": {TradeFlow.EXPORT: "Exportations", TradeFlow.IMPORT: "Importations"},
    "en": {TradeFlow.EXPORT: "exports", TradeFlow.IMPORT: "imports"},
}


def header() -> list[str]:
    return FILE_HEADERS[active_language()]


def figure_row(figure) -> list:
    """A figure as a line of a trade data file, in the active language (the two-way totals,
    which a file cannot give, keep their code "total")."""
    product = figure.product if figure.product_id else None
    return [
        figure.year,
        safe_cell(figure.partner.iso_code or figure.partner.name),
        FLOW_WORDS[active_language()].get(figure.flow, figure.flow),
        safe_cell(product.hs_code) if product else "",
        safe_cell(product.label) if product else "Total",
        figure.value_cad,
    ]


def figures(queryset) -> Iterator:
    """The queryset's figures, CHUNK at a time, by primary key."""
    queryset = queryset.select_related("partner", "product").order_by("pk")
    last = None
    while True:
        page = list((queryset if last is None else queryset.filter(pk__gt=last))[:CHUNK])
        yield from page
        if len(page) < CHUNK:
            return
        last = page[-1].pk


class _Line:
    """What csv.writer writes to: the line it was given, returned."""

    def write(self, text):
        return text


def csv_separators() -> tuple[str, str]:
    """(list separator, decimal separator) of the page's language."""
    decimal = get_format("DECIMAL_SEPARATOR")
    return (";" if decimal == "," else ","), decimal


def csv_chunks(queryset) -> Iterator[str]:
    """The CSV text, one chunk per CHUNK rows (the first with the BOM and the header)."""
    delimiter, decimal = csv_separators()
    writer = csv.writer(_Line(), delimiter=delimiter)
    lines = ["\ufeff" + writer.writerow(header())]
    for figure in figures(queryset):
        row = figure_row(figure)
        row[5] = str(row[5]).replace(".", decimal)
        lines.append(writer.writerow(row))
        if len(lines) >= CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def csv_response(queryset, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_chunks(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_fits(count: int) -> bool:
    return count + 1 <= XLSX_MAX_ROWS


def xlsx_response(queryset, filename: str) -> FileResponse:
    """The workbook, written row by row (write-only mode) to a temporary file, then sent."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header())
    for figure in figures(queryset):
        row = figure_row(figure)
        row[5] = Decimal(row[5])
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
