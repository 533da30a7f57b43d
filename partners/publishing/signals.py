"""Signals of the publication core.

`content_changed` is sent by a write that changes what the public pages show without a model
signal per record (bulk inserts, queryset updates, raw deletes): the trade import and its
rollback, the benchmark data generator. `sender` is the function that wrote. Send it inside the
write's transaction, once the write is done: a receiver that acts on commit (the page cache, see
`config/cache.py`) then acts only if that transaction commits, never for a rolled-back write.
"""

from django.dispatch import Signal

content_changed = Signal()
