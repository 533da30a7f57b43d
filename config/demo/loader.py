"""Load the demo content (the data files beside this one: partners, agreements, missions),
idempotently.

Every record is found by its natural key (ISO code, slug, HS code, partner/year/flow/product; a
child by its parent and its place in the list) and written only where a value differs, so a
second run changes nothing: no row, and no history row. All of it in one transaction.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.models import Agreement
from missions.models import Mission
from partners.models import (
    Office,
    OfficeKind,
    Partner,
    Product,
    Sector,
    TradeFigure,
    Transition,
)
from partners.publishing.models import PublicationStatus
from partners.reference import sentence_forms, sync_reference_countries

from . import agreements as agreement_data
from . import missions as mission_data
from . import partners as partner_data

PUBLISHED_AT = datetime.datetime(2019, 12, 20, 19, 44, tzinfo=datetime.UTC)  # the seeds' update


@dataclass
class LoadResult:
    """What a run wrote, by model: rows created, updated (fields or links), deleted."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    _created_rows: set = field(default_factory=set, repr=False)
    _updated_rows: set = field(default_factory=set, repr=False)

    def was_created(self, instance) -> None:
        self._created_rows.add((type(instance), instance.pk))
        self.created[type(instance)] += 1

    def was_updated(self, instance) -> None:
        """Counted once per row, and not at all for a row this run created."""
        key = (type(instance), instance.pk)
        if key not in self._created_rows and key not in self._updated_rows:
            self._updated_rows.add(key)
            self.updated[type(instance)] += 1

    def __str__(self):
        """The summary, in the active language (the models' names are translated here)."""
        models = set(self.created) | set(self.updated) | set(self.deleted)
        if not models:
            return str(_("Demo data already loaded: nothing changed."))
        lines = []
        for model in models:
            # Each count its own plural; in French, nouns ("1 création, 0 mise à jour") that
            # agree whatever the kind of record.
            parts = [
                ngettext("%(count)d created", "%(count)d created", self.created[model])
                % {"count": self.created[model]},
                ngettext("%(count)d updated", "%(count)d updated", self.updated[model])
                % {"count": self.updated[model]},
            ]
            if self.deleted[model]:
                parts.append(
                    ngettext("%(count)d deleted", "%(count)d deleted", self.deleted[model])
                    % {"count": self.deleted[model]}
                )
            lines.append(
                _("%(kind)s: %(counts)s")
                % {"kind": model._meta.verbose_name_plural, "counts": ", ".join(parts)}
            )
        return "; ".join(sorted(lines))


def _publication(draft: bool) -> dict:
    if draft:
        return {"publication_status": PublicationStatus.DRAFT, "published_at": None}
    return {
        "publication_status": PublicationStatus.PUBLISHED,
        "published_at": PUBLISHED_AT,
        "french_changed_at": PUBLISHED_AT,
        "english_changed_at": PUBLISHED_AT,
    }


def _upsert(model, result: LoadResult, lookup: dict, values: dict):
    """Create, or update only the fields that differ; return the instance."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        result.was_created(instance)
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        result.was_updated(instance)
    return instance


def _set_m2m(instance, name: str, wanted, result: LoadResult) -> None:
    """Set a many-to-many field (sectors, parties...) only when it holds something else."""
    manager = getattr(instance, name)
    if {obj.pk for obj in manager.all()} != {obj.pk for obj in wanted}:
        manager.set(wanted)
        result.was_updated(instance)


def _sync_children(queryset, link: dict, wanted: list[dict], result: LoadResult) -> None:
    """Ordered children (events, places, delegation...): the n-th row takes the n-th values.

    A child's natural key is its parent and its place in `queryset`'s order. Rows are updated in
    place, and only where a value differs, so that what hangs from them (a recommendation's
    follow-ups) stays; rows beyond the wanted list are deleted.
    """
    model = queryset.model
    current = list(queryset)
    for child, values in zip(current, wanted, strict=False):
        values = _translated_base(dict(values))
        changed = [name for name, value in values.items() if getattr(child, name) != value]
        if changed:
            for name in changed:
                setattr(child, name, values[name])
            child.full_clean(validate_unique=False, validate_constraints=False)
            child.save()
            result.was_updated(child)
    for values in wanted[len(current) :]:
        child = model(**link, **_translated_base(dict(values)))
        child.full_clean(validate_unique=False, validate_constraints=False)
        child.save()
        result.was_created(child)
    for child in current[len(wanted) :]:
        child.delete()
        result.deleted[model] += 1


def _translated_base(values: dict) -> dict:
    """modeltranslation keeps an untranslated column: fill it with the French text."""
    for name, value in list(values.items()):
        if name.endswith("_fr"):
            values.setdefault(name[:-3], value)
    return values


def load_demo() -> LoadResult:
    # Translated fields and lookups follow the active language: load in the default one.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        return _load()


def _load() -> LoadResult:
    result = LoadResult()
    sync_reference_countries()
    published = []  # the records the demo publishes, for their publication step

    sectors = {}
    for position, item in enumerate(partner_data.SECTORS):
        # A sector's key in the demo data is its English slug (`health`), the one it had before
        # sectors had a slug per language.
        values = _translated_base({k: v for k, v in item.items() if k != "slug"})
        sectors[item["slug"]] = _upsert(
            Sector, result, {"slug_en": item["slug"]}, {**values, "position": position}
        )

    partners = {p.iso_code: p for p in Partner.objects.filter(kind="state")}
    for iso, profile in partner_data.COUNTRY_PROFILES.items():
        country = _upsert(
            Partner,
            result,
            {"pk": partners[iso].pk},
            {
                "overview_fr": profile["overview_fr"],
                "overview_en": profile["overview_en"],
                **_publication(draft=False),
            },
        )
        partners[iso] = country
        published.append(country)
        _set_m2m(country, "sectors", [sectors[s] for s in profile["sectors"]], result)

    for item in partner_data.SUBNATIONAL:
        if item.get("europe"):
            overview_fr = partner_data._EUROPE_FR.format(subject=item["europe"])
            overview_en = partner_data._EUROPE_EN.format(name=item["name_en"])
            sector_slugs = partner_data.EUROPE_SECTORS
        elif item.get("mexico"):
            overview_fr = partner_data._MEXICO_FR.format(name=item["name_fr"], year=item["mexico"])
            overview_en = partner_data._MEXICO_EN.format(name=item["name_en"], year=item["mexico"])
            sector_slugs = partner_data.MEXICO_SECTORS
        elif item.get("draft"):
            overview_fr = overview_en = ""
            sector_slugs = []
        else:
            overview_fr, overview_en = item["overview_fr"], item["overview_en"]
            sector_slugs = item["sectors"]
        parent = partners[item["parent"]]
        partner = _upsert(
            Partner,
            result,
            {"iso_code": item["iso"]},
            {
                "name": item["name_fr"],
                "name_fr": item["name_fr"],
                "name_en": item["name_en"],
                "slug": item["iso"].lower(),
                "kind": item["kind"],
                "parent": parent,
                "world_region": parent.world_region,
                **sentence_forms(
                    Partner(name_fr=item["name_fr"], name_en=item["name_en"], kind=item["kind"])
                ),
                "overview_fr": overview_fr,
                "overview_en": overview_en,
                **_publication(draft=item.get("draft", False)),
            },
        )
        partners[item["iso"]] = partner
        if not item.get("draft"):
            published.append(partner)
        _set_m2m(partner, "sectors", [sectors[s] for s in sector_slugs], result)

    for iso, city_fr, city_en, name_fr, name_en, opened in partner_data.OFFICES:
        _upsert(
            Office,
            result,
            {"partner": partners[iso], "city": city_fr, "kind": OfficeKind.OFFICE},
            {
                "city_fr": city_fr,
                "city_en": city_en,
                "name": name_fr,
                "name_fr": name_fr,
                "name_en": name_en,
                "opened_year": opened,
            },
        )

    agreements = {}
    for item in agreement_data.AGREEMENTS:
        signed_on, precision = item["signed"]
        agreement = _upsert(
            Agreement,
            result,
            {"slug_fr": item["slug"]},
            {
                "slug": item["slug"],
                "slug_en": item["slug_en"],
                "title": item["title_fr"],
                "title_fr": item["title_fr"],
                "title_en": item["title_en"],
                "kind": item.get("kind", "agreement"),
                "status": item["status"],
                "signed_on": signed_on,
                "signed_on_precision": precision,
                "summary_fr": item["summary_fr"],
                "summary_en": item["summary_en"],
                **_publication(draft=item.get("draft", False)),
            },
        )
        agreements[item["slug"]] = agreement
        if not item.get("draft"):
            published.append(agreement)
        _set_m2m(agreement, "parties", [partners[p] for p in item["parties"]], result)
        _set_m2m(agreement, "sectors", [sectors[s] for s in item["sectors"]], result)
        _sync_children(
            agreement.events.order_by("pk"),
            {"agreement": agreement},
            [
                {"kind": kind, "date": date, "date_precision": precision}
                for kind, date, precision in item["events"]
            ],
            result,
        )
        _sync_children(
            agreement.funding_calls.order_by("number"),
            {"agreement": agreement},
            item.get("funding_calls", []),
            result,
        )

    published.append(_load_mission(result, partners, sectors, agreements))
    _record_publication(published)

    products = {}
    for code, (label_fr, label_en) in partner_data.PRODUCTS.items():
        products[code] = _upsert(
            Product,
            result,
            {"hs_code": code},
            {"label": label_fr, "label_fr": label_fr, "label_en": label_en},
        )
    for iso, year, flow, code, value, basis in partner_data.TRADE:
        partner = partners.get(iso) or Partner.objects.get(iso_code=iso)
        _upsert(
            TradeFigure,
            result,
            {"partner": partner, "year": year, "flow": flow, "product": products.get(code)},
            {"value_cad": value, "basis": basis},
        )
    return result


def _load_mission(result, partners, sectors, agreements):
    item = mission_data.MISSION
    scalar = {
        key: value
        for key, value in item.items()
        if key
        not in {"slug", "sectors", "agreements_signed", "places", "delegation", "recommendations"}
    }
    mission = _upsert(
        Mission,
        result,
        {"slug_fr": item["slug"]},
        {
            **_translated_base(scalar),
            "slug": item["slug"],
            **_publication(draft=False),
            "published_at": datetime.datetime(2017, 10, 11, 16, 0, tzinfo=datetime.UTC),
            "french_changed_at": datetime.datetime(2017, 10, 11, 16, 0, tzinfo=datetime.UTC),
            "english_changed_at": datetime.datetime(2017, 10, 11, 16, 0, tzinfo=datetime.UTC),
        },
    )
    _set_m2m(mission, "sectors", [sectors[s] for s in item["sectors"]], result)
    _set_m2m(
        mission, "agreements_signed", [agreements[s] for s in item["agreements_signed"]], result
    )
    _sync_children(
        mission.places.order_by("position", "pk"),
        {"mission": mission},
        [
            {"city_fr": fr, "city_en": en, "partner_id": partners[iso].pk, "position": n}
            for n, (fr, en, iso) in enumerate(item["places"])
        ],
        result,
    )
    _sync_children(
        mission.delegation.order_by("position", "pk"),
        {"mission": mission},
        [
            {"name": name, "title_fr": fr, "title_en": en, "position": n}
            for n, (name, fr, en) in enumerate(item["delegation"])
        ],
        result,
    )
    _sync_children(
        mission.recommendations.order_by("position", "pk"),
        {"mission": mission},
        [
            {"text_fr": fr, "text_en": en, "position": n}
            for n, (fr, en) in enumerate(item["recommendations"])
        ],
        result,
    )
    return mission


def _record_publication(records) -> None:
    """The publication step of each record the demo publishes (once: a record that has steps
    keeps them), so that the staff dashboard and the audit trail show what is online."""
    steps = []
    for record in records:
        content_type = ContentType.objects.get_for_model(record)
        if Transition.objects.filter(content_type=content_type, object_id=record.pk).exists():
            continue
        steps.append(
            Transition(
                content_type=content_type,
                object_id=record.pk,
                from_status=PublicationStatus.DRAFT,
                to_status=PublicationStatus.PUBLISHED,
                at=record.published_at,
            )
        )
    Transition.objects.bulk_create(steps)
