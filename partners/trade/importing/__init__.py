"""Bulk import of yearly trade data files (DESIGN.md, "Trade data files").

One engine for the admin and the command line, one job per module: reading.py reads the file as
a stream of rows; header.py finds the columns; rules.py says what each cell means and what is
wrong with it; lookups.py resolves partners and products; validation.py turns each row into a
staged row or its errors; writers.py stages and writes the rows (COPY and SQL on PostgreSQL,
bulk operations elsewhere); run.py ties them together in one transaction and result.py is what
it reports; rollback.py undoes an import.
"""

from .result import ImportResult
from .rollback import RollbackRefused, rollback_batch, rollback_plan
from .run import import_trade_file

__all__ = [
    "ImportResult",
    "RollbackRefused",
    "import_trade_file",
    "rollback_batch",
    "rollback_plan",
]
