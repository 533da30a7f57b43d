"""Undoing an import: its created figures deleted, the values it replaced put back."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partners.publishing.signals import content_changed

from ..models import ImportBatch, Product, TradeFigure


@dataclass
class RollbackResult:
    batch: ImportBatch
    deleted: int
    restored: int
    products_deleted: int


@dataclass
class RollbackPlan:
    """What rolling a batch back would do, for the page that asks to confirm it."""

    deletes: int  # figures the import created, still as it wrote them
    restores: int  # figures it updated, to get back their previous value
    products: list  # products it created that no figure but its own uses: they go too


def rollback_plan(batch: ImportBatch) -> RollbackPlan:
    used_elsewhere = TradeFigure.objects.filter(product=OuterRef("pk")).exclude(import_batch=batch)
    return RollbackPlan(
        deletes=TradeFigure.objects.filter(import_batch=batch).count(),
        restores=batch.changes.count(),
        products=list(batch.products_created.exclude(Exists(used_elsewhere)).order_by("hs_code")),
    )


class RollbackRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def rollback_batch(*, batch: ImportBatch, user=None) -> RollbackResult:
    """Undo an import: delete the figures it created, put back the values it replaced, and
    delete the products it created that no figure uses any more.

    Refused when the batch is already rolled back, when a later import that is still in place
    changed the same figures (roll that one back first), or when someone changed one of its
    figures since: a rollback must restore exactly what was there, never overwrite newer work.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.rolled_back_at is not None:
        raise RollbackRefused(
            _("This import was already rolled back on %(date)s.")
            % {"date": timezone.localtime(batch.rolled_back_at).strftime("%Y-%m-%d %H:%M")}
        )
    created = TradeFigure.objects.filter(import_batch=batch)
    later = list(
        ImportBatch.objects.filter(
            Q(changes__figure_id__in=created.values("pk"))
            | Q(changes__figure_id__in=batch.changes.values("figure_id")),
            pk__gt=batch.pk,
            rolled_back_at__isnull=True,
        )
        .distinct()
        .order_by("-pk")
        .values_list("pk", "file_name")
    )
    if later:
        raise RollbackRefused(
            _(
                "Later imports changed the same figures; roll them back first, newest first: "
                "%(batches)s."
            )
            % {"batches": ", ".join(f"#{pk} ({name})" for pk, name in later)}
        )
    # A created figure changed by hand no longer carries the batch (TradeFigure.save).
    current = TradeFigure.objects.filter(pk=OuterRef("figure_id")).values("value_cad")[:1]
    intact = batch.changes.annotate(current=Subquery(current)).filter(current=F("new_value"))
    drifted = batch.changes.count() - intact.count() + batch.created_count - created.count()
    if drifted:
        raise RollbackRefused(
            ngettext(
                "%(count)s figure of this import was changed or deleted since; rolling back "
                "would overwrite that work.",
                "%(count)s figures of this import were changed or deleted since; rolling back "
                "would overwrite that work.",
                drifted,
            )
            % {"count": drifted}
        )
    # Set-based, whatever the size of the batch: one DELETE, one UPDATE, a few statements for
    # the products. No figure is loaded, so no per-figure delete signal is sent: what the
    # signals would do (the page cache's invalidation) is done once, by content_changed below.
    # Nothing else refers to a figure (ImportBatchChange keeps its id, not a foreign key), so
    # there is nothing to cascade.
    deleted = created.delete_set()
    previous = batch.changes.filter(figure_id=OuterRef("pk")).values("previous_value")[:1]
    restored = TradeFigure.objects.filter(pk__in=batch.changes.values("figure_id")).update(
        value_cad=Subquery(previous)
    )
    unused = batch.products_created.filter(trade_figures__isnull=True).values_list("pk", flat=True)
    _total, detail = Product.objects.filter(pk__in=list(unused)).delete()
    products_deleted = detail.get(Product._meta.label, 0)
    batch.rolled_back_at = timezone.now()
    batch.rolled_back_by = user
    batch.save(update_fields=["rolled_back_at", "rolled_back_by"])
    content_changed.send(sender=rollback_batch)
    return RollbackResult(batch, deleted, restored, products_deleted)
