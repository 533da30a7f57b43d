"""Bulk import of yearly trade data files (DESIGN.md, "Trade data files").

One engine for the admin and the command line: reading.py reads the file as a stream of rows,
rules.py says what each cell means and what is wrong with it, writers.py stages and writes the
rows (COPY and SQL on PostgreSQL, bulk operations elsewhere), service.py ties them together in
one transaction and rolls batches back.
"""

from .run import ImportResult, RollbackRefused, import_trade_file, rollback_batch

__all__ = ["ImportResult", "RollbackRefused", "import_trade_file", "rollback_batch"]
