"""The header row: which cell holds which field, found by the column's name in either
language, in any order, case- and accent-insensitive (DESIGN.md, "Trade data files")."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .rules import normalize

YEAR, PARTNER, FLOW, HS_CODE, PRODUCT, VALUE = (
    "year",
    "partner",
    "flow",
    "hs_code",
    "product",
    "value",
)
REQUIRED = (YEAR, PARTNER, FLOW, VALUE)

# Header names after normalize_header(), with the language they are written in.
HEADER_ALIASES = {
    YEAR: {"annee": "fr", "an": "fr", "year": "en"},
    PARTNER: {
        "partenaire": "fr",
        "pays": "fr",
        "pays partenaire": "fr",
        "partner": "en",
        "country": "en",
        "partner country": "en",
    },
    FLOW: {
        "flux": "fr",
        "type de flux": "fr",
        "flux commercial": "fr",
        "flow": "en",
        "trade flow": "en",
        "flow type": "en",
    },
    HS_CODE: {
        "code sh": "fr",
        "sh": "fr",
        "code du sh": "fr",
        "code produit": "fr",
        "code du produit": "fr",
        "hs code": "en",
        "hs": "en",
        "code hs": "en",
        "product code": "en",
        "code": "",
    },
    PRODUCT: {
        "produit": "fr",
        "libelle": "fr",
        "libelle du produit": "fr",
        "description du produit": "fr",
        "designation": "fr",
        "product": "en",
        "label": "en",
        "product label": "en",
        "description": "en",
        "product description": "en",
    },
    VALUE: {"valeur": "fr", "montant": "fr", "value": "en", "amount": "en"},
}
# Words that only give the unit of a value column: "Valeur ($ CA)", "value_cad".
UNIT_WORDS = {"cad", "ca", "can", "dollars", "dollar", "canadiens", "canadian", "en", "in"}


def normalize_header(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", str(text))
    words = normalize(text).split()
    while len(words) > 1 and words[-1] in UNIT_WORDS:
        words.pop()
    return " ".join(words)


class HeaderProblem(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Columns:
    """Which cell of a row holds which field, as found in the header."""

    index: dict[str, int]
    names: dict[str, str]
    width: int
    language: str
    unknown: list[str]


def map_header(header: list[str]) -> Columns:
    index, names, languages, unknown = {}, {}, [], []
    for position, name in enumerate(header):
        key = normalize_header(name)
        if not key:
            if name == "":
                continue
            unknown.append(name)
            continue
        field = next((f for f, aliases in HEADER_ALIASES.items() if key in aliases), None)
        if field is None:
            unknown.append(name)
            continue
        if field in index:
            raise HeaderProblem(
                _('The columns "%(first)s" and "%(second)s" both give the %(field)s.')
                % {"first": names[field], "second": name, "field": field_label(field)}
            )
        index[field], names[field] = position, name
        languages.append((field, HEADER_ALIASES[field][key]))
    missing = [field for field in REQUIRED if field not in index]
    if missing:
        found = ", ".join(f'"{name}"' for name in header if name) or _("none")
        raise HeaderProblem(
            _(
                "The first row must name the columns. Missing: %(missing)s. Found: %(found)s. "
                "Required: year (année), partner (partenaire), flow (flux), value (valeur); "
                "optional: HS code (code SH), product (produit)."
            )
            % {"missing": ", ".join(field_label(field) for field in missing), "found": found}
        )
    return Columns(
        index=index,
        names=names,
        width=len(header),
        language=_file_language(languages),
        unknown=unknown,
    )


def _file_language(languages: list[tuple[str, str]]) -> str:
    """The language of the product labels: that of the product column's name, else of most."""
    for field, language in languages:
        if field == PRODUCT and language:
            return language
    french = sum(1 for _field, language in languages if language == "fr")
    english = sum(1 for _field, language in languages if language == "en")
    return "en" if english > french else "fr"


def field_label(field: str) -> str:
    return {
        YEAR: _("year"),
        PARTNER: _("partner"),
        FLOW: _("flow"),
        HS_CODE: _("HS code"),
        PRODUCT: _("product"),
        VALUE: _("value"),
    }[field]
