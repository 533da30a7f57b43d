"""What the cells of a trade data file mean, and what makes one wrong (DESIGN.md, "Trade data
files"). Every message is built in the active language when the error is found.
"""

import re
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Product, TradeFlow

MIN_YEAR = 1900
CENT = Decimal("0.01")
MAX_INTEGER_DIGITS = 16  # value_cad is Decimal(18, 2)
LABEL_MAX_LENGTH = Product._meta.get_field("label").max_length

FLOW_WORDS = {
    **dict.fromkeys(
        ["export", "exports", "exportation", "exportations", "x"], TradeFlow.EXPORT.value
    ),
    **dict.fromkeys(
        ["import", "imports", "importation", "importations", "m"], TradeFlow.IMPORT.value
    ),
}
TOTAL_WORDS = {"total", "tous les produits", "all products", "total des produits"}

SPACES = " \u00a0\u202f\u2009\u2007"
_SPACE = f"[{SPACES}]"
NUMBER_PATTERNS = [
    # 3000000000, 429000000.50, 12,5 (a comma followed by other than three digits: decimal)
    re.compile(r"(?P<int>\d+)(?:(?P<sep>[.,])(?P<dec>\d+))?"),
    # 3 000 000 000 (spaces, U+00A0 or U+202F), with a decimal comma or point
    re.compile(rf"(?P<int>\d{{1,3}}(?:{_SPACE}\d{{3}})+)(?:(?P<sep>[.,])(?P<dec>\d+))?"),
    # 3,000,000,000.00
    re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+)(?:(?P<sep>\.)(?P<dec>\d+))?"),
]


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(text) -> str:
    """Case-, accent- and punctuation-insensitive form: "Côte d'Ivoire" -> "cote d ivoire"."""
    text = strip_accents(str(text)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def shown(value) -> str:
    """A cell as the error message quotes it."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class CellError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def max_year() -> int:
    return timezone.localdate().year


def parse_year(cell, last_year: int) -> int:
    if isinstance(cell, int):
        year = cell
    elif isinstance(cell, float | Decimal) and cell == int(cell):
        year = int(cell)
    else:
        text = str(cell).strip()
        if not re.fullmatch(r"\d{4}", text):
            raise CellError(_('"%(value)s" is not a year') % {"value": shown(cell)})
        year = int(text)
    if not MIN_YEAR <= year <= last_year:
        raise CellError(
            _('"%(value)s" is out of range: the year must be between %(min)s and %(max)s')
            % {"value": shown(cell), "min": MIN_YEAR, "max": last_year}
        )
    return year


def parse_flow(cell) -> str:
    flow = FLOW_WORDS.get(normalize(cell))
    if flow is None:
        raise CellError(
            _(
                '"%(value)s" is not a flow: write export, exports, exportations or X, '
                "or import, imports, importations or M"
            )
            % {"value": shown(cell)}
        )
    return flow


NON_DIGITS = re.compile(r"[^\d]")


def parse_value(cell) -> Decimal:
    """A value in CAD, from a number cell or from text as French or English Excel writes it."""
    if isinstance(cell, int | float | Decimal):
        try:
            value = Decimal(repr(cell) if isinstance(cell, float) else cell)
        except InvalidOperation as error:
            raise CellError(_('"%(value)s" is not a number') % {"value": shown(cell)}) from error
        if not value.is_finite():
            raise CellError(_('"%(value)s" is not a number') % {"value": shown(cell)})
        # A workbook's number is rounded to the cent, as the sheet shows money.
        value = value.quantize(CENT, rounding=ROUND_HALF_EVEN)
        return _checked(value, cell)
    text = str(cell).strip()
    if text.isdigit() and text.isascii() and len(text) <= MAX_INTEGER_DIGITS:
        return Decimal(text).quantize(CENT)  # the common case: plain digits
    negative = False
    if text[:1] in "-\u2212":
        negative, text = True, text[1:].strip()
    elif text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    text = text.removeprefix("$").removesuffix("$").strip(SPACES)
    for pattern in NUMBER_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        raise CellError(_('"%(value)s" is not a number') % {"value": shown(cell)})
    integer = NON_DIGITS.sub("", match["int"])
    decimals = match["dec"] or ""
    if match["sep"] == "," and len(decimals) == 3 and len(match["int"]) <= 3:
        # "1,234": a thousands separator, as English Excel writes it; a decimal comma gives cents.
        integer, decimals = integer + decimals, ""
    if len(decimals) > 2:
        raise CellError(_('"%(value)s" has more than two decimal places') % {"value": shown(cell)})
    value = Decimal(f"{integer}.{decimals or '0'}").quantize(CENT)
    if negative and value > 0:
        raise CellError(_('"%(value)s" is negative') % {"value": shown(cell)})
    return _checked(value, cell)


# The shapes nearly every file uses, read without Decimal: plain digits or digits grouped by
# threes with spaces, then one or two decimals after a comma or a point.
_PLAIN_VALUE = re.compile(rf"([0-9]{{1,3}}(?:{_SPACE}[0-9]{{3}})+|[0-9]+)(?:[.,]([0-9][0-9]?))?")
_NO_SPACES = str.maketrans("", "", SPACES)


def plain_value(text: str) -> str | None:
    """The value of a text cell of one of the common shapes, as digits with a decimal point
    ("3 000 000,5" -> "3000000.5"), or None: the cell is then for parse_value() to read or to
    refuse. Wherever this gives a value, parse_value() gives the same number."""
    match = _PLAIN_VALUE.fullmatch(text)
    if match is None:
        return None
    integer, decimals = match.groups()
    if not integer.isdigit():
        integer = integer.replace(integer[-4], "")  # the space before the last three digits
        if not integer.isdigit():
            integer = integer.translate(_NO_SPACES)  # spaces of more than one kind
    if len(integer) > MAX_INTEGER_DIGITS:
        return None
    return f"{integer}.{decimals}" if decimals else integer


def _checked(value: Decimal, cell) -> Decimal:
    if value < 0:
        raise CellError(_('"%(value)s" is negative') % {"value": shown(cell)})
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        raise CellError(
            _('"%(value)s" is too large: at most %(digits)s digits before the decimal point')
            % {"value": shown(cell), "digits": MAX_INTEGER_DIGITS}
        )
    return value


def parse_hs_code(cell) -> str | None:
    """The product's HS code, or None for the flow's total. Excel drops leading zeros: put back one."""
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        if cell != int(cell) or cell < 0:
            raise _bad_hs_code(cell)
        code = str(int(cell))
    else:
        text = str(cell).strip()
        if normalize(text) in TOTAL_WORDS:
            return None
        code = re.sub(rf"[.{SPACES}]", "", text)
        if not code.isdigit() or not code.isascii():
            raise _bad_hs_code(cell)
    if len(code) % 2:
        code = "0" + code
    if not 2 <= len(code) <= 10:
        raise _bad_hs_code(cell)
    return code


def _bad_hs_code(cell) -> CellError:
    return CellError(
        _('"%(value)s" is not an HS code: 2 to 10 digits, or empty for the total')
        % {"value": shown(cell)}
    )
