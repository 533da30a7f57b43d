"""Row validation: each row's cells become a staged row for the writer, or the errors that say
why they cannot (DESIGN.md, "Trade data files"). What a cell means is in rules.py; this keeps
the caches that let a file of a million rows repeat the same few partners, years and flows."""

import operator

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..models import Product
from . import reading, rules
from .header import FLOW, HS_CODE, PARTNER, PRODUCT, VALUE, YEAR, Columns
from .lookups import PartnerLookup, load_products
from .result import MAX_ERRORS, ImportResult, Issue, warn


class RowValidator:
    """Turns a row's cells into a staged row, or records why it cannot be one."""

    CACHE_SIZE = 100_000

    def __init__(self, columns: Columns, result: ImportResult, text_cells: bool = False):
        self.columns = columns
        # Rows already seen valid, by their cells as written (text cells only: an Excel cell's
        # 2016 and 2016.0 are equal keys but need not read the same): (year, partner, flow)
        # cells -> (partner id, year, flow); (HS code, product) cells -> HS code. A row whose
        # cells are all known, with a value of a common shape, skips the full check.
        self.text_cells = text_cells
        self.known_heads: dict[tuple, tuple[int, int, str]] = {}
        self.known_products: dict[object, str] = {}
        self.result = result
        self.partners = PartnerLookup()
        self.products = load_products()
        self.new_labels: dict[str, tuple[str, int]] = {}  # HS code -> (label, first line)
        self.new_codes: dict[str, int] = {}  # HS code -> first line it appears on
        self.label_warned: set[str] = set()
        self.last_year = rules.max_year()
        self.width = columns.width
        index = columns.index
        self.i_year, self.i_partner, self.i_flow, self.i_value = (
            index[YEAR],
            index[PARTNER],
            index[FLOW],
            index[VALUE],
        )
        self.i_code = index.get(HS_CODE)
        self.i_label = index.get(PRODUCT)
        # The cells that key known_heads and known_products.
        self.head_cells = operator.itemgetter(self.i_year, self.i_partner, self.i_flow)
        product = [i for i in (self.i_code, self.i_label) if i is not None]
        self.product_cells = operator.itemgetter(*product) if product else lambda cells: None
        self.required = [
            (self.i_year, columns.names[YEAR]),
            (self.i_partner, columns.names[PARTNER]),
            (self.i_flow, columns.names[FLOW]),
            (self.i_value, columns.names[VALUE]),
        ]
        self.column_order = {name: index[field] for field, name in columns.names.items()}
        # Caches: a file repeats the same few partners, years and flows on every row.
        self.partner_cache: dict = {}
        self.year_cache: dict = {}
        self.flow_cache: dict = {}
        self.code_cache: dict = {}
        self.total_labels: dict[str, bool] = {}  # label -> names the flow's total
        self.labels_checked: set[tuple[str, str]] = set()  # (HS code, label) already seen
        # The row check, with what it reads on every row bound once (text cells: with the
        # fast path for rows whose cells were all seen valid before).
        self.check = self._text_check() if text_cells else self._check

    def order(self, column: str | None) -> int:
        return -1 if column is None else self.column_order.get(column, 99)

    def error(self, line, column, message: str, count: bool = True, force: bool = False):
        """Count the error and keep it, up to MAX_ERRORS (those found after the rows, which may
        come earlier in the file, are kept anyway: the list is sorted and cut at the end)."""
        if count:
            self.result.error_count += 1
        if force or len(self.result.errors) < MAX_ERRORS:
            self.result.errors.append(Issue(line, column, message))

    def _text_check(self):
        """check() for text cells: the staged row (line, partner id, year, flow, HS code,
        value), or None after recording its errors. A row whose year, partner, flow and product
        cells were all seen valid before, with a value of a common shape (rules.plain_value),
        skips the full check; any other row gets it, and teaches its cells when valid."""
        known_heads, known_products = self.known_heads, self.known_products
        head_cells, product_cells = self.head_cells, self.product_cells
        width, i_value, cache_size = self.width, self.i_value, self.CACHE_SIZE
        plain_value, full_check = rules.plain_value, self._check

        def check(line: int, cells: list):
            if len(cells) == width:
                head = known_heads.get(head_cells(cells))
                if head is not None:
                    code = known_products.get(product_cells(cells))
                    if code is not None:
                        value = plain_value(cells[i_value])
                        if value is not None:
                            return (line, head[0], head[1], head[2], code, value)
            row = full_check(line, cells)
            if row is not None:
                if len(known_heads) < cache_size:
                    known_heads[head_cells(cells)] = row[1:4]
                if len(known_products) < cache_size:
                    known_products[product_cells(cells)] = row[4]
            return row

        return check

    def _check(self, line: int, cells: list):
        if len(cells) != self.width and (
            len(cells) < self.width or not reading.is_blank(cells[self.width :])
        ):
            self.error(
                line,
                None,
                _("the row has %(cells)s cells where the header has %(columns)s")
                % {"cells": len(cells), "columns": self.width},
            )
            return None
        ok = True
        for position, name in self.required:
            cell = cells[position]
            if cell is None or (type(cell) is str and not cell.strip()):
                self.error(line, name, _("the cell is empty"))
                ok = False
        if not ok:
            return None
        names = self.columns.names
        year = self._cached(self.year_cache, rules.parse_year, cells[self.i_year], self.last_year)
        partner = self._cached(self.partner_cache, self.partners.find, cells[self.i_partner])
        flow = self._cached(self.flow_cache, rules.parse_flow, cells[self.i_flow])
        try:
            value = rules.parse_value(cells[self.i_value])
        except rules.CellError as error:
            value = error
        code = ""
        if self.i_code is not None:
            raw_code = cells[self.i_code]
            if raw_code is not None and raw_code != "":
                code = self._cached(self.code_cache, rules.parse_hs_code, raw_code) or ""
        label = ""
        if self.i_label is not None:
            raw_label = cells[self.i_label]
            label = "" if raw_label is None else " ".join(str(raw_label).split())
        for outcome, name in (
            (year, YEAR),
            (partner, PARTNER),
            (flow, FLOW),
            (code, HS_CODE),
            (value, VALUE),
        ):
            if isinstance(outcome, rules.CellError):
                self.error(line, names[name], outcome.message)
                ok = False
        if not ok:
            return None
        if code:
            if not self._product(line, code, label):
                return None
        elif label and not self._is_total(label):
            self.error(
                line,
                names.get(HS_CODE, names[PRODUCT]),
                _(
                    '"%(label)s" has no HS code: give the product\'s code, or write "Total" '
                    "(or nothing) as the product of the flow's total"
                )
                % {"label": rules.shown(label)},
            )
            return None
        return (line, partner, year, flow, code, value)

    @staticmethod
    def _cached(cache: dict, parse, cell, *args):
        key = (type(cell), cell)
        try:
            return cache[key]
        except KeyError:
            pass
        try:
            outcome = parse(cell, *args)
        except rules.CellError as error:
            outcome = error
        if len(cache) < 10_000:
            cache[key] = outcome
        return outcome

    def _is_total(self, label: str) -> bool:
        try:
            return self.total_labels[label]
        except KeyError:
            total = rules.normalize(label) in rules.TOTAL_WORDS
            if len(self.total_labels) < 10_000:
                self.total_labels[label] = total
            return total

    def _product(self, line: int, code: str, label: str) -> bool:
        if (code, label) in self.labels_checked:
            return True  # the same pair was checked on an earlier line
        known = self.products.get(code)
        if known is not None:
            if len(self.labels_checked) < 100_000:
                self.labels_checked.add((code, label))
            if (
                label
                and code not in self.label_warned
                and not self._is_total(label)
                and rules.normalize(label)
                not in {rules.normalize(known.label_fr), rules.normalize(known.label_en)}
            ):
                self.label_warned.add(code)
                warn(
                    self.result,
                    _(
                        'HS code %(code)s: the file calls it "%(label)s"; the stored label '
                        '"%(stored)s" was kept.'
                    )
                    % {
                        "code": code,
                        "label": rules.shown(label),
                        "stored": known.label_fr or known.label_en,
                    },
                )
            return True
        if len(label) > rules.LABEL_MAX_LENGTH:
            self.error(
                line,
                self.columns.names[PRODUCT],
                _("the label is longer than %(max)s characters") % {"max": rules.LABEL_MAX_LENGTH},
            )
            return False
        self.new_codes.setdefault(code, line)
        if len(self.labels_checked) < 100_000:
            self.labels_checked.add((code, label))
        if label and not self._is_total(label):
            first = self.new_labels.get(code)
            if first is None:
                self.new_labels[code] = (label, line)
            elif first[0] != label and code not in self.label_warned:
                self.label_warned.add(code)
                warn(
                    self.result,
                    _(
                        'HS code %(code)s has several labels in the file; the first, "%(label)s" '
                        "(line %(line)s), was used."
                    )
                    % {"code": code, "label": rules.shown(first[0]), "line": first[1]},
                )
        return True

    def finish(self) -> None:
        """Errors known only at the end of the file: new HS codes that never got a label."""
        for code, line in self.new_codes.items():
            if code not in self.new_labels:
                self.error(
                    line,
                    self.columns.names.get(HS_CODE),
                    _("%(code)s is a new HS code: give its label in the product column")
                    % {"code": code},
                    force=True,
                )

    def create_products(self, user, ids: dict[str, int] | None = None) -> list[Product]:
        """The products the file introduces, labelled in the file's language only; with the
        `ids` the writer reserved for some of them (its direct path names them already)."""
        language = self.columns.language
        ids = ids or {}
        products = []
        for code in self.new_codes:
            label = self.new_labels[code][0]
            products.append(
                Product(
                    pk=ids.get(code),
                    hs_code=code,
                    label=label,
                    label_fr=label if language == "fr" else "",
                    label_en=label if language == "en" else "",
                )
            )
        for product in products:
            product.full_clean(validate_unique=False, validate_constraints=False)
        # In bulk, with their history (who created them: the importing user).
        return bulk_create_with_history(products, Product, batch_size=1000, default_user=user)
