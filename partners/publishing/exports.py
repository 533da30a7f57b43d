"""CSV and JSON downloads of a public list: exactly the records the filters select, every page,
the header in the page's language (CSV) and stable keys (JSON).

Every list (partners, agreements, missions) goes through `export_response`; the list mixin
(partners/publishing/views.py) calls it with the rows its view builds.
"""

import csv
import json
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMATS = ("csv", "json")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell a spreadsheet shows as text: a text that would start a formula gets a quote
    in front (numbers, negative ones included, are left as they are)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def export_response(
    kind: str,
    header: Sequence[tuple[str, str]],
    rows: Iterable[Sequence],
    filename: str,
) -> HttpResponse:
    """A download: `header` is [(JSON key, CSV column title)], `rows` the values in that order."""
    if kind not in FORMATS:
        raise ValueError(f"Unknown export format: {kind}")
    if kind == "json":
        keys = [key for key, _label in header]
        body = json.dumps(
            [dict(zip(keys, row, strict=True)) for row in rows], ensure_ascii=False, default=str
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so that Excel opens UTF-8 correctly
        writer = csv.writer(response)
        writer.writerow([label for _key, label in header])
        writer.writerows([safe_cell(value) for value in row] for row in rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response
