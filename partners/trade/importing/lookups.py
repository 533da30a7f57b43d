"""The partners and products an import resolves its cells to, loaded once per import."""

import difflib
from dataclasses import dataclass

import pycountry
from django.utils.translation import gettext as _

from partners.models import WORLD_CODE, Partner

from ..models import Product
from .rules import CellError, normalize, shown

AMBIGUOUS = -1
WORLD_ALIASES = ("Tous les partenaires", "All partners", "Total des pays", "All countries")


class PartnerLookup:
    """Partners by ISO code (alpha-2, ISO 3166-2, or alpha-3 for countries) or by name in either
    language, case- and accent-insensitive. Loaded once per import."""

    def __init__(self):
        self.codes: dict[str, int] = {}
        self.names: dict[str, int] = {}
        self.shown: dict[str, str] = {}
        self._suggestions: dict[str, str | None] = {}
        for pk, iso_code, *names in Partner.objects.values_list(
            "pk", "iso_code", "name_fr", "name_en"
        ):
            if iso_code:
                self.codes[normalize(iso_code)] = pk
                country = pycountry.countries.get(alpha_2=iso_code) if len(iso_code) == 2 else None
                if country is not None:
                    self.codes.setdefault(normalize(country.alpha_3), pk)
            for name in names:
                if not name:
                    continue
                key = normalize(name)
                if self.names.get(key, pk) != pk:
                    self.names[key] = AMBIGUOUS
                else:
                    self.names[key] = pk
                self.shown.setdefault(key, name)
        # Québec's totals with all partners: the world row (001, "Monde", "World") also under
        # the names the statistics files give it.
        world = self.codes.get(normalize(WORLD_CODE))
        if world is not None:
            for alias in WORLD_ALIASES:
                self.names.setdefault(normalize(alias), world)

    def find(self, cell) -> int:
        key = normalize(cell)
        pk = self.codes.get(key) or self.names.get(key)
        if pk == AMBIGUOUS:
            raise CellError(
                _('"%(value)s" is the name of several partners: give the ISO code')
                % {"value": shown(cell)}
            )
        if pk is None:
            suggestion = self.suggest(key)
            if suggestion:
                raise CellError(
                    _('"%(value)s" is not a known partner; did you mean "%(suggestion)s"?')
                    % {"value": shown(cell), "suggestion": suggestion}
                )
            raise CellError(
                _(
                    '"%(value)s" is not a known partner: give its ISO code or its name '
                    "in French or English"
                )
                % {"value": shown(cell)}
            )
        return pk

    def suggest(self, key: str) -> str | None:
        if key not in self._suggestions:
            close = difflib.get_close_matches(key, self.shown.keys(), n=1, cutoff=0.8)
            self._suggestions[key] = self.shown[close[0]] if close else None
        return self._suggestions[key]


@dataclass
class ProductInfo:
    pk: int | None
    label_fr: str
    label_en: str


def load_products() -> dict[str, ProductInfo]:
    return {
        code: ProductInfo(pk, label_fr or "", label_en or "")
        for pk, code, label_fr, label_en in Product.objects.values_list(
            "pk", "hs_code", "label_fr", "label_en"
        )
    }
